package io.crmanalytics.rootcause;

import io.crmanalytics.core.UserException;
import java.util.List;

/**
 * Options of the root-cause job, validated here so that a bad value ends in one clear line.
 *
 * @param reason       analyse only this complaint reason (besides 'all'); null for every reason
 * @param dimensions   the shipment attributes to explain by, in dimension-name order
 * @param maxFactors   largest combination size
 * @param minShipments minimum shipments a group must have to be examined (exposure floor); 0 for the default,
 *                     a power calculation per reason ({@link ExposureFloor})
 * @param minComplaints a tested finding is reported only with at least this many complaints (a reporting
 *                     threshold after the tests, never a filter before them)
 * @param windowDays   attribution window before the contact
 * @param recentDays   recent window of the trends
 * @param baselineDays baseline window before the recent one
 * @param top          findings printed per reason
 * @param maxNotesTrainingRows at most this many labeled notes train the notes model (a seeded random sample
 *                     above it); 0 for no cap
 */
public record RootCauseOptions(String reason, List<String> dimensions, int maxFactors, long minShipments, long minComplaints,
                               int windowDays, int recentDays, int baselineDays, int top,
                               long maxNotesTrainingRows) {
    /** Significance level for q-values: a finding is significant when q < ALPHA. */
    public static final double ALPHA = 0.05;
    /**
     * Fewer complaints than this make no finding to hand to operations, however small the p-value: a group whose
     * handful of complaints is significant is a lead, not a root cause. Applied after testing, so it changes
     * which results are shown, never which hypotheses were tested.
     */
    public static final long DEFAULT_MIN_COMPLAINTS = 5;

    public RootCauseOptions {
        dimensions = List.copyOf(dimensions);
        if (dimensions.isEmpty()) {
            throw new UserException("--dimensions names no dimension");
        }
        if (maxFactors < 1 || maxFactors > dimensions.size()) {
            throw new UserException("--max-factors must be between 1 and the number of dimensions ("
                    + dimensions.size() + "), got " + maxFactors);
        }
        if (minShipments < 0) {
            throw new UserException("--min-shipments must be 0 (from the power calculation) or more, got "
                    + minShipments);
        }
        if (minComplaints < 1) {
            throw new UserException("--min-complaints must be at least 1, got " + minComplaints);
        }
        if (windowDays < 1 || recentDays < 1 || baselineDays < 1) {
            throw new UserException("--window-days, --recent-days and --baseline-days must be at least 1");
        }
        if (maxNotesTrainingRows < 0) {
            throw new UserException("--max-notes-training-rows must be 0 (no cap) or more, got "
                    + maxNotesTrainingRows);
        }
        if (top < 1) {
            throw new UserException("--top must be at least 1, got " + top);
        }
        if (reason != null) {
            reason = reason.trim().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public static RootCauseOptions defaults() {
        return new RootCauseOptions(null, Dimensions.ALL, 3, 0, DEFAULT_MIN_COMPLAINTS, 30, 14, 90, 10, 100_000);
    }
}
