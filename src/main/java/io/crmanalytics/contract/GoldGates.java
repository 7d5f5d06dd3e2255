package io.crmanalytics.contract;

import java.util.List;
import java.util.Map;

/**
 * What the publish gates check on a gold table beyond the PII gate every table gets: columns that must never be
 * null, references to silver entities, and whether its row count may be compared with the previous run's.
 * The key (unique per run date) is the table's {@link GoldTable#key()}.
 *
 * @param notNull       columns that must be present and (almost) never null, in the order the gates report them
 * @param references    column of the table -> silver entity whose key column of the same name it must exist in
 * @param volumeChecked true for tables whose size should follow the customer base or the input volume; false for
 *                      findings tables whose row count legitimately swings from day to day
 */
public record GoldGates(List<String> notNull, Map<String, String> references, boolean volumeChecked) {
}
