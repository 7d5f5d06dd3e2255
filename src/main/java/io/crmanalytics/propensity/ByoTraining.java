package io.crmanalytics.propensity;

import io.crmanalytics.core.Progress;
import io.crmanalytics.core.UserException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * {@code crm propensity train}: the warehouse job's model search on any wide table. 80 % of the rows (random,
 * seeded) go to cross-validation; the other 20 % choose between the two families and fit the calibration map.
 */
public final class ByoTraining {
    static final double VALIDATION_SHARE = 0.2;
    static final int MIN_POSITIVES = 5;

    /** What the command prints. */
    public record Summary(long rows, long positives, Map<String, Double> cvAuc, Map<String, Double> validationAuc,
                          String chosen, String params, List<Explainer.TopFeature> topFeatures,
                          double calibrationError, List<String> skippedColumns) {
    }

    private ByoTraining() {
    }

    public static Summary train(SparkSession spark, String featureFile, String labelOption, String idOption,
                                String modelDir, SearchOptions options, Progress progress) {
        Dataset<Row> table = FeatureFile.read(spark, featureFile);
        String label = FeatureFile.column(table, labelOption, "--label");
        String id = FeatureFile.column(table, idOption, "--id");
        if (label.equals(id)) {
            throw new UserException("--label and --id name the same column '" + label + "'");
        }
        Dataset<Row> labelled = FeatureFile.withLabel(table, label).persist();
        try {
            List<List<String>> columns = FeatureFile.featureColumns(table, List.of(label, id));
            List<String> skipped = new ArrayList<>();
            for (String c : table.columns()) {
                if (!c.equals(label) && !c.equals(id) && !columns.get(0).contains(c) && !columns.get(1).contains(c)) {
                    skipped.add(c);
                }
            }
            Dataset<Row>[] split = labelled.randomSplit(new double[] {1 - VALIDATION_SHARE, VALIDATION_SHARE},
                    options.seed());
            FeatureSpec spec = FeatureSpec.learn(split[0], columns.get(0), columns.get(1));
            if (spec.numeric().isEmpty() && spec.levels().isEmpty()) {
                throw new UserException("the feature file has no numeric or string columns besides --id and --label");
            }
            Map<String, Object> info = new LinkedHashMap<>();
            info.put("id_column", id);
            info.put("label_column", label);
            info.put("source", featureFile);
            ModelBuilder.Outcome outcome;
            try {
                outcome = ModelBuilder.build(split[0], split[1], spec, options, MIN_POSITIVES, info, progress);
            } catch (ModelBuilder.TooFewRows e) {
                throw new UserException("too few rows to train on: " + e.getMessage(), e);
            }
            outcome.model().save(spark, modelDir);
            Map<String, Double> cv = new LinkedHashMap<>();
            outcome.candidates().forEach(c -> cv.put(c.family(), c.cvAuc()));
            return new Summary(outcome.trainingRows(), outcome.trainingPositives(), cv, outcome.validationAuc(),
                    outcome.chosen(), outcome.model().info().params(),
                    outcome.model().info().explainer().topFeatures(10), outcome.reliability().calibrationError(),
                    skipped);
        } finally {
            labelled.unpersist();
        }
    }
}
