package io.crmanalytics.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import smile.math.special.Erf;

/**
 * The posterior propensity (numeric integration + sampling of the affinity posterior) against brute force:
 * importance sampling from the generator's prior, each draw weighted by the exact likelihood of the observed
 * history, with the oracle probability of that draw averaged over the draws that were alive at the cut-off.
 */
class PropensityPosteriorTest {
    private static final int DRAWS = 600_000;
    private static final double WEEKS = Truth.PROPENSITY_WINDOW_DAYS / 7.0;

    private static PropensityPosterior.History history(int x, double tx, double t, int[] lines, boolean vip,
                                                       long points, int ageBand, int clicks) {
        return new PropensityPosterior.History(x, tx, t, lines,
                new PropensityPosterior.Signals(vip, points, ageBand, clicks));
    }

    // categories: electronics, home, fashion, beauty, sports, toys, books, grocery
    private static final List<PropensityPosterior.History> HISTORIES = List.of(
            history(0, 0, 10, new int[] {1, 0, 1, 0, 0, 0, 0, 0}, false, 100, 0, 1),
            history(3, 40, 60, new int[] {4, 2, 0, 0, 0, 0, 1, 0}, false, 250, 1, 2),
            history(2, 10, 80, new int[] {0, 0, 0, 3, 0, 0, 0, 2}, false, 60, 3, 6),
            history(7, 50, 52, new int[] {2, 3, 2, 4, 1, 0, 1, 3}, true, 300, 2, 3));

    @Test
    void matchesImportanceSamplingFromThePrior() {
        int h = HISTORIES.size();
        int k = Truth.CATEGORIES.size();
        double[][] logWeights = new double[h][];
        double[] maxLog = new double[h];
        java.util.Arrays.fill(maxLog, Double.NEGATIVE_INFINITY);
        // Two passes with the same seed: the first finds each history's largest log-weight (for stable sums).
        double[][] numerator = new double[h][k];
        double[][] numeratorSquares = new double[h][k];
        double[][] cross = new double[h][k];
        double[] denominator = new double[h];
        double[] denominatorSquares = new double[h];
        for (int pass = 0; pass < 2; pass++) {
            Rng rng = new Rng(1234);
            double[] affinity = new double[k];
            for (int draw = 0; draw < DRAWS; draw++) {
                double lambda = rng.gamma(Truth.BGNBD_R, Truth.BGNBD_ALPHA);
                double p = rng.beta(Truth.BGNBD_A, Truth.BGNBD_B);
                double total = 0;
                for (int c = 0; c < k; c++) {
                    affinity[c] = rng.gamma(Truth.AFFINITY_CONCENTRATION * Truth.CATEGORY_POPULARITY[c], 1.0);
                    total += affinity[c];
                }
                for (int c = 0; c < k; c++) {
                    affinity[c] /= total;
                }
                boolean[] fan = new boolean[k];
                for (String planted : Truth.PLANTED_CATEGORIES) {
                    int c = Truth.CATEGORIES.indexOf(planted);
                    if (rng.chance(Truth.ENTHUSIAST_SHARE)) {
                        fan[c] = true;
                        for (int j = 0; j < k; j++) {
                            affinity[j] = (1 - Truth.ENTHUSIAST_WEIGHT) * affinity[j]
                                    + (j == c ? Truth.ENTHUSIAST_WEIGHT : 0.0);
                        }
                    }
                }
                boolean electronicsFan = fan[0];
                boolean beautyFan = fan[3];
                for (int i = 0; i < h; i++) {
                    PropensityPosterior.History hist = HISTORIES.get(i);
                    int x = hist.repeatPurchases();
                    double common = x * Math.log(lambda) + attributes(hist.signals(), lambda, electronicsFan, beautyFan);
                    for (int c = 0; c < k; c++) {
                        common += hist.lineCounts()[c] * Math.log(affinity[c]);
                    }
                    double logAlive = common - lambda * hist.historyWeeks() + x * Math.log1p(-p);
                    double logDead = x == 0 ? Double.NEGATIVE_INFINITY
                            : common - lambda * hist.lastPurchaseWeeks() + Math.log(p) + (x - 1) * Math.log1p(-p);
                    if (pass == 0) {
                        maxLog[i] = Math.max(maxLog[i], Math.max(logAlive, logDead));
                        continue;
                    }
                    double alive = Math.exp(logAlive - maxLog[i]);
                    double d = alive + Math.exp(logDead - maxLog[i]);
                    denominator[i] += d;
                    denominatorSquares[i] += d * d;
                    for (int c = 0; c < k; c++) {
                        double q = PropensityPosterior.orderContains(affinity[c]);
                        double kk = q + (1 - q) * p;
                        double oracle = -Math.expm1(-lambda * kk * WEEKS) * q / kk;
                        double a = alive * oracle;
                        numerator[i][c] += a;
                        numeratorSquares[i][c] += a * a;
                        cross[i][c] += a * d;
                    }
                }
            }
        }
        for (int i = 0; i < h; i++) {
            double[] posterior = PropensityPosterior.probabilities(HISTORIES.get(i), new Rng(99));
            double ess = denominator[i] * denominator[i] / denominatorSquares[i];
            assertTrue(ess > 500, "history " + i + " effective sample size " + ess);
            for (int c = 0; c < k; c++) {
                double estimate = numerator[i][c] / denominator[i];
                // Delta-method standard error of the ratio estimator.
                double variance = (numeratorSquares[i][c] - 2 * estimate * cross[i][c]
                        + estimate * estimate * denominatorSquares[i]) / (denominator[i] * denominator[i]);
                double se = Math.sqrt(Math.max(variance, 0));
                String what = String.format(Locale.ROOT, "history %d %s: posterior %.5f, brute force %.5f +- %.5f"
                        + " (ess %.0f)", i, Truth.CATEGORIES.get(c), posterior[c], estimate, se, ess);
                // 4 standard errors of the brute force, plus the posterior's own sampling error of the affinities
                // (4,096 draws: about 1-2% of the value, seen in runs).
                assertEquals(estimate, posterior[c], 4 * se + 0.001 + 0.02 * estimate, what);
            }
        }
    }

