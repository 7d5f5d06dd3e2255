package io.crmanalytics.propensity;

import java.util.Arrays;
import java.util.Random;
import smile.base.cart.CART;
import smile.base.cart.Loss;
import smile.classification.GradientTreeBoost;
import smile.data.DataFrame;
import smile.data.Tuple;
import smile.data.formula.Formula;
import smile.data.type.DataTypes;
import smile.data.type.StructField;
import smile.regression.RegressionTree;

/**
 * Binary gradient boosting (log-loss, Friedman's stochastic variant) that stops growing when the stopping fold
 * stops improving, assembled from Smile's regression trees into Smile's own {@link GradientTreeBoost}, so the
 * fitted model, its scoring and its saved form are those of Smile.
 *
 * <p>Why not {@code GradientTreeBoost.fit}: it grows every tree it is asked for in one call. Cutting the forest
 * back afterwards (what this project did before) pays for all the trees that are thrown away, and the trees are
 * nearly all of propensity's training time. Here the stopping fold is scored after every tree, and growing ends
 * {@code patience} trees after the best count.
 *
 * <p>The best count is the one with the lowest stopping-fold log-loss, the objective the trees themselves
 * descend: it moves smoothly from tree to tree, where the AUC of a few thousand held-out rows jumps by noise
 * and stopped growth after a couple of dozen trees in trials. The AUC of the kept forest is reported.
 *
 * <p>The per-tree row sample is drawn from the caller's seed (the same share of each class, as Smile does), so a
 * fit is reproducible; Smile's own fit draws from a process-wide generator.
 */
final class BoostedTrees {
    /** The label column of the frame the trees are grown on. */
    static final String LABEL = "label";

    /** A fitted forest cut at its best size, how many trees were grown, and the kept forest's stopping-fold AUC. */
    record Fit(GradientTreeBoost model, int trees, int grown, double stoppingAuc) {
    }

    private BoostedTrees() {
    }

    /**
     * @param frame     predictors and the 0/1 {@link #LABEL} column of the fit fold
     * @param stopRows  the stopping fold's predictors, laid out as the frame's predictor columns
     * @param stopY     the stopping fold's labels
     * @param minTrees  fewest trees to keep
     * @param patience  trees grown past the best one before growing stops
     */
    static Fit fit(DataFrame frame, double[][] stopRows, int[] stopY, int maxTrees, int depth, int leafRows,
                   double shrinkage, double subsample, int minTrees, int patience, long seed) {
        Formula formula = Formula.lhs(LABEL).expand(frame.schema());
        DataFrame x = formula.x(frame);
        int[] y = frame.column(LABEL).toIntArray();
        int n = y.length;
        int[][] order = CART.order(x);
        Loss loss = Loss.logistic(y);
        double intercept = loss.intercept(null);
        // Smile's logistic loss keeps the forest's running output in this array and reads it to compute the
        // next tree's pseudo-responses: it must be updated in place after every tree.
        double[] output = loss.residual();
        StructField response = new StructField("residual", DataTypes.DoubleType);
        Tuple[] rows = new Tuple[n];
        for (int i = 0; i < n; i++) {
            rows[i] = x.get(i);
        }
        Tuple[] stop = new Tuple[stopRows.length];
        for (int i = 0; i < stop.length; i++) {
            stop[i] = Tuple.of(stopRows[i], x.schema());
        }
        Random random = new Random(seed);
        int[][] byClass = byClass(y);
        int[] samples = new int[n];
        double[] running = new double[stop.length];
        Arrays.fill(running, intercept);
        RegressionTree[] trees = new RegressionTree[maxTrees];
        int grown = 0;
        int best = 0;
        double bestLoss = Double.POSITIVE_INFINITY;
        double bestAuc = Double.NaN;
        while (grown < maxTrees && (grown < minTrees || grown - best < patience)) {
            sample(samples, byClass, subsample, random);
            RegressionTree tree = new RegressionTree(x, loss, response, depth, 1 << depth, leafRows, x.ncol(),
                    samples, order);
            trees[grown++] = tree;
            for (int i = 0; i < n; i++) {
                output[i] += shrinkage * tree.predict(rows[i]);
            }
            for (int i = 0; i < stop.length; i++) {
                running[i] += shrinkage * tree.predict(stop[i]);
            }
            double stopLoss = logLoss(running, stopY);
            if (grown >= minTrees && stopLoss < bestLoss) {
                bestLoss = stopLoss;
                best = grown;
                bestAuc = Evaluation.auc(running, stopY);
            }
        }
        RegressionTree[] kept = Arrays.copyOf(trees, Math.max(best, Math.min(grown, minTrees)));
        double[] importance = new double[x.ncol()];
        for (RegressionTree tree : kept) {
            double[] imp = tree.importance();
            for (int j = 0; j < imp.length; j++) {
                importance[j] += imp[j];
            }
        }
        GradientTreeBoost model = new GradientTreeBoost(formula, kept, intercept, shrinkage, importance);
        // Fewer trees than minTrees were grown only when the maximum is below it: all were kept, as scored last.
        double keptAuc = best > 0 ? bestAuc : Evaluation.auc(running, stopY);
        return new Fit(model, kept.length, grown, keptAuc);
    }

    /** The row numbers of the negatives and of the positives. */
    static int[][] byClass(int[] y) {
        int positives = 0;
        for (int v : y) {
            positives += v;
        }
        int[][] out = {new int[y.length - positives], new int[positives]};
        int[] at = new int[2];
        for (int i = 0; i < y.length; i++) {
            out[y[i]][at[y[i]]++] = i;
        }
        return out;
    }

    /**
     * Mean log-loss of outputs on Smile's binomial scale: the probability of a purchase is
     * {@code 1 / (1 + exp(-2 F))} for the forest's output F (the intercept included).
     */
    static double logLoss(double[] output, int[] y) {
        double total = 0;
        for (int i = 0; i < y.length; i++) {
            // log(1 + exp(-2F)) for a buyer, log(1 + exp(2F)) for a non-buyer, in a form that cannot overflow.
            double margin = (y[i] == 1 ? -2 : 2) * output[i];
            total += margin > 0 ? margin + Math.log1p(Math.exp(-margin)) : Math.log1p(Math.exp(margin));
        }
        return total / y.length;
    }

    /** Marks a random {@code share} of each class's rows (1 = in the next tree's sample). */
    static void sample(int[] samples, int[][] byClass, double share, Random random) {
        Arrays.fill(samples, 0);
        for (int[] rows : byClass) {
            int take = (int) Math.round(rows.length * share);
            // A partial Fisher-Yates shuffle: the first `take` entries become a uniform sample without replacement.
            for (int i = 0; i < take; i++) {
                int j = i + random.nextInt(rows.length - i);
                int t = rows[i];
                rows[i] = rows[j];
                rows[j] = t;
                samples[rows[i]] = 1;
            }
        }
    }
}
