package io.crmanalytics.propensity;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import ml.dmlc.xgboost4j.java.DMatrix;
import org.junit.jupiter.api.Test;

/**
 * The early-stopped boosting: when it stops, what it keeps, that a seed reproduces it, and that the Java forest
 * scores exactly as XGBoost's booster does.
 */
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
        return BoostedTrees.fit(predictors(fitRows), labels(fitRows), predictors(stopRows), labels(stopRows), maxTrees,
                3, 0.1, 0.7, 10, 20, seed);
    }

    private static double[] scores(BoostedForest forest, double[][] rows) {
        double[] out = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = forest.probability(java.util.Arrays.copyOf(rows[i], FEATURES));
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
        assertEquals(fit.trees(), fit.forest().size(), "the forest holds the best count of trees");
        assertEquals(fit.stoppingAuc(), Evaluation.auc(scores(fit.forest(), stopRows), labels(stopRows)), 1e-12,
                "the reported stopping-fold AUC is that of the kept forest");
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
        double[] first = scores(fit(fitRows, stopRows, 60, 11).forest(), probe);
        assertArrayEquals(first, scores(fit(fitRows, stopRows, 60, 11).forest(), probe), 0.0);
        assertNotEquals(java.util.Arrays.toString(first),
                java.util.Arrays.toString(scores(fit(fitRows, stopRows, 60, 12).forest(), probe)),
                "another seed draws other row samples");
    }

    /** Every tree, missing values included: the forest read from XGBoost's JSON gives XGBoost's own margins. */
    @Test
    void theJavaForestScoresAsTheBoosterDoes() throws Exception {
        double[][] fitRows = rows(2000, 9);
        double[][] x = predictors(fitRows);
        Random random = new Random(10);
        for (double[] row : x) {
            if (random.nextDouble() < 0.1) {
                row[random.nextInt(FEATURES)] = Double.NaN;
            }
        }
        double[][] probe = predictors(rows(500, 11));
        for (int i = 0; i < probe.length; i += 7) {
            probe[i][i % FEATURES] = Double.NaN;
        }
        BoostedTrees.Grown grown = BoostedTrees.grow(x, labels(fitRows), probe, new int[probe.length], 40, 3, 0.1, 0.7,
                1000, 13);
        try {
            int trees = grown.booster().getNumBoostedRound();
            assertEquals(40, trees);
            BoostedForest forest = BoostedForest.fromJson(grown.booster().toByteArray("json"), trees);
            DMatrix matrix = BoostedTrees.matrix(probe, new int[probe.length]);
            float[][] margins = grown.booster().predict(matrix, true);
            matrix.dispose();
            for (int i = 0; i < probe.length; i++) {
                assertEquals(margins[i][0], forest.margin(probe[i]), 1e-5, "row " + i);
            }
            double[] importance = forest.importance();
            assertTrue(importance[0] > importance[2] && importance[0] > importance[3], "the signal's feature leads: "
                    + java.util.Arrays.toString(importance));
        } finally {
            grown.booster().dispose();
        }
    }

    /** Averaging forests (the cross-validated bag of {@link ModelSearch}): one forest whose margin is their mean. */
    @Test
    void anAveragedForestScoresTheMeanMargin() {
        double[][] stopRows = rows(500, 15);
        java.util.List<BoostedForest> forests = java.util.List.of(fit(rows(1500, 12), stopRows, 40, 1).forest(),
                fit(rows(1500, 13), stopRows, 40, 2).forest(), fit(rows(1500, 14), stopRows, 40, 3).forest());
        BoostedForest mean = BoostedForest.mean(forests);

        assertEquals(forests.stream().mapToInt(BoostedForest::size).sum(), mean.size(), "every tree is kept");
        for (double[] row : predictors(rows(200, 16))) {
            double expected = forests.stream().mapToDouble(f -> f.margin(row)).average().orElseThrow();
            assertEquals(expected, mean.margin(row), 1e-5);
        }
        double[] importance = mean.importance();
        for (int j = 0; j < FEATURES; j++) {
            final int feature = j;
            assertEquals(forests.stream().mapToDouble(f -> f.importance()[feature]).average().orElseThrow(),
                    importance[j], 1e-3 * (1 + importance[j]), "importance of feature " + j);
        }
    }

    /**
     * XGBoost prints each tree's evaluation from its native code, straight to the process's stderr (past
     * System.err), unless told not to: {@code crm propensity train} printed 70-200 such lines per category. Only
     * a child process's own output shows it.
     */
    @Test
    void growingPrintsNothing() throws Exception {
        Path log = Files.createTempFile("boosted-trees-child", ".log");
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", System.getProperty("java.class.path"), GrowInChild.class.getName())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertTrue(child.waitFor(2, TimeUnit.MINUTES), "child finished");
        String output = Files.readString(log);
        assertEquals(0, child.exitValue(), output);
        assertTrue(output.contains("kept "), output);
        assertTrue(!output.contains("logloss") && !output.contains("early stopping"), output);
    }

    /** The child of {@link #growingPrintsNothing}: grows a forest and says only how many trees it kept. */
    static final class GrowInChild {
        public static void main(String[] args) {
            BoostedTrees.Fit fit = fit(rows(1000, 1), rows(300, 2), 200, 7);
            System.out.println("kept " + fit.trees());
        }
    }
}
