package io.crmanalytics.stats;

/**
 * The risk ratio (relative risk, "lift") of a group against the units outside it, with the 95% confidence
 * interval of the log method (Katz): exp(ln RR +/- 1.96 * sqrt(1/a - 1/n1 + 1/c - 1/n0)).
 * When a cell is zero, 0.5 is added to every cell (Haldane-Anscombe) for both the estimate and the interval,
 * so the result stays finite; the p-value always comes from the raw counts ({@link TwoByTwoTests#pValue}).
 */
public final class RiskRatio {
    private RiskRatio() {
    }

    public static RatioEstimate of(TwoByTwo t) {
        if (t.groupTotal() == 0 || t.otherTotal() == 0 || t.events() == 0) {
            return RatioEstimate.undefined();
        }
        double correction = t.hasZeroCell() ? 0.5 : 0.0;
        double a = t.groupEvents() + correction;
        double n1 = t.groupTotal() + 2 * correction;
        double c = t.otherEvents() + correction;
        double n0 = t.otherTotal() + 2 * correction;
        double ratio = (a / n1) / (c / n0);
        double se = Math.sqrt(1 / a - 1 / n1 + 1 / c - 1 / n0);
        double logRatio = Math.log(ratio);
        return new RatioEstimate(ratio, Math.exp(logRatio - Distributions.Z_95 * se),
                Math.exp(logRatio + Distributions.Z_95 * se), TwoByTwoTests.pValue(t));
    }

    /** Convenience for a group's counts against the population's totals. */
    public static RatioEstimate ofGroup(long groupEvents, long groupTotal, long allEvents, long allTotal) {
        return of(TwoByTwo.ofGroup(groupEvents, groupTotal, allEvents, allTotal));
    }
}
