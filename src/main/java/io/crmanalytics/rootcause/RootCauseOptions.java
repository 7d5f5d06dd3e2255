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

    /** The defaults, declared once: {@link #defaults()} and the CLI's option defaults read them. */
    public static final int MAX_FACTORS = 3;
    public static final double MIN_SUPPORT = 0.01;
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
        if (!(minSupport > 0 && minSupport < 1)) {
            throw new InvalidOption("minSupport", InvalidOption.OPTION
                    + " is a share of complaints, between 0 and 1 (exclusive), got " + minSupport);
        }
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

    private static void atLeastOne(String option, long value) {
        if (value < 1) {
            throw new InvalidOption(option, InvalidOption.OPTION + " must be at least 1, got " + value);
        }
    }

    /** Named settings instead of nine positional values; validation happens in {@link #build()}. */
    public static final class Builder {
        private String reason;
        private List<String> dimensions = Dimensions.ALL;
        private int maxFactors = MAX_FACTORS;
        private double minSupport = MIN_SUPPORT;
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

        public Builder minSupport(double value) {
            minSupport = value;
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
            return new RootCauseOptions(reason, dimensions, maxFactors, minSupport, windowDays, recentDays,
                    baselineDays, top, maxNotesTrainingRows, attributionTruth);
        }
    }
}
