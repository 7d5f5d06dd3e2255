package io.crmanalytics.propensity;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import smile.data.DataFrame;
import smile.data.Tuple;
import smile.data.vector.BaseVector;
import smile.data.vector.DoubleVector;
import smile.data.vector.IntVector;

/** The early-stopped boosting on Smile's trees: when it stops, what it keeps, and that a seed reproduces it. */
class BoostedTreesTest {
    private static final int FEATURES = 4;

    /** Rows whose purchase probability depends on the first two features; the others are noise. */
    private static double[][] rows(int n, long seed) {
        Random random = new Random(seed);
        double[][] x = new double[n][FEATURES + 1];
        for (double[] row : x) {
            for (int j = 0; j < FEATURES; j++) {
                row[j] = random.nextGaussian();
            }
            double logit = -1.5 + 1.2 * row[0] + 0.8 * row[0] * row[1];
            row[FEATURES] = random.nextDouble() < 1 / (1 + Math.exp(-logit)) ? 1 : 0;
        }
        return x;
    }

    private static DataFrame frame(double[][] rows) {
        BaseVector<?, ?, ?>[] columns = new BaseVector[FEATURES + 1];
        for (int j = 0; j < FEATURES; j++) {
            double[] values = new double[rows.length];
            for (int i = 0; i < rows.length; i++) {
                values[i] = rows[i][j];
            }
            columns[j] = DoubleVector.of("n" + j, values);
        }
        columns[FEATURES] = IntVector.of(BoostedTrees.LABEL, labels(rows));
        return DataFrame.of(columns);
    }

    private static int[] labels(double[][] rows) {
        int[] y = new int[rows.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = (int) rows[i][FEATURES];
        }
        return y;
    }

    private static double[][] predictors(double[][] rows) {
        double[][] out = new double[rows.length][];
        for (int i = 0; i < out.length; i++) {
            out[i] = java.util.Arrays.copyOf(rows[i], FEATURES);
        }
        return out;
    }

    private static BoostedTrees.Fit fit(double[][] fitRows, double[][] stopRows, int maxTrees, long seed) {
        return BoostedTrees.fit(frame(fitRows), predictors(stopRows), labels(stopRows), maxTrees, 3, 20, 0.1, 0.7,
                10, 20, seed);
    }

    private static double[] scores(BoostedTrees.Fit fit, double[][] rows) {
        double[] out = new double[rows.length];
        double[] posterior = new double[2];
        for (int i = 0; i < rows.length; i++) {
            fit.model().predict(Tuple.of(java.util.Arrays.copyOf(rows[i], FEATURES), fit.model().schema()), posterior);
            out[i] = posterior[1];
        }
        return out;
    }

    @Test
    void growingStopsPatienceTreesAfterTheBestAndKeepsTheBest() {
        double[][] fitRows = rows(3000, 1);
        double[][] stopRows = rows(1000, 2);
        BoostedTrees.Fit fit = fit(fitRows, stopRows, 2000, 7);

        assertTrue(fit.grown() < 2000, "a simple signal stops long before 2,000 trees, grew " + fit.grown());
        assertEquals(fit.trees() + 20, fit.grown(), "growing ends 20 trees after the best one");
        assertEquals(fit.trees(), fit.model().size(), "the model holds the best count of trees");
        assertEquals(fit.stoppingAuc(), Evaluation.auc(scores(fit, stopRows), labels(stopRows)), 1e-9,
                "the reported stopping-fold AUC is that of the kept model");
        assertTrue(fit.stoppingAuc() > 0.7, "the trees learn the signal: " + fit.stoppingAuc());
    }

    @Test
    void theMaximumBoundsTheForest() {
        BoostedTrees.Fit fit = fit(rows(2000, 3), rows(500, 4), 15, 7);
        assertEquals(15, fit.grown());
        assertTrue(fit.trees() >= 10 && fit.trees() <= 15, "kept " + fit.trees());
    }

    @Test
    void theSeedReproducesTheForest() {
        double[][] fitRows = rows(2000, 5);
        double[][] stopRows = rows(500, 6);
        double[][] probe = rows(300, 8);
        double[] first = scores(fit(fitRows, stopRows, 60, 11), probe);
        assertArrayEquals(first, scores(fit(fitRows, stopRows, 60, 11), probe), 0.0);
        assertNotEquals(java.util.Arrays.toString(first),
                java.util.Arrays.toString(scores(fit(fitRows, stopRows, 60, 12), probe)),
                "another seed draws other row samples");
    }

    @Test
    void eachTreeSamplesTheSameShareOfEachClass() {
        int[] y = new int[1000];
        for (int i = 0; i < 100; i++) {
            y[i * 10] = 1;
        }
        int[][] byClass = BoostedTrees.byClass(y);
        int[] samples = new int[y.length];
        BoostedTrees.sample(samples, byClass, 0.7, new Random(1));
        int positives = 0;
        int negatives = 0;
        for (int i = 0; i < y.length; i++) {
            positives += samples[i] * y[i];
            negatives += samples[i] * (1 - y[i]);
        }
        assertEquals(70, positives);
        assertEquals(630, negatives);
    }
}
