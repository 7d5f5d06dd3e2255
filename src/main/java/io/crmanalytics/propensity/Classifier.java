package io.crmanalytics.propensity;

import java.io.Serializable;
import smile.classification.GradientTreeBoost;
import smile.classification.LogisticRegression;
import smile.data.Tuple;
import smile.data.type.StructType;

/**
 * A fitted Smile classifier behind one small interface: the probability of a purchase for an encoded feature
 * vector (see {@link FeatureSpec#encode}). Serializable, so the model is broadcast to executors and saved with Java
 * serialization inside the model folder.
 */
sealed interface Classifier extends Serializable permits Classifier.Logistic, Classifier.Trees {
    String LOGISTIC = "logistic_regression";
    String TREES = "gradient_boosted_trees";

    /** The classifier's probability of a purchase (the raw score before calibration). */
    double score(double[] x);

    /** {@link #LOGISTIC} or {@link #TREES}. */
    String family();

    /**
     * Logistic regression on standardized features: {@code center} and {@code scale} are the fit rows' means and
     * standard deviations, so the penalty treats every feature alike and coefficients compare across features.
     */
    record Logistic(LogisticRegression.Binomial model, double[] center, double[] scale) implements Classifier {
        @Override
        public double score(double[] x) {
            return model.score(standardize(x));
        }

        double[] standardize(double[] x) {
            double[] z = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                z[i] = (x[i] - center[i]) / scale[i];
            }
            return z;
        }

        /** Coefficients per standardized feature; Smile keeps the intercept last, it is left out. */
        double[] standardizedCoefficients() {
            return java.util.Arrays.copyOf(model.coefficients(), center.length);
        }

        @Override
        public String family() {
            return LOGISTIC;
        }
    }

    /**
     * Gradient-boosted trees on the compact layout: the numeric features, then one nominal feature per categorical
     * column (the index of its hot slot). Smile splits a nominal feature in one pass over a node's rows, where the
     * one-hot layout costs one pass per slot: the trees grow several times faster on tables with many levels.
     *
     * @param schema  the predictors' schema the trees were grown on (nominal scales included)
     * @param numeric how many numeric features lead the encoded vector
     * @param blocks  per categorical column, its one-hot block width (levels + other + missing)
     */
    record Trees(GradientTreeBoost model, StructType schema, int numeric, int[] blocks) implements Classifier {
        @Override
        public double score(double[] x) {
            double[] posterior = new double[2];
            model.predict(Tuple.of(compact(x, numeric, blocks), schema), posterior);
            return posterior[1];
        }

        /** The compact vector of an encoded (one-hot) vector. */
        static double[] compact(double[] x, int numeric, int[] blocks) {
            double[] out = new double[numeric + blocks.length];
            System.arraycopy(x, 0, out, 0, numeric);
            int at = numeric;
            for (int c = 0; c < blocks.length; c++) {
                for (int k = 0; k < blocks[c]; k++) {
                    if (x[at + k] != 0) {
                        out[numeric + c] = k;
                    }
                }
                at += blocks[c];
            }
            return out;
        }

        /** Importance per encoded position: a one-hot slot gets its column's importance. */
        double[] encodedImportance() {
            double[] compact = model.importance();
            int width = numeric;
            for (int b : blocks) {
                width += b;
            }
            double[] out = new double[width];
            System.arraycopy(compact, 0, out, 0, numeric);
            int at = numeric;
            for (int c = 0; c < blocks.length; c++) {
                for (int k = 0; k < blocks[c]; k++) {
                    out[at + k] = compact[numeric + c];
                }
                at += blocks[c];
            }
            return out;
        }

        @Override
        public String family() {
            return TREES;
        }
    }
}
