package io.crmanalytics.cli;

import io.crmanalytics.ingest.IngestOptions;
import java.time.Duration;
import java.util.Map;
import picocli.CommandLine.Option;

/** The options of {@code crm ingest}, with the defaults {@link IngestOptions} declares. */
final class IngestFlags {
    /** The record's fields whose flag carries a unit. */
    static final Map<String, String> FLAGS_OF_FIELDS = Map.of("futureTolerance", "--future-tolerance-hours");

    @Option(names = "--input", required = true, paramLabel = "DIR",
            description = "Input folder: <entity>.csv|.parquet|.json or <entity>/ folders of part files.")
    String input;

    @Option(names = "--max-reject-rate", defaultValue = "" + IngestOptions.MAX_REJECT_RATE, paramLabel = "RATE",
            description = "Largest share of an entity's rows that may be rejected before its silver table is "
                    + "left unchanged and the command fails (default: ${DEFAULT-VALUE}).")
    double maxRejectRate;

    @Option(names = "--default-currency", defaultValue = IngestOptions.DEFAULT_CURRENCY, paramLabel = "CODE",
            description = "ISO-4217 currency of orders whose currency is empty (default: ${DEFAULT-VALUE}).")
    String defaultCurrency;

    @Option(names = "--encoding", defaultValue = IngestOptions.ENCODING, paramLabel = "CHARSET",
            description = "Text encoding of CSV and JSON files, e.g. ISO-8859-1 (default: ${DEFAULT-VALUE}); "
                    + "a record that is not valid text in it is quarantined as bad_encoding.")
    String encoding;

    @Option(names = "--strict",
            description = "Fail, before writing anything, when the input folder holds files that are not a "
                    + "contract entity (they are otherwise listed and ignored).")
    boolean strict;

    @Option(names = "--future-tolerance-hours", defaultValue = "" + IngestOptions.FUTURE_TOLERANCE_HOURS,
            paramLabel = "HOURS",
            description = "How far past now a date or time may lie before its row is quarantined as "
                    + "future_time (default: ${DEFAULT-VALUE}).")
    long futureToleranceHours;

    @Option(names = "--min-volume-ratio", defaultValue = "" + IngestOptions.MIN_VOLUME_RATIO, paramLabel = "RATIO",
            description = "Warn when an entity's batch has fewer rows than this share of the median of its "
                    + "last five batches (default: ${DEFAULT-VALUE}).")
    double minVolumeRatio;

    IngestOptions toOptions() {
        return IngestOptions.builder(input).maxRejectRate(maxRejectRate).defaultCurrency(defaultCurrency)
                .encoding(IngestOptions.charset(encoding)).strict(strict)
                .futureTolerance(Duration.ofHours(futureToleranceHours)).minVolumeRatio(minVolumeRatio).build();
    }
}
