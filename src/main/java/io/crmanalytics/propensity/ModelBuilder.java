package io.crmanalytics.propensity;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;

import io.crmanalytics.core.Progress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.regression.IsotonicRegressionModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * From labelled rows to one calibrated, evaluated model: feature stages fitted on the training rows, the model
 * search (cross-validation per family) on the training rows, the better family chosen on separate validation
 * rows, isotonic calibration and evaluation on those validation rows.
 *
 * <p>Calibration is judged honestly: its reported error comes from a map fitted on one half of the validation
 * rows and applied to the other half; the saved map is then fitted on all validation rows.
 */
final class ModelBuilder {

    /** Everything the callers report. */
    record Outcome(PropensityModel model, List<ModelSearch.Candidate> candidates, Map<String, Double> validationAuc,
                   String chosen, Evaluation.Ranking ranking, Evaluation.Reliability reliability,
                   long trainingRows, long trainingPositives) {
    }

    /** Rows too few to learn from; the caller skips (warehouse) or refuses (bring-your-own). */
    static final class TooFewRows extends RuntimeException {
        TooFewRows(String message) {
            super(message);
        }
    }

    private ModelBuilder() {
    }

    /**
     * @param train      training rows: feature columns and {@code label} (0.0/1.0)
     * @param validation validation rows, same columns
     * @param info       details to store with the model (model family, params and explainer are filled in here)
     */
    static Outcome build(Dataset<Row> train, Dataset<Row> validation, FeatureSpec spec,
                         SearchOptions options, int minPositives, Map<String, Object> info, Progress progress) {
        long[] trainCounts = counts(train);
        long[] validCounts = counts(validation);
        requireBothClasses("training", trainCounts, minPositives);
        requireBothClasses("validation", validCounts, minPositives);

        PipelineModel prep = new Pipeline().setStages(FeaturePrep.stages(spec).toArray(PipelineStage[]::new))
                .fit(train);
        Dataset<Row> prepared = ModelSearch.withClassWeights(
                prep.transform(train).select(FeaturePrep.FEATURES, ModelSearch.LABEL), trainCounts[0], trainCounts[1])
                .persist();
        Dataset<Row> validPrepared = prep.transform(validation).select(FeaturePrep.FEATURES, ModelSearch.LABEL)
                .persist();
        try {
            Progress.Stage search = progress.start("    model search (" + options.folds() + "-fold CV)");
            List<ModelSearch.Candidate> candidates = ModelSearch.search(prepared, options);
            search.done(trainCounts[0]);
            Progress.Stage choose = progress.start("    choose, calibrate, evaluate");
            Map<String, Double> validationAuc = new LinkedHashMap<>();
            ModelSearch.Candidate chosen = null;
            for (ModelSearch.Candidate c : candidates) {
                double auc = Evaluation.auc(PropensityModel.withRawScore(c.model().transform(validPrepared)),
                        "areaUnderROC");
                validationAuc.put(c.family(), auc);
                if (chosen == null || auc > validationAuc.get(chosen.family())) {
                    chosen = c;
                }
            }
            Dataset<Row> scored = PropensityModel.withRawScore(chosen.model().transform(validPrepared)).persist();
            Evaluation.Reliability reliability = heldOutReliability(scored, options.seed());
            IsotonicRegressionModel calibrator = Calibration.fit(scored);
            Evaluation.Ranking ranking = Evaluation.ranking(calibrator.transform(scored));
            scored.unpersist();
            choose.done(validCounts[0]);

            Map<String, Object> details = new LinkedHashMap<>(info);
            details.put("validation_auc", validationAuc);
            details.put("cv_auc", cvAucs(candidates));
            details.put("training_rows", trainCounts[0]);
            details.put("training_positives", trainCounts[1]);
            // The model that was validated and calibrated is the one saved: no refit on other rows, so the
            // calibration map and the reported metrics belong to exactly this model.
            Explainer explainer = Explainer.of(chosen.model(), prepared);
            PropensityModel model = PropensityModel.assemble(prep, chosen.model(), calibrator, train,
                    new PropensityModel.Info(chosen.family(), chosen.params(), spec, explainer, details));
            return new Outcome(model, candidates, validationAuc, chosen.family(), ranking, reliability,
                    trainCounts[0], trainCounts[1]);
        } finally {
            prepared.unpersist();
            validPrepared.unpersist();
        }
    }

    /** Calibration error measured out of sample: map fitted on one half of the validation rows, judged on the other. */
    private static Evaluation.Reliability heldOutReliability(Dataset<Row> scored, long seed) {
        Dataset<Row>[] halves = scored.randomSplit(new double[] {0.5, 0.5}, seed);
        IsotonicRegressionModel half = Calibration.fit(halves[0]);
        return Evaluation.reliability(half.transform(halves[1]));
    }

    private static Map<String, Double> cvAucs(List<ModelSearch.Candidate> candidates) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (ModelSearch.Candidate c : candidates) {
            out.put(c.family(), c.cvAuc());
        }
        return out;
    }

    /** {rows, positives} in one pass. */
    static long[] counts(Dataset<Row> rows) {
        Row r = rows.agg(count(lit(1)), sum(col(ModelSearch.LABEL))).first();
        return new long[] {r.getLong(0), r.isNullAt(1) ? 0 : Math.round(r.getDouble(1))};
    }

    private static void requireBothClasses(String what, long[] counts, int minPositives) {
        long negatives = counts[0] - counts[1];
        if (counts[1] < minPositives || negatives < minPositives) {
            throw new TooFewRows(what + " rows have " + counts[1] + " positives and " + negatives
                    + " negatives; need at least " + minPositives + " of each");
        }
    }
}
