package io.crmanalytics.propensity;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import smile.classification.LogisticRegression;

/**
 * The warm-started path of {@link LogisticPath} against Smile's own fit from zero: the same minimum for every
 * penalty, whatever the start, and a gradient that matches the objective's finite differences. No Spark.
 */
class LogisticPathTest {
    private static final double[] STRENGTHS = {1e-4, 1e-3, 1e-2, 1e-1};

    /** Correlated, unevenly scaled features with a logistic truth (counts and amounts, as propensity features). */
    private static ModelSearch.Rows rows(int n, int p, long seed) {
        Random random = new Random(seed);
        double[][] x = new double[n][p];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            double shared = random.nextGaussian();
            for (int j = 0; j < p; j++) {
                double v = 0.7 * shared + random.nextGaussian();
                x[i][j] = j % 3 == 0 ? (v > 0.8 ? 1 : 0) : j % 3 == 1 ? Math.exp(v) * 40 : v;
            }
            double logit = -2 + 0.8 * x[i][0] + 0.01 * x[i][1] - 0.5 * x[i][2] + 0.3 * x[i][5];
            y[i] = random.nextDouble() < 1 / (1 + Math.exp(-logit)) ? 1 : 0;
        }
        return new ModelSearch.Rows(x, y);
    }

    @Test
    void thePathReachesSmilesMinimumForEveryPenalty() {
        LogisticPath.Standardized rows = LogisticPath.Standardized.of(rows(4000, 12, 7));
        Classifier.Logistic[] path = LogisticPath.path(rows, STRENGTHS);
        for (int k = 0; k < STRENGTHS.length; k++) {
            double lambda = STRENGTHS[k] * rows.size();
            LogisticRegression.Binomial smile = LogisticRegression.binomial(rows.z(), rows.y(), lambda, 1e-8, 2000);
            double ours = objective(rows, lambda, path[k].model().coefficients());
            double theirs = objective(rows, lambda, smile.coefficients());
            assertEquals(theirs, ours, 1e-6 * Math.abs(theirs), "objective at penalty " + STRENGTHS[k]);
            assertArrayEquals(smile.coefficients(), path[k].model().coefficients(), 2e-3,
                    "coefficients at penalty " + STRENGTHS[k]);
            assertEquals(smile.loglikelihood(), path[k].model().loglikelihood(), 1e-6 * Math.abs(theirs));
            double[] z = rows.z()[17];
            assertEquals(smile.score(z), path[k].model().score(z), 1e-4, "a row's probability");
        }
    }

    /**
     * Numbers are scaled by their standard deviation; a 0/1 column keeps its own scale, so the penalty on a rare
     * category's slot is that of a common one (scaled by sqrt(p(1-p)), a 2 % level was penalized 50 times less).
     */
    @Test
    void numbersAreScaledAndIndicatorsKeepTheirScale() {
        Random random = new Random(5);
        double[][] x = new double[1000][];
        int[] y = new int[x.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = new double[] {10 + 3 * random.nextGaussian(), i % 50 == 0 ? 1 : 0, i % 2, 4.0};
            y[i] = random.nextBoolean() ? 1 : 0;
        }
        LogisticPath.Standardized rows = LogisticPath.Standardized.of(new ModelSearch.Rows(x, y));
        assertEquals(3.0, rows.scale()[0], 0.2, "a number: its standard deviation");
        assertEquals(1.0, rows.scale()[1], 0.0, "a rare level's slot keeps scale 1");
        assertEquals(1.0, rows.scale()[2], 0.0, "a balanced flag keeps scale 1");
        assertEquals(1.0, rows.scale()[3], 0.0, "a constant column keeps scale 1");
        assertEquals(0.02, rows.center()[1], 1e-12, "indicators are still centred");
        assertEquals(0.98, rows.z()[0][1], 1e-12, "row 0 holds the level");
    }

    @Test
    void aFitDoesNotDependOnItsStartOrChangeIt() {
        LogisticPath.Standardized rows = LogisticPath.Standardized.of(rows(3000, 9, 11));
        double[] far = new double[10];
        java.util.Arrays.fill(far, 3.0);
        double[] farCopy = far.clone();
        double[] fromZero = LogisticPath.fit(rows, 1e-3, new double[10]).model().coefficients();
        double[] fromFar = LogisticPath.fit(rows, 1e-3, far).model().coefficients();
        assertArrayEquals(fromZero, fromFar, 1e-3);
        assertArrayEquals(farCopy, far, 0.0, "the start is not changed");
    }

    @Test
    void theGradientIsTheObjectivesSlopeAndLargeMarginsStayFinite() {
        LogisticPath.Standardized rows = LogisticPath.Standardized.of(rows(500, 6, 3));
        double lambda = 2.5;
        BinomialLoss loss = new BinomialLoss(rows.z(), rows.y(), lambda);
        double[] w = {0.3, -0.2, 0.1, 0.05, -0.4, 0.2, -1.1};
        double[] gradient = new double[w.length];
        double value = loss.g(w, gradient);
        assertEquals(loss.f(w), value, 1e-9 * Math.abs(value));
        for (int j = 0; j < w.length; j++) {
            double h = 1e-6;
            double[] up = w.clone();
            double[] down = w.clone();
            up[j] += h;
            down[j] -= h;
            double slope = (loss.f(up) - loss.f(down)) / (2 * h);
            assertEquals(slope, gradient[j], 1e-4 * Math.max(1, Math.abs(slope)), "d/dw" + j);
        }
        assertEquals(800.0, BinomialLoss.rowLoss(800, 0), 1e-9);
        assertEquals(0.0, BinomialLoss.rowLoss(800, 1), 1e-9);
        assertEquals(800.0, BinomialLoss.rowLoss(-800, 1), 1e-9);
        assertEquals(1.0, BinomialLoss.probability(800), 0.0);
        assertEquals(0.0, BinomialLoss.probability(-800), 1e-300);
        assertTrue(BinomialLoss.probability(-30) > 0);
    }

    /** The penalized negative log-likelihood, summed row by row in the plainest way. */
    private static double objective(LogisticPath.Standardized rows, double lambda, double[] w) {
        int p = rows.center().length;
        double sum = 0;
        for (int i = 0; i < rows.size(); i++) {
            double wx = w[p];
            for (int j = 0; j < p; j++) {
                wx += rows.z()[i][j] * w[j];
            }
            sum += Math.log1p(Math.exp(wx)) - rows.y()[i] * wx;
        }
        double norm = 0;
        for (int j = 0; j < p; j++) {
            norm += w[j] * w[j];
        }
        return sum + 0.5 * lambda * norm;
    }
}
