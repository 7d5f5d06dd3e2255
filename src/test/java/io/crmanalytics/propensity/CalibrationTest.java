package io.crmanalytics.propensity;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.exp;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.rand;
import static org.apache.spark.sql.functions.randn;
import static org.apache.spark.sql.functions.when;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.crmanalytics.core.Progress;
import io.crmanalytics.testing.SharedSpark;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/**
 * Calibration on a large generated set with a known logistic truth and a 20 % base rate: after the in-memory
 * search and isotonic calibration on held-out rows, predicted probability matches the
 * observed rate decile by decile on fresh rows, and the ranking is close to the truth's.
 */
class CalibrationTest {

    /** x1, x2 numeric (x2 sometimes missing), segment a/b/c; p = sigmoid(-2 + 1.2 x1 - 0.8 x2 + 0.7 [segment=a]). */
    private static Dataset<Row> generate(long rows, long seed) {
        Dataset<Row> base = SharedSpark.session().range(rows).toDF("id")
                .withColumn("x1", randn(seed))
                .withColumn("x2", randn(seed + 1))
                .withColumn("u", rand(seed + 2))
                .withColumn("segment", when(col("u").lt(0.3), "a").when(col("u").lt(0.7), "b").otherwise("c"))
                .withColumn("logit", lit(-2.0).plus(col("x1").multiply(1.2)).minus(col("x2").multiply(0.8))
                        .plus(when(col("segment").equalTo("a"), 0.7).otherwise(0.0)))
                .withColumn("true_p", lit(1.0).divide(lit(1.0).plus(exp(col("logit").multiply(-1)))))
                .withColumn(FeatureFile.LABEL, when(rand(seed + 3).lt(col("true_p")), 1.0).otherwise(0.0));
        // 3 % of x2 missing: the imputer must cope.
        return base.withColumn("x2", when(rand(seed + 4).lt(0.03), lit(null)).otherwise(col("x2")))
                .drop("u", "logit");
    }

    /** Encodes rows as training does (on the executors, collected): features, labels and the true probability. */
    private static ModelSearch.Rows rows(Dataset<Row> rows, FeatureSpec spec) {
        return EncodedRows.labelled(EncodedRows.collect(rows, spec, "id", FeatureFile.LABEL), EncodedRows.POSITIVE);
    }

    @Test
    void predictedMatchesObservedByDecile() {
        Dataset<Row> train = generate(12_000, 11).persist();
        Dataset<Row> validation = generate(8_000, 23).persist();
        Dataset<Row> test = generate(15_000, 37).persist();
        FeatureSpec spec = FeatureSpec.learn(train, List.of("x1", "x2"), List.of("segment"));
        ModelBuilder.Outcome outcome = ModelBuilder.build(rows(train, spec), rows(validation, spec), spec,
                new SearchOptions(SearchOptions.Grid.NONE, 5), 20, Map.of(), Progress.silent());

        List<Row> testRows = test.orderBy("id").collectAsList();
        ModelSearch.Rows encoded = rows(test.orderBy("id"), spec);
        int n = testRows.size();
        double[] raw = new double[n];
        double[] propensity = new double[n];
        double[] truth = new double[n];
        for (int i = 0; i < n; i++) {
            raw[i] = outcome.model().raw(encoded.x()[i]);
            propensity[i] = outcome.model().propensity(raw[i]);
            truth[i] = testRows.get(i).<Double>getAs("true_p");
        }
        int[] label = encoded.y();
        Evaluation.Reliability reliability = Evaluation.reliability(raw, propensity, label);
        StringBuilder table = new StringBuilder();
        for (Evaluation.Decile d : reliability.deciles()) {
            table.append(String.format("decile %d predicted %.3f observed %.3f%n", d.decile(), d.meanPredicted(),
                    d.observedRate()));
        }
        for (Evaluation.Decile d : reliability.deciles()) {
            // 1,500 rows a decile: binomial sd <= 0.013, so 0.05 is > 3.5 sd plus a little model error.
            assertTrue(Math.abs(d.meanPredicted() - d.observedRate()) < 0.05, table.toString());
        }
        assertTrue(reliability.calibrationError() < 0.02, "ECE " + reliability.calibrationError() + "\n" + table);
        double modelAuc = Evaluation.auc(raw, label);
        double truthAuc = Evaluation.auc(truth, label);
        assertTrue(modelAuc > truthAuc - 0.02, "model AUC " + modelAuc + " vs truth " + truthAuc);
        // Calibration brings the mean predicted probability to the observed base rate.
        double meanPredicted = java.util.Arrays.stream(propensity).average().orElseThrow();
        double meanObserved = java.util.Arrays.stream(label).average().orElseThrow();
        assertTrue(Math.abs(meanPredicted - meanObserved) < 0.015, meanPredicted + " vs " + meanObserved);
        train.unpersist();
        validation.unpersist();
        test.unpersist();
    }
}
