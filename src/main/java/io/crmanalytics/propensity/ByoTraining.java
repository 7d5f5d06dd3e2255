package io.crmanalytics.propensity;

import io.crmanalytics.core.Progress;
import io.crmanalytics.core.UserException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * {@code crm propensity train}: the warehouse job's model search on any wide table. Spark reads the table, splits
 * it (80 % training, 20 % held out; random, seeded) and encodes it; the driver trains and searches in memory
 * (the same {@link ModelBuilder} as the warehouse job), chooses the family and fits the calibration map on the
 * held-out rows.
 */
public final class ByoTraining {
    static final double VALIDATION_SHARE = 0.2;
    static final int MIN_POSITIVES = 5;

    /** Columns the user declared, by type. */
    public record Declared(List<String> categorical, List<String> numeric) {
        public Declared {
            categorical = categorical == null ? List.of() : List.copyOf(categorical);
            numeric = numeric == null ? List.of() : List.copyOf(numeric);
        }
    }

    /** What the command prints. */
    public record Summary(long rows, long positives, Map<String, Double> stoppingAuc,
                          Map<String, Double> validationAuc, String chosen, String params,
                          List<Explainer.TopFeature> topFeatures, double calibrationError, List<String> numeric,
                          List<String> categorical, Map<String, Long> codes, List<String> declared,
                          List<String> skippedColumns, double samplingFraction) {
    }

    private ByoTraining() {
    }

    public static Summary train(SparkSession spark, String featureFile, String labelOption, String idOption,
                                String modelDir, SearchOptions options, Declared declared, Progress progress) {
        Dataset<Row> table = FeatureFile.read(spark, featureFile);
        String label = FeatureFile.column(table, labelOption, "--label");
        String id = FeatureFile.column(table, idOption, "--id");
        if (label.equals(id)) {
            throw new UserException("--label and --id name the same column '" + label + "'");
        }
        FeatureFile.Columns columns = FeatureFile.inspect(table, label, List.of(label, id), declared.categorical(),
                declared.numeric());
        Dataset<Row> labelled = FeatureFile.withLabel(table, label).persist();
        try {
            Dataset<Row>[] split = labelled.randomSplit(new double[] {1 - VALIDATION_SHARE, VALIDATION_SHARE},
                    options.seed());
            Dataset<Row> training = split[0];
            double fraction = 1.0;
            // The training split is a part of the labelled rows: only a table above the cap needs it counted.
            long trainingRows = columns.labelledRows() > PropensityOptions.MAX_TRAINING_ROWS ? training.count() : 0;
            if (trainingRows > PropensityOptions.MAX_TRAINING_ROWS) {
                fraction = (double) PropensityOptions.MAX_TRAINING_ROWS / trainingRows;
                training = training.sample(false, fraction, options.seed());
                progress.info("  training on a %.1f%% random sample of %,d rows", 100 * fraction, trainingRows);
            }
            FeatureSpec spec = FeatureSpec.learn(training, columns.numeric(), columns.categorical());
            if (spec.width() == 0) {
                throw new UserException("the feature file has no usable feature columns besides --id and --label");
            }
            Progress.Stage collect = progress.start("encode and collect rows");
            ModelSearch.Rows train = EncodedRows.labelled(
                    EncodedRows.collect(training, spec, id, FeatureFile.LABEL), EncodedRows.POSITIVE);
            ModelSearch.Rows heldOut = EncodedRows.labelled(
                    EncodedRows.collect(split[1], spec, id, FeatureFile.LABEL), EncodedRows.POSITIVE);
            collect.done(train.size() + heldOut.size());
            Map<String, Object> info = new LinkedHashMap<>();
            info.put("id_column", id);
            info.put("label_column", label);
            info.put("source", featureFile);
            info.put("categorical_codes", columns.codes());
            ModelBuilder.Outcome outcome;
            try {
                outcome = ModelBuilder.build(train, heldOut, spec, options, MIN_POSITIVES, info, progress);
            } catch (ModelBuilder.TooFewRows e) {
                throw new UserException("too few rows to train on: " + e.getMessage(), e);
            }
            outcome.model().save(spark.sparkContext().hadoopConfiguration(), modelDir);
            return new Summary(outcome.trainingRows(), outcome.trainingPositives(), outcome.stoppingAuc(),
                    outcome.validationAuc(), outcome.chosen(), outcome.params(),
                    outcome.model().info().explainer().topFeatures(10), outcome.reliability().calibrationError(),
                    spec.numeric(), spec.strings(), columns.codes(), columns.declared(), columns.skipped(), fraction);
        } finally {
            labelled.unpersist();
        }
    }
}
