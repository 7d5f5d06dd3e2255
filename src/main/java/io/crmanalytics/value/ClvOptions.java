package io.crmanalytics.value;

import io.crmanalytics.core.InvalidOption;
import java.time.LocalDate;

/**
 * Options of the customer-value job. Defaults are declared once, as the constants below ({@link #defaults()},
 * {@link #builder()} and the CLI's flags read them); a value out of its domain is an {@link InvalidOption} naming
 * the field (the CLI names its flag).
 *
 * @param calibrationEnd     last day whose orders count (null: the run date)
 * @param unit               time unit of frequency, recency, T and the model parameters
 * @param horizon            CLV and expected-purchase horizon, in {@code unit}
 * @param holdoutEnd         with a date, validate predictions against (calibration end, holdout end]
 * @param margin             share of revenue that is margin (1.0: CLV in revenue)
 * @param annualDiscountRate yearly discount rate for CLV
 * @param tierShares         value-tier shares
 * @param atRiskAlive        probability-alive threshold for "high value at risk"
 */
public record ClvOptions(LocalDate calibrationEnd, TimeUnit unit, double horizon, LocalDate holdoutEnd,
                         double margin, double annualDiscountRate, ValueSegments.TierShares tierShares,
                         double atRiskAlive) {
    /** The defaults, declared once. Text where the CLI parses the value ({@link TimeUnit#parse}, tier shares). */
    public static final String TIME_UNIT = "week";
    /** A year of weeks. */
    public static final double HORIZON = 52;
    /** CLV in revenue: no margin applied unless the business states one. */
    public static final double MARGIN = 1.0;
    public static final double ANNUAL_DISCOUNT_RATE = 0.10;
    /** Percent of customers by CLV in the platinum, gold and silver tiers ({@link ValueSegments.TierShares#parse}). */
    public static final String TIER_SHARES = "5,15,30";
    public static final double AT_RISK_ALIVE = 0.5;

    public ClvOptions {
        if (!(horizon > 0)) {
            throw new InvalidOption("horizon", InvalidOption.OPTION + " must be > 0, got " + horizon);
        }
        if (!(margin >= 0 && margin <= 1)) {
            throw new InvalidOption("margin", InvalidOption.OPTION
                    + " must be between 0 and 1 (a share of revenue), got " + margin);
        }
        if (!(annualDiscountRate >= 0 && annualDiscountRate < 1)) {
            throw new InvalidOption("annualDiscountRate", InvalidOption.OPTION + " must be in [0, 1), got "
                    + annualDiscountRate);
        }
        if (!(atRiskAlive >= 0 && atRiskAlive <= 1)) {
            throw new InvalidOption("atRiskAlive", InvalidOption.OPTION + " must be between 0 and 1, got "
                    + atRiskAlive);
        }
        if (holdoutEnd != null && calibrationEnd != null && !holdoutEnd.isAfter(calibrationEnd)) {
            throw new InvalidOption("holdoutEnd", InvalidOption.OPTION + " " + holdoutEnd
                    + " must be after the calibration end " + calibrationEnd);
        }
    }

    public static ClvOptions defaults() {
        return builder().build();
    }

    /** A builder starting from the defaults: set only what differs. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from these options. */
    public Builder toBuilder() {
        return builder().calibrationEnd(calibrationEnd).unit(unit).horizon(horizon).holdoutEnd(holdoutEnd)
                .margin(margin).annualDiscountRate(annualDiscountRate).tierShares(tierShares).atRiskAlive(atRiskAlive);
    }

    /** Named settings instead of eight positional values; validation happens in {@link #build()}. */
    public static final class Builder {
        private LocalDate calibrationEnd;
        private TimeUnit unit = TimeUnit.parse(TIME_UNIT);
        private double horizon = HORIZON;
        private LocalDate holdoutEnd;
        private double margin = MARGIN;
        private double annualDiscountRate = ANNUAL_DISCOUNT_RATE;
        private ValueSegments.TierShares tierShares = ValueSegments.TierShares.parse(TIER_SHARES);
        private double atRiskAlive = AT_RISK_ALIVE;

        private Builder() {
        }

        public Builder calibrationEnd(LocalDate value) {
            calibrationEnd = value;
            return this;
        }

        public Builder unit(TimeUnit value) {
            unit = value;
            return this;
        }

        public Builder horizon(double value) {
            horizon = value;
            return this;
        }

        public Builder holdoutEnd(LocalDate value) {
            holdoutEnd = value;
            return this;
        }

        public Builder margin(double value) {
            margin = value;
            return this;
        }

        public Builder annualDiscountRate(double value) {
            annualDiscountRate = value;
            return this;
        }

        public Builder tierShares(ValueSegments.TierShares value) {
            tierShares = value;
            return this;
        }

        public Builder atRiskAlive(double value) {
            atRiskAlive = value;
            return this;
        }

        public ClvOptions build() {
            return new ClvOptions(calibrationEnd, unit, horizon, holdoutEnd, margin, annualDiscountRate, tierShares,
                    atRiskAlive);
        }
    }
}
