package io.crmanalytics.ingest;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What happened to one entity in one batch. {@code rowsIn = silver + quarantined + exactDuplicates} always:
 * silver counts accepted rows (whether new, updated or already there), quarantined the rejected distinct rows.
 *
 * @param rules          quarantined rows per rule, most frequent first
 * @param silverWritten  rows the MERGE inserted or updated (0 when the batch changed nothing)
 * @param quarantineWritten rejected rows added to quarantine (0 when they were all there from an earlier batch)
 * @param rejected       the reject rate exceeded the limit: silver was left as it was
 * @param warnings       what looked wrong without breaking a row rule (the volume rule)
 */
public record EntityReport(String entity, String source, long rowsIn, long silver, long quarantined,
                           long exactDuplicates, Map<String, Long> rules, long silverWritten, long quarantineWritten, boolean rejected,
                           double seconds, List<String> warnings) {

    public double rejectRate() {
        return rowsIn == 0 ? 0 : (double) quarantined / rowsIn;
    }

    /** e.g. {@code bad_timestamp 5, missing_required 2}. */
    public String topRules(int limit) {
        return rules.entrySet().stream().limit(limit).map(e -> e.getKey() + " " + e.getValue())
                .collect(Collectors.joining(", "));
    }

    static Map<String, Long> sortedRules(Map<String, Long> counts) {
        Map<String, Long> sorted = new LinkedHashMap<>();
        counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .forEach(e -> sorted.put(e.getKey(), e.getValue()));
        return sorted;
    }

    String summaryLine() {
        return String.format(Locale.ROOT, "%-20s %12d %12d %12d %12d %8.2f%%  %s", entity, rowsIn, silver,
                quarantined, exactDuplicates, 100 * rejectRate(), rejected ? "REJECTED (silver unchanged) " + topRules(3)
                        : topRules(3));
    }

    static String summaryHeader() {
        return String.format(Locale.ROOT, "%-20s %12s %12s %12s %12s %9s  %s", "entity", "rows in", "silver",
                "quarantined", "exact dups", "rejected", "top rules");
    }
}
