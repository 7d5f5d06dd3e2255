package io.crmanalytics.cli;

import io.crmanalytics.job.Job;
import io.crmanalytics.propensity.PropensityJob;
import io.crmanalytics.propensity.PropensityOptions;
import io.crmanalytics.propensity.SearchOptions;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code crm propensity}: the warehouse job; {@code train} and {@code score} work on any feature file. */
@Command(name = "propensity", mixinStandardHelpOptions = true,
        description = {"Propensity to buy per product category and the next-best offer per customer.",
                "Writes gold.propensity_scores, gold.next_best_offer, gold.propensity_evaluation and "
                        + "gold.propensity_reliability; saves one model per category under "
                        + "<warehouse>/models/propensity/<run_date>/<category>."},
        subcommands = {PropensityTrainCommand.class, PropensityScoreCommand.class})
final class PropensityCommand extends JobCommand {
    @Option(names = "--outcome-days", defaultValue = "90", paramLabel = "DAYS",
            description = "Outcome window: a label is a purchase within this many days after the cut-off "
                    + "(default: ${DEFAULT-VALUE}).")
    int outcomeDays;

    @Option(names = "--exclude-recent-days", defaultValue = "30", paramLabel = "DAYS",
            description = "Next-best offer skips categories bought in this many days before the run date "
                    + "(default: ${DEFAULT-VALUE}).")
    int excludeRecentDays;

    @Option(names = "--min-positives", defaultValue = "20", paramLabel = "N",
            description = "Skip a category with fewer buyers than this in a label window (default: ${DEFAULT-VALUE}).")
    int minPositives;

    @Option(names = "--categories", split = ",", paramLabel = "NAME",
            description = "Only these product categories (comma-separated; default: all).")
    List<String> categories;

    @Option(names = "--training-windows", defaultValue = "3", paramLabel = "N",
            description = "Past outcome windows pooled as training rows (default: ${DEFAULT-VALUE}).")
    int trainingWindows;

    @Option(names = "--max-training-rows", defaultValue = "250000", paramLabel = "N",
            description = "Train on a uniform random sample when the pooled windows hold more customer-windows "
                    + "than this; 0 = no cap (default: ${DEFAULT-VALUE}).")
    long maxTrainingRows;

    @Option(names = "--grid", defaultValue = "small", paramLabel = "SIZE",
            description = "Model search: none, small or medium (default: ${DEFAULT-VALUE}).")
    String grid;

    @Option(names = "--seed", defaultValue = "42", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Job job() {
        return new PropensityJob(new PropensityOptions(outcomeDays, excludeRecentDays,
                new SearchOptions(SearchOptions.Grid.parse(grid), seed), minPositives, categories,
                trainingWindows, maxTrainingRows));
    }
}
