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

    @Option(names = "--encoding", defaultValue = IngestOptions.DEFAULT_ENCODING, paramLabel = "CHARSET",
            description = "Text encoding of CSV and JSON files, e.g. ISO-8859-1 (default: ${DEFAULT-VALUE}); "
                    + "a record that is not valid text in it is quarantined as bad_encoding.")
    String encoding;

    @Option(names = "--strict",
            description = "Fail, before writing anything, when the input folder holds files that are not a "
                    + "contract entity (they are otherwise listed and ignored).")
    boolean strict;

    @Option(names = "--future-tolerance-hours", defaultValue = "24", paramLabel = "HOURS",
            description = "How far past now a date or time may lie before its row is quarantined as "
                    + "future_time (default: ${DEFAULT-VALUE}).")
    long futureToleranceHours;

    @Option(names = "--min-volume-ratio", defaultValue = "0.1", paramLabel = "RATIO",
            description = "Warn when an entity's batch has fewer rows than this share of the median of its "
                    + "last five batches (default: ${DEFAULT-VALUE}).")
    double minVolumeRatio;

    @Override
    public Job job() {
        return new IngestJob(new IngestOptions(input, maxRejectRate, defaultCurrency, IngestOptions.charset(encoding),
                strict, java.time.Duration.ofHours(futureToleranceHours), minVolumeRatio));
    }
}
