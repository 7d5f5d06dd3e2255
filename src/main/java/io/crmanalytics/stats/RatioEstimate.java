package io.crmanalytics.stats;

/**
 * A ratio (risk ratio, odds ratio, rate ratio) with its 95% confidence interval and a two-sided p-value for the
 * null hypothesis ratio = 1. Undefined quantities (an empty group) are NaN, never an exception, so that a report
 * over thousands of groups does not stop at one degenerate group.
 */
public record RatioEstimate(double ratio, double ciLow, double ciHigh, double pValue) {

    public static RatioEstimate undefined() {
        return new RatioEstimate(Double.NaN, Double.NaN, Double.NaN, Double.NaN);
    }

    public boolean isDefined() {
        return !Double.isNaN(ratio);
    }

    /** Whether the interval lies wholly above 1. */
    public boolean ciExcludesOneAbove() {
        return ciLow > 1.0;
    }
}
