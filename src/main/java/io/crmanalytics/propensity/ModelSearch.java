package io.crmanalytics.propensity;

import io.crmanalytics.core.Progress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IntSummaryStatistics;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * The model search shared by the warehouse job and bring-your-own training, in memory with Smile on the driver:
 * the training rows are split once (seeded) into a fit fold (80 %) and a stopping fold (20 %); small training sets
 * are also split into five folds for the trees.
 * <ul>
 *   <li>L2-regularized logistic regression on standardized numbers (0/1 columns keep their scale, see
 *       {@link LogisticPath.Standardized}) along a warm-started regularization path ({@link LogisticPath}); the
 *       penalty with the best stopping-fold AUC is refit on all training rows, starting from its fold
 *       solution.</li>
 *   <li>Gradient-boosted trees (XGBoost's histogram method, log-loss, see {@link BoostedTrees}), each forest grown
 *       until its stopping rows' log-loss has not improved for {@link #PATIENCE} trees (or the grid's maximum) and
 *       cut back to the best count. How the depth is chosen and which forest is kept depends on the rows:
 *       <ul>
 *         <li>Fewer than {@link #CROSS_VALIDATION_ROWS} rows (bring-your-own tables, small warehouses): 5-fold
 *             cross-validation. Each depth grows one forest per fold, stopped on that fold; the depth with the
 *             best mean fold AUC wins and its five forests are averaged into one (their margins' mean, a bagged
 *             ensemble). With a few thousand rows one stopping fold's choice of depth and tree count is noisy;
 *             the five folds average that noise out and every row helps grow four of the five forests. On six
 *             real tables (three seeded splits each) the bag beat the single split refit on all rows in 12 of 18
 *             test AUCs and 11 of 18 top-decile lifts, mean AUC 0.8166 against 0.8129
 *             (bench/results/propensity-tables.md).</li>
 *         <li>From {@link #CROSS_VALIDATION_ROWS} rows up (the warehouse at scale; the cap is 100,000): the fit
 *             and stopping folds above. The depth with the best stopping-fold AUC is refit on all training rows
 *             with its tree count scaled by the rows (a fifth more data: on the real mlc_churn table held-out
 *             AUC 0.9222 -> 0.9273). A stopping fold of 4,000 rows or more decides well enough, and five fits
 *             per depth would triple the training time of the 1 M benchmark.</li>
 *       </ul></li>
 * </ul>
 * Why no class weights: both families fit the log-loss on the rows as they are, so their scores are already
 * close to probabilities, and isotonic calibration on held-out rows finishes the job.
 */
final class ModelSearch {
    /** Share of the training rows held back for the regularization path and early stopping. */
    static final double STOPPING_SHARE = 0.2;
    static final double SHRINKAGE = 0.1;
    static final double SUBSAMPLE = 0.7;
    static final int MIN_TREES = 10;
    /** Trees grown past the best count (by stopping-fold log-loss) before growing stops. */
    static final int PATIENCE = 20;
    /** Below this many training rows the trees are chosen and averaged over {@link #FOLDS}-fold cross-validation. */
    static final int CROSS_VALIDATION_ROWS = 20_000;
    static final int FOLDS = 5;

    /** Labelled rows: encoded features and 0/1 labels. */
    record Rows(double[][] x, int[] y) {
        int size() {
            return y.length;
        }

        long positives() {
            long p = 0;
            for (int v : y) {
                p += v;
            }
            return p;
        }

        Rows subset(int[] index) {
            double[][] xs = new double[index.length][];
            int[] ys = new int[index.length];
            for (int i = 0; i < index.length; i++) {
                xs[i] = x[index[i]];
                ys[i] = y[index[i]];
            }
            return new Rows(xs, ys);
        }
    }

    /** The best setting of one model family and its AUC on the stopping fold. */
    record Candidate(Classifier model, double stoppingAuc, String params) {
        String family() {
            return model.family();
        }
    }

    private ModelSearch() {
    }

    static List<Candidate> search(Rows train, SearchOptions options, Progress progress) {
        Rows[] folds = split(train, options.seed());
        List<Candidate> candidates = new ArrayList<>();
        Progress.Stage logistic = progress.start("      logistic regression, " + options.grid().penalties().length
                + " penalties");
        candidates.add(logistic(train, folds[0], folds[1], options));
        logistic.done();
        Progress.Stage trees = progress.start("      boosted trees");
        Candidate best = trees(train, folds[0], folds[1], options);
        candidates.add(best);
        progress.info("      boosted trees: %s, %.1fs", best.params(), trees.seconds());
        return candidates;
    }

    /** Fit fold and stopping fold, shuffled with the seed. */
    static Rows[] split(Rows rows, long seed) {
        int n = rows.size();
        int[] index = shuffled(n, seed);
        int stop = (int) Math.round(n * STOPPING_SHARE);
        return new Rows[] {rows.subset(Arrays.copyOfRange(index, stop, n)),
                rows.subset(Arrays.copyOfRange(index, 0, stop))};
    }

    /** For each of {@code k} folds (shuffled with the seed, sizes within one of each other): other rows, then it. */
    static Rows[][] folds(Rows rows, int k, long seed) {
        int n = rows.size();
        int[] index = shuffled(n, seed);
        Rows[][] out = new Rows[k][];
        for (int f = 0; f < k; f++) {
            int from = (int) ((long) n * f / k);
            int to = (int) ((long) n * (f + 1) / k);
            int[] rest = new int[n - (to - from)];
            System.arraycopy(index, 0, rest, 0, from);
            System.arraycopy(index, to, rest, from, n - to);
            out[f] = new Rows[] {rows.subset(rest), rows.subset(Arrays.copyOfRange(index, from, to))};
        }
        return out;
    }

    private static int[] shuffled(int n, long seed) {
        int[] index = new int[n];
        for (int i = 0; i < n; i++) {
            index[i] = i;
        }
        Random random = new Random(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = index[i];
            index[i] = index[j];
            index[j] = t;
        }
        return index;
    }

    private static Candidate logistic(Rows all, Rows fit, Rows stop, SearchOptions options) {
        double[] strengths = options.grid().penalties();
        LogisticPath.Standardized fitRows = LogisticPath.Standardized.of(fit);
        Classifier.Logistic[] path = LogisticPath.path(fitRows, strengths);
        int best = 0;
        double bestAuc = -1;
        for (int k = 0; k < strengths.length; k++) {
            double auc = Evaluation.auc(scores(path[k], stop), stop.y());
            if (auc > bestAuc) {
                bestAuc = auc;
                best = k;
            }
        }
        Classifier.Logistic refit = LogisticPath.fit(LogisticPath.Standardized.of(all), strengths[best],
                path[best].model().coefficients());
        return new Candidate(refit, bestAuc,
                String.format(Locale.ROOT, "l2=%g (penalty per row; numbers standardized, 0/1 columns as they are)",
                        strengths[best]));
    }

    private static Candidate trees(Rows all, Rows fit, Rows stop, SearchOptions options) {
        return all.size() < CROSS_VALIDATION_ROWS ? baggedTrees(all, options) : refitTrees(all, fit, stop, options);
    }

    /** The depth with the best mean fold AUC, and its fold forests averaged into one. */
    private static Candidate baggedTrees(Rows all, SearchOptions options) {
        Rows[][] folds = folds(all, FOLDS, options.seed());
        List<BoostedTrees.Fit> best = null;
        double bestAuc = -1;
        int bestDepth = 0;
        for (int depth : options.grid().treeDepths()) {
            List<BoostedTrees.Fit> fits = new ArrayList<>();
            double aucSum = 0;
            for (Rows[] fold : folds) {
                BoostedTrees.Fit fitted = BoostedTrees.fit(fold[0].x(), fold[0].y(), fold[1].x(), fold[1].y(),
                        options.grid().maxTrees(), depth, SHRINKAGE, SUBSAMPLE, MIN_TREES, PATIENCE, options.seed());
                fits.add(fitted);
                aucSum += fitted.stoppingAuc();
            }
            if (aucSum / FOLDS > bestAuc) {
                bestAuc = aucSum / FOLDS;
                bestDepth = depth;
                best = fits;
            }
        }
        BoostedForest bag = BoostedForest.mean(best.stream().map(BoostedTrees.Fit::forest).toList());
        IntSummaryStatistics trees = best.stream().mapToInt(BoostedTrees.Fit::trees).summaryStatistics();
        return new Candidate(new Classifier.Trees(bag), bestAuc,
                String.format(Locale.ROOT, "%d forests of %d-%d trees averaged (%d-fold cross-validation, each "
                        + "early-stopped on its fold, at most %d) depth=%d shrinkage=%.2f subsample=%.1f (XGBoost "
                        + "hist)", FOLDS, trees.getMin(), trees.getMax(), FOLDS, options.grid().maxTrees(), bestDepth,
                        SHRINKAGE, SUBSAMPLE));
    }

    /** The depth with the best stopping-fold AUC, refit on all training rows. */
    private static Candidate refitTrees(Rows all, Rows fit, Rows stop, SearchOptions options) {
        BoostedTrees.Fit best = null;
        int bestDepth = 0;
        for (int depth : options.grid().treeDepths()) {
            BoostedTrees.Fit fitted = BoostedTrees.fit(fit.x(), fit.y(), stop.x(), stop.y(), options.grid().maxTrees(),
                    depth, SHRINKAGE, SUBSAMPLE, MIN_TREES, PATIENCE, options.seed());
            if (best == null || fitted.stoppingAuc() > best.stoppingAuc()) {
                best = fitted;
                bestDepth = depth;
            }
        }
        int trees = (int) Math.round(best.trees() * (double) all.size() / fit.size());
        BoostedForest forest = BoostedTrees.refit(all.x(), all.y(), trees, bestDepth, SHRINKAGE, SUBSAMPLE,
                options.seed());
        return new Candidate(new Classifier.Trees(forest), best.stoppingAuc(),
                String.format(Locale.ROOT, "trees=%d (refit on all training rows; early-stopped at %d, best of %d "
                        + "grown, at most %d) depth=%d shrinkage=%.2f subsample=%.1f (XGBoost hist)", trees,
                        best.trees(), best.grown(), options.grid().maxTrees(), bestDepth, SHRINKAGE, SUBSAMPLE));
    }

    static double[] scores(Classifier model, Rows rows) {
        double[] out = new double[rows.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = model.score(rows.x()[i]);
        }
        return out;
    }
}
