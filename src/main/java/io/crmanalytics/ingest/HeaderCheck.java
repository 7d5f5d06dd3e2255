package io.crmanalytics.ingest;

import io.crmanalytics.contract.Column;
import io.crmanalytics.core.UserException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.hadoop.fs.Path;

/**
 * Every present entity's header must hold the contract's required columns. All sources are checked before
 * anything is written, and all problems are reported at once, so a broken export changes no table.
 */
final class HeaderCheck {
    private HeaderCheck() {
    }

    static void requireColumns(List<RawInput> inputs) {
        List<String> problems = new ArrayList<>();
        for (RawInput input : inputs) {
            if (input.columns().isEmpty()) {
                continue; // an empty file has no header: zero rows, nothing to check
            }
            List<String> missing = input.source().entity().requiredColumns().stream().map(Column::name)
                    .filter(name -> !input.columns().contains(name)).toList();
            if (!missing.isEmpty()) {
                problems.add(input.source().label() + " (entity " + input.source().entity().name()
                        + ") lacks required column" + (missing.size() > 1 ? "s " : " ") + String.join(", ", missing));
            }
        }
        if (!problems.isEmpty()) {
            throw new UserException("input rejected, nothing was written: " + String.join("; ", problems));
        }
    }

    /**
     * Columns ingest writes itself (lineage, quarantine's rule, the interactions' {@code customer_known}) or uses for
     * its own work (names starting with {@code __}): an input column of that name collided with them midway through
     * the ingest, in an internal error (a re-sent bronze export has {@code _batch_id} and {@code _source_file}).
     * Such an input is rejected before anything is written, naming the columns.
     */
    static final Set<String> RESERVED = Set.of(RawInput.SOURCE_FILE, RawInput.POSITION, RawInput.RECORD_RULE,
            RawInput.RECORD_DETAIL, RawInput.RAW_RECORD, RawInput.RAW_BYTES, Batch.BATCH_ID, Batch.INGESTED_AT,
            Batch.QUARANTINED_AT, QuarantineWriter.RULE, QuarantineWriter.RULE_COLUMN, BatchClassifier.CUSTOMER_KNOWN);

    static void requireNoReservedNames(List<RawInput> inputs) {
        List<String> problems = new ArrayList<>();
        for (RawInput input : inputs) {
            List<String> reserved = input.columns().stream()
                    .filter(name -> RESERVED.contains(name) || name.startsWith("__")).toList();
            if (!reserved.isEmpty()) {
                problems.add(input.source().label() + " has column" + (reserved.size() > 1 ? "s " : " ")
                        + String.join(", ", reserved) + ", which ingest writes itself; rename or drop "
                        + (reserved.size() > 1 ? "them" : "it"));
            }
        }
        if (!problems.isEmpty()) {
            throw new UserException("input rejected, nothing was written: " + String.join("; ", problems));
        }
    }

    /**
     * The part files of one source are read by column name, so they must name the same columns (in any order): a
     * part with another column would lose it or leave it empty without a word. Otherwise the input is rejected
     * before anything is written, naming the part and what differs.
     */
    static void requireSameColumns(EntitySource source, String firstFile, List<String> first,
                                           String file, List<String> names) {
        List<String> missing = first.stream().filter(n -> !names.contains(n)).toList();
        List<String> unexpected = names.stream().filter(n -> !first.contains(n)).toList();
        if (!missing.isEmpty() || !unexpected.isEmpty()) {
            throw new UserException(String.format(Locale.ROOT,
                    "input rejected, nothing was written: in %s the header of %s does not match %s (%s%s%s)",
                    source.label(), new Path(file).getName(), new Path(firstFile).getName(),
                    missing.isEmpty() ? "" : "lacks " + String.join(", ", missing),
                    missing.isEmpty() || unexpected.isEmpty() ? "" : "; ",
                    unexpected.isEmpty() ? "" : "has extra " + String.join(", ", unexpected)));
        }
    }
}
