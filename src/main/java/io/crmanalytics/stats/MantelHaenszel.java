package io.crmanalytics.stats;

import java.util.List;

/**
 * The Mantel-Haenszel risk ratio over strata (e.g. a carrier's lift within each destination region), which
 * removes the confounding by the stratifying factor:
 * RR_MH = sum(a_i n0_i / N_i) / sum(c_i n1_i / N_i), 95% interval from the Greenland-Robins variance of
 * ln RR_MH, and the two-sided Cochran-Mantel-Haenszel chi-square p-value (no continuity correction).
 * Strata with fewer than 2 units or without both a group and an outside part carry no information and are
 * skipped. Undefined (NaN) when no stratum has events outside the group.
 */
public final class MantelHaenszel {
    private MantelHaenszel() {
    }

    public static RatioEstimate riskRatio(List<TwoByTwo> strata) {
        double numerator = 0;        // R = sum a n0 / N
        double denominator = 0;      // S = sum c n1 / N
        double varianceSum = 0;      // sum (n1 n0 m1 - a c N) / N^2
        double observed = 0;
        double expected = 0;
        double hypergeometricVariance = 0;
        for (TwoByTwo s : strata) {
            double n = s.total();
            if (n < 2 || s.groupTotal() == 0 || s.otherTotal() == 0) {
                continue;
            }
            double a = s.groupEvents();
            double c = s.otherEvents();
            double n1 = s.groupTotal();
            double n0 = s.otherTotal();
            double m1 = a + c;
            numerator += a * n0 / n;
            denominator += c * n1 / n;
            varianceSum += (n1 * n0 * m1 - a * c * n) / (n * n);
            observed += a;
            expected += n1 * m1 / n;
            hypergeometricVariance += n1 * n0 * m1 * (n - m1) / (n * n * (n - 1));
        }
        if (denominator == 0) {
            return RatioEstimate.undefined();
        }
        double ratio = numerator / denominator;
        double pValue = hypergeometricVariance == 0 ? 1.0
                : Distributions.chiSquareUpper((observed - expected) * (observed - expected)
                        / hypergeometricVariance, 1);
        if (numerator == 0) {
            return new RatioEstimate(ratio, Double.NaN, Double.NaN, pValue);
        }
        double se = Math.sqrt(varianceSum / (numerator * denominator));
        double logRatio = Math.log(ratio);
        return new RatioEstimate(ratio, Math.exp(logRatio - Distributions.Z_95 * se),
                Math.exp(logRatio + Distributions.Z_95 * se), pValue);
    }
}
