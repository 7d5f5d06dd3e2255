package io.crmanalytics.cli;

import io.crmanalytics.job.JobContext;
import io.crmanalytics.propensity.ByoTraining;
import io.crmanalytics.propensity.Explainer;
import io.crmanalytics.propensity.SearchOptions;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code crm propensity train}: model search on any wide feature table; saves the chosen pipeline. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train a propensity model on your own feature table (CSV with header, or Parquet).")
final class PropensityTrainCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--features", required = true, paramLabel = "FILE", description = "Feature table, .csv or .parquet.")
    String features;

    @Option(names = "--label", required = true, paramLabel = "COL", description = "Label column: 0/1, true/false or yes/no.")
    String label;

    @Option(names = "--id", required = true, paramLabel = "COL", description = "Id column (not a feature).")
    String id;

    @Option(names = "--model-dir", required = true, paramLabel = "DIR", description = "Where the model is saved.")
    String modelDir;

    @Option(names = "--grid", defaultValue = "small", paramLabel = "SIZE",
            description = "Hyper-parameter grid: none, small or medium (default: ${DEFAULT-VALUE}).")
    String grid;

    @Option(names = "--folds", defaultValue = "3", paramLabel = "K",
            description = "Cross-validation folds (default: ${DEFAULT-VALUE}).")
    int folds;

    @Option(names = "--seed", defaultValue = "42", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() {
        Main main = (Main) spec.root().userObject();
        SearchOptions options = new SearchOptions(SearchOptions.Grid.parse(grid), folds, seed);
        JobContext context = main.context();
        ByoTraining.Summary s = ByoTraining.train(context.spark(), features, label, id, modelDir, options,
                context.progress());
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "trained on %,d rows (%,d positives); 20%% held out to choose and calibrate%n",
                s.rows(), s.positives());
        for (Map.Entry<String, Double> cv : s.cvAuc().entrySet()) {
            out.printf(Locale.ROOT, "  %-24s cross-validated AUC %.4f   held-out AUC %.4f%n", cv.getKey(),
                    cv.getValue(), s.validationAuc().get(cv.getKey()));
        }
        out.printf(Locale.ROOT, "chosen: %s (%s), calibration error %.4f%n", s.chosen(), s.params(),
                s.calibrationError());
        out.println("top features:");
        for (Explainer.TopFeature f : s.topFeatures()) {
            out.printf(Locale.ROOT, "  %-40s %.4f %s%n", f.name(), f.strength(), f.direction());
        }
        if (!s.skippedColumns().isEmpty()) {
            out.println("ignored (neither number nor text): " + String.join(", ", s.skippedColumns()));
        }
        out.println("saved to " + modelDir);
        out.flush();
        return 0;
    }
}
