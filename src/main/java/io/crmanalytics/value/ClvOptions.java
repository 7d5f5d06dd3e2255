package io.crmanalytics.value;

import io.crmanalytics.core.UserException;
import java.time.LocalDate;

/**
 * Options of the customer-value job.
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
    public ClvOptions {
        if (!(horizon > 0)) {
            throw new UserException("--horizon must be > 0, got " + horizon);
        }
        if (!(margin >= 0 && margin <= 1)) {
            throw new UserException("--margin must be between 0 and 1 (a share of revenue), got " + margin);
        }
        if (!(annualDiscountRate >= 0 && annualDiscountRate < 1)) {
            throw new UserException("--annual-discount-rate must be in [0, 1), got " + annualDiscountRate);
        }
        if (!(atRiskAlive >= 0 && atRiskAlive <= 1)) {
            throw new UserException("--at-risk-alive must be between 0 and 1, got " + atRiskAlive);
        }
        if (holdoutEnd != null && calibrationEnd != null && !holdoutEnd.isAfter(calibrationEnd)) {
            throw new UserException("--holdout-end " + holdoutEnd + " must be after --calibration-end " + calibrationEnd);
        }
    }

    public static ClvOptions defaults() {
        return new ClvOptions(null, TimeUnit.WEEK, 52, null, 1.0, 0.10, ValueSegments.TierShares.DEFAULT, 0.5);
    }
}
