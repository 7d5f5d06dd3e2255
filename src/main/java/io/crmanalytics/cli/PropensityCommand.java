package io.crmanalytics.cli;

import io.crmanalytics.job.Job;
import io.crmanalytics.propensity.PropensityJob;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code crm propensity}: the warehouse job; {@code train} and {@code score} work on any feature file. */
@Command(name = "propensity", mixinStandardHelpOptions = true,
        description = {"Propensity to buy per product category and the next-best offer per customer.",
                "Writes gold.propensity_scores, gold.next_best_offer, gold.propensity_evaluation and "
                        + "gold.propensity_reliability; saves one model per category under "
                        + "<warehouse>/models/propensity/<run_date>/<category>."},
        subcommands = {PropensityTrainCommand.class, PropensityScoreCommand.class})
final class PropensityCommand extends JobCommand {
    @Mixin
    PropensityFlags flags;

    @Override
    public Job job() {
        return new PropensityJob(flags.toOptions());
    }
}
