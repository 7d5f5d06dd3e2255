package io.crmanalytics.propensity;

import java.io.Serializable;
import smile.classification.LogisticRegression;

/**
 * A fitted classifier behind one small interface: the probability of a purchase for an encoded feature
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
     * Gradient-boosted trees ({@link BoostedTrees}) on the encoded vector as it is, one-hot blocks included: the
     * histogram method splits a 0/1 slot in one pass like any other feature.
     */
    record Trees(BoostedForest forest) implements Classifier {
        @Override
        public double score(double[] x) {
            return forest.probability(x);
        }

        /** Importance (total loss reduction) per encoded position. */
        double[] encodedImportance() {
            return forest.importance();
        }

        @Override
        public String family() {
            return TREES;
        }
    }
}
