package io.crmanalytics.rootcause;

import io.crmanalytics.core.UserException;
import java.util.List;

/**
 * Options of the root-cause job, validated here so that a bad value ends in one clear line.
 *
 * @param reason       analyse only this complaint reason (besides 'all'); null for every reason
 * @param dimensions   the shipment attributes to explain by, in dimension-name order
 * @param maxFactors   largest combination size
 * @param minSupport   minimum share of a reason's complaints a group must hold to be examined
 * @param windowDays   attribution window before the contact
 * @param recentDays   recent window of the trends
 * @param baselineDays baseline window before the recent one
 * @param top          findings printed per reason
 * @param maxNotesTrainingRows at most this many labeled notes train the notes model (a seeded random sample
 *                     above it); 0 for no cap
 * @param attributionTruth a CSV of the interactions' true shipments ({@code interaction_id, shipment_id}, e.g. the
 *                     generator's ground_truth_interactions.csv) to measure the attribution against; null for none
 */
public record RootCauseOptions(String reason, List<String> dimensions, int maxFactors, double minSupport,
                               int windowDays, int recentDays, int baselineDays, int top,
                               long maxNotesTrainingRows, String attributionTruth) {
    /** Significance level for q-values: a finding is significant when q < ALPHA. */
    public static final double ALPHA = 0.05;

    public RootCauseOptions {
        dimensions = List.copyOf(dimensions);
        if (dimensions.isEmpty()) {
            throw new UserException("--dimensions names no dimension");
        }
        if (maxFactors < 1 || maxFactors > dimensions.size()) {
            throw new UserException("--max-factors must be between 1 and the number of dimensions ("
                    + dimensions.size() + "), got " + maxFactors);
        }
        if (!(minSupport > 0 && minSupport < 1)) {
            throw new UserException("--min-support is a share of complaints, between 0 and 1 (exclusive), got "
                    + minSupport);
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

    /** Without a truth to measure the attribution against. */
    public RootCauseOptions(String reason, List<String> dimensions, int maxFactors, double minSupport,
                            int windowDays, int recentDays, int baselineDays, int top, long maxNotesTrainingRows) {
        this(reason, dimensions, maxFactors, minSupport, windowDays, recentDays, baselineDays, top,
                maxNotesTrainingRows, null);
    }

    public static RootCauseOptions defaults() {
        return new RootCauseOptions(null, Dimensions.ALL, 3, 0.01, 30, 14, 90, 10, 100_000);
    }
}
