package io.crmanalytics.cli;

import io.crmanalytics.job.JobContext;
import io.crmanalytics.propensity.ByoTraining;
import io.crmanalytics.propensity.Explainer;
import io.crmanalytics.propensity.SearchOptions;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code crm propensity train}: model search on any wide feature table; saves the chosen pipeline. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train a propensity model on your own feature table (CSV with header, or Parquet).")
final class PropensityTrainCommand extends CrmCommand {
    @Option(names = "--features", required = true, paramLabel = "FILE", description = "Feature table, .csv or .parquet.")
    String features;

    @Option(names = "--label", required = true, paramLabel = "COL", description = "Label column: 0/1, true/false or yes/no.")
    String label;

    @Option(names = "--id", required = true, paramLabel = "COL", description = "Id column (not a feature).")
    String id;

    @Option(names = "--model-dir", required = true, paramLabel = "DIR", description = "Where the model is saved.")
    String modelDir;

    @Option(names = "--categorical", split = ",", paramLabel = "COL",
            description = "Columns to treat as categories (codes), whatever their type.")
    List<String> categorical;

    @Option(names = "--numeric", split = ",", paramLabel = "COL",
            description = "Columns to treat as numbers, e.g. an integer column that would be read as a code.")
    List<String> numeric;

    @Mixin
    SearchFlags search;

    @Override
    public Integer call() {
        Main main = main();
        SearchOptions options = OptionFlags.reworded(spec, Map.of(), search::toOptions);
        JobContext context = main.context();
        ByoTraining.Summary s = ByoTraining.train(context.spark(), features, label, id, modelDir, options,
                new ByoTraining.Declared(categorical, numeric), context.progress());
        PrintWriter out = out();
        out.printf(Locale.ROOT, "columns: %d numeric, %d categorical%n", s.numeric().size(), s.categorical().size());
        if (!s.codes().isEmpty()) {
            StringBuilder codes = new StringBuilder();
            s.codes().forEach((name, levels) -> codes.append(codes.length() == 0 ? "" : ", ").append(name)
                    .append(" (").append(levels).append(" values)"));
            out.println("  integer columns read both as numbers and as codes (categories): " + codes
                    + "; use --numeric or --categorical to choose one");
        }
        if (!s.declared().isEmpty()) {
            out.println("  as declared: " + String.join(", ", s.declared()));
        }
        out.println("  categorical: " + (s.categorical().isEmpty() ? "none" : String.join(", ", s.categorical())));
        if (s.samplingFraction() < 1) {
            out.printf(Locale.ROOT, "trained on a %.1f%% random sample of the training rows%n",
                    100 * s.samplingFraction());
        }
        out.printf(Locale.ROOT, "trained on %,d rows (%,d positives); 20%% held out to choose and calibrate%n",
                s.rows(), s.positives());
        for (Map.Entry<String, Double> stopping : s.stoppingAuc().entrySet()) {
            out.printf(Locale.ROOT, "  %-24s stopping-fold AUC %.4f   held-out AUC %.4f%n", stopping.getKey(),
                    stopping.getValue(), s.validationAuc().get(stopping.getKey()));
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
