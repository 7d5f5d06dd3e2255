package io.crmanalytics.propensity;

import java.util.LinkedHashMap;
import java.util.Map;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;

/**
 * Binary gradient boosting (log-loss, stochastic: each tree sees a random share of the rows) with XGBoost's
 * histogram method, stopped when the stopping fold stops improving, and returned as a {@link BoostedForest}.
 *
 * <p>Why XGBoost and not Smile's trees: Smile finds each split by scanning every feature's presorted row order,
 * reading the feature's column at random positions; on propensity's training sets (100,000 rows x 100-150
 * features) that scan was nearly all of training time. XGBoost bins every feature once into at most 256 buckets
 * and sums gradients per bucket in one sequential pass: on the same rows and settings it grows the forest about
 * ten times faster to the same stopping-fold AUC (bench/results/propensity.md).
 *
 * <p>Stopping: after every tree the stopping fold's log-loss is measured (the objective the trees descend: it
 * moves smoothly, where the AUC of a few thousand held-out rows jumps by noise); growing ends {@code patience}
 * trees after the lowest, and the forest is cut back to the lowest (never below {@code minTrees}).
 */
final class BoostedTrees {

    /** A fitted forest cut at its best size, how many trees were grown, and the kept forest's stopping-fold AUC. */
    record Fit(BoostedForest forest, int trees, int grown, double stoppingAuc) {
    }

    /** XGBoost's booster after growing, and the stopping fold's log-loss after each tree. */
    record Grown(Booster booster, double[] stoppingLoss) {
    }

    private BoostedTrees() {
    }

    /**
     * @param minTrees fewest trees to keep
     * @param patience trees grown past the best one before growing stops
     */
    static Fit fit(double[][] fitX, int[] fitY, double[][] stopX, int[] stopY, int maxTrees, int depth,
                   double shrinkage, double subsample, int minTrees, int patience, long seed) {
        Grown grown = grow(fitX, fitY, stopX, stopY, maxTrees, depth, shrinkage, subsample, patience, seed);
        try {
            double[] loss = grown.stoppingLoss();
            // best = the tree count with the lowest loss, first such, at least minTrees (or all, when fewer grew).
            int best = Math.min(minTrees, loss.length);
            for (int count = best + 1; count <= loss.length; count++) {
                if (loss[count - 1] < loss[best - 1]) {
                    best = count;
                }
            }
            BoostedForest forest = BoostedForest.fromJson(grown.booster().toByteArray("json"), best);
            double[] scores = new double[stopX.length];
            for (int i = 0; i < scores.length; i++) {
                scores[i] = forest.probability(stopX[i]);
            }
            return new Fit(forest, best, loss.length, Evaluation.auc(scores, stopY));
        } catch (XGBoostError e) {
            throw new IllegalStateException("XGBoost could not export its model: " + e.getMessage(), e);
        } finally {
            grown.booster().dispose();
        }
    }

    /** A forest of exactly {@code trees} trees grown on all the rows given (no stopping fold). */
    static BoostedForest refit(double[][] x, int[] y, int trees, int depth, double shrinkage, double subsample,
                               long seed) {
        DMatrix rows = null;
        Booster booster = null;
        try {
            rows = matrix(x, y);
            booster = XGBoost.train(rows, params(depth, shrinkage, subsample, seed), trees, new LinkedHashMap<>(),
                    null, null, null, 0);
            return BoostedForest.fromJson(booster.toByteArray("json"), trees);
        } catch (XGBoostError e) {
            throw new IllegalStateException("XGBoost failed to grow the trees: " + e.getMessage(), e);
        } finally {
            if (booster != null) {
                booster.dispose();
            }
            if (rows != null) {
                rows.dispose();
            }
        }
    }

    private static Map<String, Object> params(int depth, double shrinkage, double subsample, long seed) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("objective", "binary:logistic");
        params.put("eval_metric", "logloss");
        params.put("tree_method", "hist");
        params.put("max_depth", depth);
        params.put("eta", shrinkage);
        params.put("subsample", subsample);
        params.put("seed", seed);
        params.put("nthread", Runtime.getRuntime().availableProcessors());
        params.put("verbosity", 0);
        // Without this, xgboost4j prints every tree's stopping-fold loss from native code onto stderr.
        params.put("verbose_eval", 0);
        return params;
    }

    /** Grows trees until the stopping fold's log-loss has not improved for {@code patience} trees (or the maximum). */
    static Grown grow(double[][] fitX, int[] fitY, double[][] stopX, int[] stopY, int maxTrees, int depth,
                      double shrinkage, double subsample, int patience, long seed) {
        DMatrix fit = null;
        DMatrix stop = null;
        try {
            fit = matrix(fitX, fitY);
            stop = matrix(stopX, stopY);
            Map<String, Object> params = params(depth, shrinkage, subsample, seed);
            Map<String, DMatrix> watches = new LinkedHashMap<>();
            watches.put("stop", stop);
            float[][] metrics = new float[1][maxTrees];
            Booster booster = XGBoost.train(fit, params, maxTrees, watches, metrics, null, null, patience);
            int rounds = booster.getNumBoostedRound();
            double[] loss = new double[rounds];
            for (int t = 0; t < rounds; t++) {
                loss[t] = metrics[0][t];
            }
            return new Grown(booster, loss);
        } catch (XGBoostError e) {
            throw new IllegalStateException("XGBoost failed to grow the trees: " + e.getMessage(), e);
        } finally {
            if (fit != null) {
                fit.dispose();
            }
            if (stop != null) {
                stop.dispose();
            }
        }
    }

    /** Rows as XGBoost's dense 32-bit matrix (how XGBoost sees every value: {@link BoostedForest} does the same). */
    static DMatrix matrix(double[][] x, int[] y) throws XGBoostError {
        int width = x.length == 0 ? 0 : x[0].length;
        float[] values = new float[x.length * width];
        float[] labels = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < width; j++) {
                values[i * width + j] = (float) x[i][j];
            }
            labels[i] = y[i];
        }
        DMatrix m = new DMatrix(values, x.length, width, Float.NaN);
        m.setLabel(labels);
        return m;
    }
}
