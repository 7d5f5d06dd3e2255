package io.crmanalytics.cli;

import io.crmanalytics.job.JobContext;
import io.crmanalytics.propensity.ByoScoring;
import java.io.PrintWriter;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code crm propensity score}: one CSV of id and propensity from a model saved by {@code train}. */
@Command(name = "score", mixinStandardHelpOptions = true,
        description = "Score a feature table with a model from `crm propensity train`; writes one CSV file.")
final class PropensityScoreCommand extends CrmCommand {
    @Option(names = "--model-dir", required = true, paramLabel = "DIR", description = "A model saved by train.")
    String modelDir;

    @Option(names = "--features", required = true, paramLabel = "FILE", description = "Feature table, .csv or .parquet.")
    String features;

    @Option(names = "--out", required = true, paramLabel = "FILE.csv", description = "Output CSV file (id, propensity).")
    String out;

    @Override
    public Integer call() {
        JobContext context = context();
        ByoScoring.Summary s = ByoScoring.score(context.spark(), modelDir, features, out, context.progress());
        PrintWriter w = out();
        if (!s.missingColumns().isEmpty()) {
            w.println("note: the feature file lacks " + String.join(", ", s.missingColumns())
                    + "; scored as missing values");
        }
        w.printf(Locale.ROOT, "wrote %,d rows to %s%n", s.rows(), out);
        w.flush();
        return 0;
    }
}
