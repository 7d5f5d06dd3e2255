package io.crmanalytics.quality;

import java.util.List;
import java.util.Map;

/**
 * What the data-quality gates check on one gold table: its key (unique per run date), the columns that must be
 * present and never null, references to silver entities (column -> entity whose key it must name), and whether
 * its row count may be compared with the previous run's.
 *
 * @param references    column of this table -> silver entity whose key column of the same name it must exist in
 * @param volumeChecked true for tables whose size should follow the customer base or the input volume; false for
 *                      findings tables whose row count legitimately swings from day to day
 */
public record TableRules(String table, List<String> key, List<String> required, Map<String, String> references,
                         boolean volumeChecked) {
}
