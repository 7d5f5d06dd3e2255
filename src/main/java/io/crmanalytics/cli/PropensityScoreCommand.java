package io.crmanalytics.cli;

import io.crmanalytics.propensity.ByoScoring;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code crm propensity score}: one CSV of id and propensity from a model saved by {@code train}. */
@Command(name = "score", mixinStandardHelpOptions = true,
        description = "Score a feature table with a model from `crm propensity train`; writes one CSV file.")
final class PropensityScoreCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--model-dir", required = true, paramLabel = "DIR", description = "A model saved by train.")
    String modelDir;

    @Option(names = "--features", required = true, paramLabel = "FILE", description = "Feature table, .csv or .parquet.")
    String features;

    @Option(names = "--out", required = true, paramLabel = "FILE.csv", description = "Output CSV file (id, propensity).")
    String out;

    @Override
    public Integer call() {
        Main main = (Main) spec.root().userObject();
        ByoScoring.Summary s = ByoScoring.score(main.context().spark(), modelDir, features, out,
                main.context().progress());
        PrintWriter w = spec.commandLine().getOut();
        if (!s.missingColumns().isEmpty()) {
            w.println("note: the feature file lacks " + String.join(", ", s.missingColumns())
                    + "; scored as missing values");
        }
        w.printf(Locale.ROOT, "wrote %,d rows to %s%n", s.rows(), out);
        w.flush();
        return 0;
    }
}
