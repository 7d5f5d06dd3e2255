package io.crmanalytics.cli;

import io.crmanalytics.ingest.IngestOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;

/**
 * The options of ingest, declared once with the defaults {@link IngestOptions} declares: {@code crm ingest} takes
 * them, and {@code crm run} takes them too and hands the ones given on its command line to the graph's ingest step
 * ({@link #given}). The input folder is not among them: each command declares its own {@code --input}.
 */
final class IngestFlags {
    /** The record's fields whose flag carries a unit. */
    static final Map<String, String> FLAGS_OF_FIELDS = Map.of("futureTolerance", "--future-tolerance-hours");

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

    IngestOptions toOptions(String input) {
        return IngestOptions.builder(input).maxRejectRate(maxRejectRate).defaultCurrency(defaultCurrency)
                .encoding(IngestOptions.charset(encoding)).strict(strict)
                .futureTolerance(Duration.ofHours(futureToleranceHours)).minVolumeRatio(minVolumeRatio).build();
    }

    /**
     * The options of this mixin that {@code command}'s own command line (not a default or the config file) set,
     * as arguments for {@code crm ingest}: the config file reaches the ingest step by itself.
     */
    static List<String> given(CommandSpec command, String mixin) {
        ParseResult parsed = command.commandLine().getParseResult();
        List<String> args = new ArrayList<>();
        for (OptionSpec option : command.mixins().get(mixin).options()) {
            if (!parsed.hasMatchedOption(option)) {
                continue;
            }
            if (option.arity().max() == 0) {
                if (Boolean.TRUE.equals(option.getValue())) {
                    args.add(option.longestName());
                }
            } else {
                args.add(option.longestName() + "=" + option.getValue());
            }
        }
        return args;
    }
}
