package io.crmanalytics.propensity;

import java.util.Arrays;
import smile.classification.LogisticRegression;
import smile.math.BFGS;
import smile.util.IntSet;

/**
 * L2-regularized logistic regression on standardized features along a regularization path, minimized by Smile's
 * L-BFGS. Smile's {@code LogisticRegression.binomial} starts every fit from zero coefficients; here the path runs
 * from the strongest penalty to the weakest and each fit starts from the previous solution (a warm start, as
 * glmnet walks its path: neighbouring penalties have nearby optima), and the refit on all training rows starts
 * from the chosen penalty's solution. The model is Smile's {@code LogisticRegression.Binomial} as before, so a
 * saved model reads the same.
 *
 * <p>Measured on the 100,000 x 98 training sample of {@code bench/propensity/run.sh 100000} (category_0): the four
 * penalties took 12.1 s with Smile's fit, 4.0 s here (warm starts, {@link #MEMORY} corrections, the faster
 * objective of {@link BinomialLoss}), at the same minimum (objective equal to 1e-7 relative).
 */
final class LogisticPath {
    /**
     * L-BFGS corrections kept. Smile's fit keeps 5; on the sample above 10 needed 370 evaluations for the weakest
     * penalty against 541 (20 saved little more).
     */
    static final int MEMORY = 10;
    /** Smile's gradient tolerance and iteration cap, as the previous fits used them. */
    static final double TOLERANCE = 1e-5;
    static final int MAX_ITERATIONS = 300;

    private LogisticPath() {
    }

    /**
     * Rows centred by their means and scaled by their standard deviations, except a column whose values are all 0
     * or 1 (a category's one-hot slot, a yes/no flag), which keeps scale 1, and a constant column (scale 1).
     *
     * <p>Why indicators are not scaled (as scikit-learn's usual pipeline, and Gelman's "Scaling regression inputs
     * by dividing by two standard deviations", 2008, leave them): the penalty acts on the standardized
     * coefficient, and dividing an indicator by its standard deviation, sqrt(p(1-p)), multiplies its raw
     * coefficient's allowance by 1/(p(1-p)). A level held by 1 % of the rows was penalized a hundred times less
     * than a balanced one, so the path chose its strongest penalty for the many rare levels while the numbers were
     * over-shrunk. On the real lending_club table (35 sub-grades, 50 states, 5 % bad loans) scaled indicators cost
     * scikit-learn's own tuned logistic regression 0.019 test AUC; ours gained 0.010-0.027 on three splits
     * (bench/results/propensity-tables.md).
     */
    record Standardized(double[][] z, int[] y, double[] center, double[] scale) {
        static Standardized of(ModelSearch.Rows rows) {
            double[][] x = rows.x();
            int n = x.length;
            int p = x[0].length;
            double[] center = new double[p];
            double[] scale = new double[p];
            for (double[] row : x) {
                for (int j = 0; j < p; j++) {
                    center[j] += row[j];
                }
            }
            for (int j = 0; j < p; j++) {
                center[j] /= n;
            }
            for (double[] row : x) {
                for (int j = 0; j < p; j++) {
                    scale[j] += (row[j] - center[j]) * (row[j] - center[j]);
                }
            }
            boolean[] indicator = new boolean[p];
            Arrays.fill(indicator, true);
            for (double[] row : x) {
                for (int j = 0; j < p; j++) {
                    indicator[j] &= row[j] == 0 || row[j] == 1;
                }
            }
            for (int j = 0; j < p; j++) {
                double sd = Math.sqrt(scale[j] / Math.max(1, n - 1));
                scale[j] = indicator[j] || sd <= 1e-12 ? 1.0 : sd;
            }
            double[][] z = new double[n][];
            for (int i = 0; i < n; i++) {
                double[] zi = new double[p];
                for (int j = 0; j < p; j++) {
                    zi[j] = (x[i][j] - center[j]) / scale[j];
                }
                z[i] = zi;
            }
            return new Standardized(z, rows.y(), center, scale);
        }

        int size() {
            return y.length;
        }
    }

    /**
     * One fit per penalty ({@code strength} per row, see {@link #fit}), returned in the order given; fitted from
     * the strongest to the weakest, each starting from the one before.
     */
    static Classifier.Logistic[] path(Standardized rows, double[] strengths) {
        Integer[] order = new Integer[strengths.length];
        for (int k = 0; k < order.length; k++) {
            order[k] = k;
        }
        Arrays.sort(order, (a, b) -> Double.compare(strengths[b], strengths[a]));
        Classifier.Logistic[] fits = new Classifier.Logistic[strengths.length];
        double[] start = new double[rows.center().length + 1];
        for (int k : order) {
            fits[k] = fit(rows, strengths[k], start);
            start = fits[k].model().coefficients();
        }
        return fits;
    }

    /**
     * Minimizes from {@code start} (coefficients per standardized feature, intercept last; not changed). Smile's
     * penalty is on the summed log-likelihood: {@code strength} per row keeps it comparable across sizes.
     */
    static Classifier.Logistic fit(Standardized rows, double strength, double[] start) {
        double lambda = strength * rows.size();
        double[] w = start.clone();
        double minimum = BFGS.minimize(new BinomialLoss(rows.z(), rows.y(), lambda), MEMORY, w, TOLERANCE,
                MAX_ITERATIONS);
        // As Smile's own fit builds it: labels 0 and 1, the log-likelihood (penalty included) and its SGD rate.
        LogisticRegression.Binomial model = new LogisticRegression.Binomial(w, -minimum, lambda,
                new IntSet(new int[] {0, 1}));
        model.setLearningRate(0.1 / rows.size());
        return new Classifier.Logistic(model, rows.center(), rows.scale());
    }
}