    @Test
    void sameInputsSameNumbersAndMoreEvidenceMovesThePosteriorTheRightWay() {
        PropensityPosterior.History base = history(2, 30, 40, new int[] {1, 1, 1, 0, 0, 0, 0, 0}, false, 120, 2, 1);
        double[] once = PropensityPosterior.probabilities(base, new Rng(5));
        double[] again = PropensityPosterior.probabilities(base, new Rng(5));
        assertEquals(once[0], again[0], 0.0);
        double[] electronicsFan = PropensityPosterior.probabilities(
                history(2, 30, 40, new int[] {6, 1, 1, 0, 0, 0, 0, 0}, false, 120, 2, 1), new Rng(5));
        double[] lapsed = PropensityPosterior.probabilities(
                history(2, 5, 40, new int[] {1, 1, 1, 0, 0, 0, 0, 0}, false, 120, 2, 1), new Rng(5));
        double[] clicker = PropensityPosterior.probabilities(
                history(2, 30, 40, new int[] {1, 1, 1, 0, 0, 0, 0, 0}, false, 120, 2, 9), new Rng(5));
        assertTrue(electronicsFan[0] > once[0] + 0.05, "electronics lines raise electronics");
        assertTrue(lapsed[0] < once[0] && lapsed[3] < once[3], "a long silence lowers every category");
        assertTrue(clicker[3] > once[3] * 1.5, "newsletter clicks raise beauty: " + clicker[3] + " vs " + once[3]);
    }

    /** log-likelihood of the attributes, written out independently of the class under test. */
    private static double attributes(PropensityPosterior.Signals s, double lambda, boolean electronicsFan,
                                     boolean beautyFan) {
        double vipShare = lambda > Truth.VIP_RATE_THRESHOLD ? Truth.VIP_SHARE_FREQUENT : Truth.VIP_SHARE_OTHER;
        double log = Math.log(s.vip() ? vipShare : 1 - vipShare);
        double mu = Math.log(Truth.LOYALTY_SCALE * Math.sqrt(lambda / Truth.LOYALTY_REFERENCE_RATE));
        double upper = cdf((Math.log(s.loyaltyPoints() + 0.5) - mu) / Truth.LOYALTY_SIGMA);
        double lower = s.loyaltyPoints() == 0 ? 0 : cdf((Math.log(s.loyaltyPoints() - 0.5) - mu) / Truth.LOYALTY_SIGMA);
        log += Math.log(Math.max(upper - lower, 1e-300));
        log += Math.log((electronicsFan ? Truth.ELECTRONICS_FAN_AGE_SHARE : Truth.OTHER_AGE_SHARE)[s.ageBand()]);
        double mean = beautyFan ? Truth.BEAUTY_FAN_CLICKS : Truth.OTHER_CLICKS;
        log += s.newsletterClicks() * Math.log(mean) - mean;
        return log;
    }

    private static double cdf(double z) {
        return 0.5 * Erf.erfc(-z / Math.sqrt(2));
    }
}
