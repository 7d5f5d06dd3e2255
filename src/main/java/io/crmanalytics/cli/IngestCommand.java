package io.crmanalytics.cli;

import io.crmanalytics.ingest.IngestJob;
import io.crmanalytics.ingest.IngestOptions;
import io.crmanalytics.job.Job;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code crm ingest}: the input folder into bronze, silver and quarantine (see docs/ingest.md). */
@Command(name = "ingest", mixinStandardHelpOptions = true,
        description = "Read an input folder (data contract) into bronze, validate into silver, quarantine rejects.")
final class IngestCommand extends JobCommand {
    @Option(names = "--input", required = true, paramLabel = "DIR",
            description = "Input folder: <entity>.csv|.parquet|.json or <entity>/ folders of part files.")
    String input;

    @Option(names = "--max-reject-rate", defaultValue = "0.05", paramLabel = "RATE",
            description = "Largest share of an entity's rows that may be rejected before its silver table is "
                    + "left unchanged and the command fails (default: ${DEFAULT-VALUE}).")
    double maxRejectRate;

    @Option(names = "--default-currency", defaultValue = IngestOptions.DEFAULT_CURRENCY, paramLabel = "CODE",
            description = "ISO-4217 currency of orders whose currency is empty (default: ${DEFAULT-VALUE}).")
    String defaultCurrency;

    @Override
    public Job job() {
        return new IngestJob(new IngestOptions(input, maxRejectRate, defaultCurrency));
    }
}
