package io.crmanalytics.cli;

import io.crmanalytics.job.Job;
import io.crmanalytics.publish.PublishJob;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code crm publish}: customer_360, data-quality gates, then the Parquet exports for BI tools. */
@Command(name = "publish", mixinStandardHelpOptions = true,
        description = "Build gold.customer_360, run the data-quality gates on every gold table and, when all pass, "
                + "export the run date's gold rows as Parquet to <warehouse>/exports/<run_date>/ with a data "
                + "dictionary, and point exports/latest at it. See docs/delivery.md.")
final class PublishCommand extends JobCommand {
    @Mixin
    PublishFlags flags;

    @Override
    public Job job() {
        return new PublishJob(flags.toThresholds());
    }
}
