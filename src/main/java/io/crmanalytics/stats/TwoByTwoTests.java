package io.crmanalytics.stats;

/**
 * Two-sided tests of independence for a {@link TwoByTwo}: Pearson's chi-square when every expected cell is at
 * least 5 (the textbook condition under which its p-value is accurate), Fisher's exact test otherwise.
 */
public final class TwoByTwoTests {
    /** Below this expected count in any cell the chi-square approximation is not trusted. */
    public static final double MIN_EXPECTED_FOR_CHI_SQUARE = 5.0;

    private TwoByTwoTests() {
    }

    /** The two-sided p-value of the table, by the test suited to its counts; 1 when there are no events. */
    public static double pValue(TwoByTwo t) {
        if (t.groupTotal() == 0 || t.otherTotal() == 0 || t.events() == 0 || t.events() == t.total()) {
            return 1.0;
        }
        return minExpectedCell(t) < MIN_EXPECTED_FOR_CHI_SQUARE ? fisherExact(t) : chiSquare(t);
    }

    /** Pearson's chi-square test without continuity correction (1 degree of freedom). */
    public static double chiSquare(TwoByTwo t) {
        double n = t.total();
        double a = t.groupEvents();
        double b = t.groupNonEvents();
        double c = t.otherEvents();
        double d = t.otherNonEvents();
        double denominator = (a + b) * (c + d) * (a + c) * (b + d);
        if (denominator == 0) {
            return 1.0;
        }
        double diff = a * d - b * c;
        // Divide step by step: n * diff^2 overflows doubles' precision less this way for tables of 10^7 units.
        double statistic = n * (diff / (a + b)) * (diff / (c + d)) / ((a + c) * (b + d));
        return Distributions.chiSquareUpper(statistic, 1);
    }

    /**
     * Fisher's exact test, two-sided by the "sum of tables no more probable than the observed one" rule (as R's
     * fisher.test and scipy's fisher_exact). Probabilities come from log-factorials, so large margins are fine.
     * The hypergeometric is unimodal, so those tables form two tails: from the observed count away from the mode,
     * and on the other side of the mode from where the probability first falls to the observed one's (found by
     * bisection). Each tail is summed outward by the ratio of neighbouring probabilities until what is left is
     * negligible, so the cost depends on the spread of the distribution, not on its range: a table of 10^7
     * shipments costs microseconds, which lets the explanation engine use this test for every group.
     */
    public static double fisherExact(TwoByTwo t) {
        long n1 = t.groupTotal();
        long n0 = t.otherTotal();
        long m1 = t.events();
        long low = Math.max(0, m1 - n0);
        long high = Math.min(n1, m1);
        long x = t.groupEvents();
        long mode = Math.min(high, Math.max(low, (long) Math.floor((n1 + 1.0) * (m1 + 1.0) / (n1 + n0 + 2.0))));
        if (x == mode) {
            return 1.0;
        }
        double observed = logHypergeometric(x, n1, n0, m1);
        // Relative tolerance as in R: tables equally probable up to rounding count as "as extreme".
        double threshold = observed + 1e-7;
        int away = x > mode ? 1 : -1;
        // Probabilities relative to the observed table's, so that nothing underflows before the final product.
        double relative = tail(x, away, n1, n0, m1, low, high);
        long far = away > 0 ? low : high;
        if (logHypergeometric(far, n1, n0, m1) <= threshold) {
            // The other side: the count nearest the mode whose table is no more probable than the observed one.
            long near = mode;
            long beyond = far;
            while (near != beyond) {
                long middle = near + (beyond - near) / 2;
                if (logHypergeometric(middle, n1, n0, m1) <= threshold) {
                    beyond = middle;
                } else {
                    near = middle + (away > 0 ? -1 : 1);
                }
            }
            relative += Math.exp(logHypergeometric(beyond, n1, n0, m1) - observed)
                    * tail(beyond, -away, n1, n0, m1, low, high);
        }
        return Math.min(1.0, relative * Math.exp(observed));
    }

    /**
     * The sum of P(y) / P(start) for y = start, start + step, ... up to the bound of the support, moving away from
     * the mode (so the terms fall, by a ratio that falls too: the hypergeometric is log-concave). Stops when the
     * terms left, at most term * ratio / (1 - ratio), are below 1e-16 of the sum.
     */
    private static double tail(long start, int step, long n1, long n0, long m1, long low, long high) {
        double sum = 1.0;
        double term = 1.0;
        for (long y = start; step > 0 ? y < high : y > low; y += step) {
            // P(y + 1) / P(y) = (n1 - y)(m1 - y) / ((y + 1)(n0 - m1 + y + 1)), and its inverse going down.
            double ratio = step > 0
                    ? (double) (n1 - y) * (m1 - y) / ((double) (y + 1) * (n0 - m1 + y + 1))
                    : (double) y * (n0 - m1 + y) / ((double) (n1 - y + 1) * (m1 - y + 1));
            term *= ratio;
            sum += term;
            if (ratio < 1 && term * ratio / (1 - ratio) < 1e-16 * sum) {
                break;
            }
        }
        return sum;
    }

    private static double logHypergeometric(long x, long n1, long n0, long m1) {
        return logChoose(n1, x) + logChoose(n0, m1 - x) - logChoose(n1 + n0, m1);
    }

    static double logChoose(long n, long k) {
        return logFactorial(n) - logFactorial(k) - logFactorial(n - k);
    }

    /** Exact log-factorials below this; Stirling's series, accurate to ~1e-20 here, from it on. */
    private static final int LOG_FACTORIAL_TABLE_SIZE = 256;
    private static final double[] LOG_FACTORIAL = logFactorialTable();

    private static double[] logFactorialTable() {
        double[] table = new double[LOG_FACTORIAL_TABLE_SIZE];
        for (int i = 1; i < table.length; i++) {
            table[i] = table[i - 1] + Math.log(i);
        }
        return table;
    }

    /**
     * ln(n!) in constant time. Smile's lgamma sums n logarithms for integer arguments, which made every Fisher
     * test O(n^2) over tables of 10^4-10^7 shipments; Stirling's series with three correction terms is exact to
     * double precision for n >= 256 (the first omitted term is below 1 / (1680 n^7)).
     */
    static double logFactorial(long n) {
        if (n < LOG_FACTORIAL_TABLE_SIZE) {
            return LOG_FACTORIAL[(int) n];
        }
        double x = n;
        double inverse = 1.0 / x;
        double inverseSquared = inverse * inverse;
        return x * Math.log(x) - x + 0.5 * Math.log(2 * Math.PI * x)
                + inverse * (1.0 / 12 - inverseSquared * (1.0 / 360 - inverseSquared / 1260));
    }

    static double minExpectedCell(TwoByTwo t) {
        double n = t.total();
        double events = t.events();
        double nonEvents = n - events;
        double smallerRow = Math.min(t.groupTotal(), t.otherTotal());
        return smallerRow * Math.min(events, nonEvents) / n;
    }
}
