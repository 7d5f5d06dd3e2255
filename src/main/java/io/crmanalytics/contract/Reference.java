package io.crmanalytics.contract;

/**
 * A referential rule: {@code column} of this entity must name an existing {@code targetEntity} key.
 *
 * @param rejectOrphans true when an orphan row goes to quarantine; false when it is kept and flagged
 *                      (an interaction's unknown customer_id)
 */
public record Reference(String column, String targetEntity, String targetColumn, boolean rejectOrphans) {
}
