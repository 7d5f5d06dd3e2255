package io.crmanalytics.rootcause;

import io.crmanalytics.core.InvalidOption;
import java.util.List;

/**
 * Options of the root-cause job, validated here so that a bad value ends in one clear line. Defaults are declared
 * once, as the constants below; a value out of its domain is an {@link InvalidOption} naming the field (the CLI
 * names its flag).
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
 * @param attributionTruth a CSV of the interactions' true shipments ({@code interaction_id, shipment_id}, e.g. the
 *                     generator's ground_truth_interactions.csv) to measure the attribution against; null for none
 */
public record RootCauseOptions(String reason, List<String> dimensions, int maxFactors, long minShipments,
                               long minComplaints, int windowDays, int recentDays, int baselineDays, int top,
                               long maxNotesTrainingRows, String attributionTruth) {
    /** Significance level for q-values: a finding is significant when q < ALPHA. */
    public static final double ALPHA = 0.05;

    /** The defaults, declared once: {@link #defaults()} and the CLI's option defaults read them. */
    public static final int MAX_FACTORS = 3;
    /** 0: the exposure floor comes from the power calculation of {@link ExposureFloor}. */
    public static final long MIN_SHIPMENTS = 0;
    /**
     * Fewer complaints than this make no finding to hand to operations, however small the p-value: a group whose
     * handful of complaints is significant is a lead, not a root cause. Applied after testing, so it changes
     * which results are shown, never which hypotheses were tested.
     */
    public static final long MIN_COMPLAINTS = 5;
    public static final int WINDOW_DAYS = 30;
    public static final int RECENT_DAYS = 14;
    public static final int BASELINE_DAYS = 90;
    public static final int TOP = 10;
    public static final long MAX_NOTES_TRAINING_ROWS = 100_000;

    public RootCauseOptions {
        dimensions = List.copyOf(dimensions);
        if (dimensions.isEmpty()) {
            throw new InvalidOption("dimensions", InvalidOption.OPTION + " names no dimension");
        }
        if (maxFactors < 1 || maxFactors > dimensions.size()) {
            throw new InvalidOption("maxFactors", InvalidOption.OPTION
                    + " must be between 1 and the number of dimensions (" + dimensions.size() + "), got " + maxFactors);
        }
        if (minShipments < 0) {
            throw new InvalidOption("minShipments", InvalidOption.OPTION
                    + " must be 0 (from the power calculation) or more, got " + minShipments);
        }
        atLeastOne("minComplaints", minComplaints);
        atLeastOne("windowDays", windowDays);
        atLeastOne("recentDays", recentDays);
        atLeastOne("baselineDays", baselineDays);
        if (maxNotesTrainingRows < 0) {
            throw new InvalidOption("maxNotesTrainingRows", InvalidOption.OPTION
                    + " must be 0 (no cap) or more, got " + maxNotesTrainingRows);
        }
        atLeastOne("top", top);
        if (reason != null) {
            reason = reason.trim().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public static RootCauseOptions defaults() {
        return builder().build();
    }

    /** A builder starting from the defaults (every reason, every dimension): set only what differs. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from these options. */
    public Builder toBuilder() {
        return builder().reason(reason).dimensions(dimensions).maxFactors(maxFactors).minShipments(minShipments)
                .minComplaints(minComplaints).windowDays(windowDays).recentDays(recentDays).baselineDays(baselineDays)
                .top(top).maxNotesTrainingRows(maxNotesTrainingRows).attributionTruth(attributionTruth);
    }

    private static void atLeastOne(String option, long value) {
        if (value < 1) {
            throw new InvalidOption(option, InvalidOption.OPTION + " must be at least 1, got " + value);
        }
    }

    /** Named settings instead of eleven positional values; validation happens in {@link #build()}. */
    public static final class Builder {
        private String reason;
        private List<String> dimensions = Dimensions.ALL;
        private int maxFactors = MAX_FACTORS;
        private long minShipments = MIN_SHIPMENTS;
        private long minComplaints = MIN_COMPLAINTS;
        private int windowDays = WINDOW_DAYS;
        private int recentDays = RECENT_DAYS;
        private int baselineDays = BASELINE_DAYS;
        private int top = TOP;
        private long maxNotesTrainingRows = MAX_NOTES_TRAINING_ROWS;
        private String attributionTruth;

        private Builder() {
        }

        public Builder reason(String value) {
            reason = value;
            return this;
        }

        public Builder dimensions(List<String> value) {
            dimensions = value;
            return this;
        }

        public Builder maxFactors(int value) {
            maxFactors = value;
            return this;
        }

        public Builder minShipments(long value) {
            minShipments = value;
            return this;
        }

        public Builder minComplaints(long value) {
            minComplaints = value;
            return this;
        }

        public Builder windowDays(int value) {
            windowDays = value;
            return this;
        }

        public Builder recentDays(int value) {
            recentDays = value;
            return this;
        }

        public Builder baselineDays(int value) {
            baselineDays = value;
            return this;
        }

        public Builder top(int value) {
            top = value;
            return this;
        }

        public Builder maxNotesTrainingRows(long value) {
            maxNotesTrainingRows = value;
            return this;
        }

        public Builder attributionTruth(String value) {
            attributionTruth = value;
            return this;
        }

        public RootCauseOptions build() {
            return new RootCauseOptions(reason, dimensions, maxFactors, minShipments, minComplaints, windowDays,
                    recentDays, baselineDays, top, maxNotesTrainingRows, attributionTruth);
        }
    }
}
