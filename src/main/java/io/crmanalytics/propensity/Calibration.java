package io.crmanalytics.propensity;

import org.apache.spark.ml.regression.IsotonicRegression;
import org.apache.spark.ml.regression.IsotonicRegressionModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Isotonic calibration: a monotone map from the classifier's (class-weighted, hence inflated) probability of a
 * purchase to the purchase rate observed on held-out rows. Monotone, so the ranking is kept; the map is a
 * pipeline stage and is saved with the model.
 */
final class Calibration {
    private Calibration() {
    }

    /** Fits on held-out rows that carry the classifier's {@code probability} vector and {@code label}. */
    static IsotonicRegressionModel fit(Dataset<Row> heldOut) {
        return new IsotonicRegression().setIsotonic(true).setFeaturesCol("probability").setFeatureIndex(1)
                .setLabelCol(ModelSearch.LABEL).setPredictionCol(Evaluation.PROPENSITY).fit(heldOut);
    }
}
