package io.crmanalytics.stats;

import smile.math.special.Erf;
import smile.math.special.Gamma;

/** The few distribution functions the tests need, on Smile's special functions. */
public final class Distributions {
    /** The 97.5% quantile of the standard normal: half-width multiplier of a 95% interval. */
    public static final double Z_95 = 1.959963984540054;

    private Distributions() {
    }

    /** Two-sided p-value of a standard normal statistic: P(|Z| >= |z|). */
    public static double normalTwoSided(double z) {
        if (Double.isNaN(z)) {
            return Double.NaN;
        }
        return Math.min(1.0, Erf.erfc(Math.abs(z) / Math.sqrt(2.0)));
    }

    /** Upper tail P(X >= x) of a chi-square with {@code df} degrees of freedom. */
    public static double chiSquareUpper(double x, int df) {
        if (Double.isNaN(x)) {
            return Double.NaN;
        }
        if (x <= 0) {
            return 1.0;
        }
        if (df == 1) {
            // chi-square(1) is Z^2; erfc is accurate to double precision, also far in the tail.
            return Erf.erfc(Math.sqrt(x / 2.0));
        }
        // The regularized upper incomplete gamma keeps precision in the tail, where 1 - cdf would round to 0.
        return Gamma.regularizedUpperIncompleteGamma(df / 2.0, x / 2.0);
    }
}
