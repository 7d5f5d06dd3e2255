package io.crmanalytics.stats;

/**
 * The odds ratio of a {@link TwoByTwo} with Woolf's 95% interval exp(ln OR +/- 1.96 * sqrt(1/a + 1/b + 1/c + 1/d)),
 * 0.5 added to every cell when one is zero, p-value from {@link TwoByTwoTests#pValue} on the raw counts.
 */
public final class OddsRatio {
    private OddsRatio() {
    }

    public static RatioEstimate of(TwoByTwo t) {
        if (t.groupTotal() == 0 || t.otherTotal() == 0 || t.events() == 0 || t.events() == t.total()) {
            return RatioEstimate.undefined();
        }
        double correction = t.hasZeroCell() ? 0.5 : 0.0;
        double a = t.groupEvents() + correction;
        double b = t.groupNonEvents() + correction;
        double c = t.otherEvents() + correction;
        double d = t.otherNonEvents() + correction;
        double logRatio = Math.log((a * d) / (b * c));
        double se = Math.sqrt(1 / a + 1 / b + 1 / c + 1 / d);
        return new RatioEstimate(Math.exp(logRatio), Math.exp(logRatio - Distributions.Z_95 * se),
                Math.exp(logRatio + Distributions.Z_95 * se), TwoByTwoTests.pValue(t));
    }
}
