package io.crmanalytics.cli;

import io.crmanalytics.propensity.PropensityOptions;
import java.util.List;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The options of {@code crm propensity}, with the defaults {@link PropensityOptions} declares. */
final class PropensityFlags {
    @Option(names = "--outcome-days", defaultValue = "" + PropensityOptions.OUTCOME_DAYS, paramLabel = "DAYS",
            description = "Outcome window: a label is a purchase within this many days after the cut-off "
                    + "(default: ${DEFAULT-VALUE}).")
    int outcomeDays;

    @Option(names = "--exclude-recent-days", defaultValue = "" + PropensityOptions.EXCLUDE_RECENT_DAYS,
            paramLabel = "DAYS",
            description = "Next-best offer skips categories bought in this many days before the run date "
                    + "(default: ${DEFAULT-VALUE}).")
    int excludeRecentDays;

    @Option(names = "--min-positives", defaultValue = "" + PropensityOptions.MIN_POSITIVES, paramLabel = "N",
            description = "Skip a category with fewer buyers than this in a label window (default: ${DEFAULT-VALUE}).")
    int minPositives;

    @Option(names = "--categories", split = ",", paramLabel = "NAME",
            description = "Only these product categories (comma-separated; default: all).")
    List<String> categories;

    @Option(names = "--training-windows", defaultValue = "" + PropensityOptions.TRAINING_WINDOWS, paramLabel = "N",
            description = "Past outcome windows pooled as training rows (default: ${DEFAULT-VALUE}).")
    int trainingWindows;

    @Option(names = "--max-training-rows", defaultValue = "" + PropensityOptions.MAX_TRAINING_ROWS, paramLabel = "N",
            description = "Train on a uniform random sample when the pooled windows hold more customer-windows "
                    + "than this; 0 = no cap (default: ${DEFAULT-VALUE}).")
    long maxTrainingRows;

    @Mixin
    SearchFlags search;

    PropensityOptions toOptions() {
        return PropensityOptions.builder().outcomeDays(outcomeDays).excludeRecentDays(excludeRecentDays)
                .search(search.toOptions()).minPositives(minPositives).categories(categories)
                .trainingWindows(trainingWindows).maxTrainingRows(maxTrainingRows).build();
    }
}
