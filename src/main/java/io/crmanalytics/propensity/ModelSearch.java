package io.crmanalytics.propensity;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.ml.Model;
import org.apache.spark.ml.classification.GBTClassifier;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.evaluation.BinaryClassificationEvaluator;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.param.ParamPair;
import org.apache.spark.ml.tuning.CrossValidator;
import org.apache.spark.ml.tuning.CrossValidatorModel;
import org.apache.spark.ml.tuning.ParamGridBuilder;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The model search shared by the warehouse job and bring-your-own training: for elastic-net logistic regression
 * and gradient-boosted trees, pick hyper-parameters by k-fold cross-validation (area under ROC) on prepared
 * training rows ({@code features}, {@code label}). Classes are balanced through a row weight so that a rare
 * category still moves the fit; calibration later maps the weighted scores back to probabilities.
 */
final class ModelSearch {
    static final String LABEL = "label";
    static final String WEIGHT = "class_weight";

    /** The best setting of one model family, refit by the cross-validator on all training rows. */
    record Candidate(String family, Model<?> model, double cvAuc, String params) {
    }

    private ModelSearch() {
    }

    /** Adds {@link #WEIGHT}: positives and negatives each carry half of the total weight. */
    static Dataset<Row> withClassWeights(Dataset<Row> rows, long total, long positives) {
        double positiveWeight = total / (2.0 * Math.max(1, positives));
        double negativeWeight = total / (2.0 * Math.max(1, total - positives));
        return rows.withColumn(WEIGHT, when(col(LABEL).equalTo(1.0), lit(positiveWeight)).otherwise(lit(negativeWeight)));
    }

    static List<Candidate> search(Dataset<Row> prepared, SearchOptions options) {
        List<Candidate> candidates = new ArrayList<>();
        LogisticRegression lr = new LogisticRegression().setFeaturesCol(FeaturePrep.FEATURES).setLabelCol(LABEL)
                .setWeightCol(WEIGHT).setMaxIter(30).setTol(1e-4).setStandardization(true);
        candidates.add(crossValidate("logistic_regression", lr, lrGrid(lr, options.grid()), prepared, options));
        GBTClassifier gbt = new GBTClassifier().setFeaturesCol(FeaturePrep.FEATURES).setLabelCol(LABEL)
                .setWeightCol(WEIGHT).setStepSize(0.1).setSubsamplingRate(0.8).setMaxBins(32)
                .setSeed(options.seed());
        candidates.add(crossValidate("gradient_boosted_trees", gbt, gbtGrid(gbt, options.grid()), prepared, options));
        return candidates;
    }

    private static ParamMap[] lrGrid(LogisticRegression lr, SearchOptions.Grid grid) {
        return switch (grid) {
            case NONE -> new ParamGridBuilder().addGrid(lr.regParam(), new double[] {0.01})
                    .addGrid(lr.elasticNetParam(), new double[] {0.5}).build();
            case SMALL -> new ParamGridBuilder().addGrid(lr.regParam(), new double[] {0.003, 0.03})
                    .addGrid(lr.elasticNetParam(), new double[] {0.5}).build();
            case MEDIUM -> new ParamGridBuilder().addGrid(lr.regParam(), new double[] {0.001, 0.01, 0.1})
                    .addGrid(lr.elasticNetParam(), new double[] {0.0, 0.5}).build();
        };
    }

    private static ParamMap[] gbtGrid(GBTClassifier gbt, SearchOptions.Grid grid) {
        return switch (grid) {
            case NONE -> new ParamGridBuilder().addGrid(gbt.maxDepth(), new int[] {3})
                    .addGrid(gbt.maxIter(), new int[] {20}).build();
            case SMALL -> new ParamGridBuilder().addGrid(gbt.maxDepth(), new int[] {2, 4})
                    .addGrid(gbt.maxIter(), new int[] {20}).build();
            case MEDIUM -> new ParamGridBuilder().addGrid(gbt.maxDepth(), new int[] {2, 4})
                    .addGrid(gbt.maxIter(), new int[] {20, 40}).build();
        };
    }

    private static Candidate crossValidate(String family, org.apache.spark.ml.Estimator<?> estimator,
                                           ParamMap[] grid, Dataset<Row> prepared, SearchOptions options) {
        CrossValidator cv = new CrossValidator().setEstimator(estimator).setEstimatorParamMaps(grid)
                .setEvaluator(new BinaryClassificationEvaluator().setLabelCol(LABEL)
                        .setRawPredictionCol("rawPrediction").setMetricName("areaUnderROC"))
                .setNumFolds(options.folds()).setSeed(options.seed())
                // One fit at a time: the machine is small and shared; parallel fits only thrash.
                .setParallelism(1);
        CrossValidatorModel fitted = cv.fit(prepared);
        double[] metrics = fitted.avgMetrics();
        int best = 0;
        for (int i = 1; i < metrics.length; i++) {
            if (metrics[i] > metrics[best]) {
                best = i;
            }
        }
        return new Candidate(family, fitted.bestModel(), metrics[best], describe(grid[best]));
    }

    private static String describe(ParamMap params) {
        List<String> parts = new ArrayList<>();
        for (ParamPair<?> pair : params.toList()) {
            Object value = pair.value();
            parts.add(pair.param().name() + "=" + (value instanceof Double d
                    ? String.format(Locale.ROOT, "%g", d) : value));
        }
        parts.sort(String::compareTo);
        return String.join(" ", parts);
    }
}
