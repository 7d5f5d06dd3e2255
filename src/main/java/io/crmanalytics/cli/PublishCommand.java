package io.crmanalytics.cli;

import io.crmanalytics.job.Job;
import io.crmanalytics.publish.PublishJob;
import io.crmanalytics.quality.QualityGates;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** {@code crm publish}: customer_360, data-quality gates, then the Parquet exports for BI tools. */
@Command(name = "publish", mixinStandardHelpOptions = true,
        description = "Build gold.customer_360, run the data-quality gates on every gold table and, when all pass, "
                + "export the run date's gold rows as Parquet to <warehouse>/exports/<run_date>/ with a data "
                + "dictionary, and point exports/latest at it. See docs/delivery.md.")
final class PublishCommand extends JobCommand {
    @Option(names = "--max-volume-change", defaultValue = "0.5", paramLabel = "SHARE",
            description = "Largest relative change of a table's row count against the previous run date "
                    + "(default: ${DEFAULT-VALUE}, i.e. +-50%%).")
    double maxVolumeChange;

    @Option(names = "--max-null-share", defaultValue = "0.0", paramLabel = "SHARE",
            description = "Largest share of nulls allowed in a table's required columns (default: ${DEFAULT-VALUE}).")
    double maxNullShare;

    @Override
    public Job job() {
        if (!(maxVolumeChange >= 0) || !(maxNullShare >= 0 && maxNullShare <= 1)) {
            throw new ParameterException(spec.commandLine(),
                    "--max-volume-change must be >= 0 and --max-null-share within [0, 1]");
        }
        return new PublishJob(new QualityGates.Thresholds(maxVolumeChange, maxNullShare));
    }
}
