package io.crmanalytics.propensity;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.desc;
import static org.apache.spark.sql.functions.ntile;
import static org.apache.spark.sql.functions.sum;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.evaluation.BinaryClassificationEvaluator;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/**
 * How good a scored set is, from {@code label} (0/1), {@code raw_score} (the model's ranking) and
 * {@code propensity} (the calibrated probability). Ranking metrics use the raw score, because isotonic
 * calibration merges neighbouring scores into ties; calibration metrics use the propensity.
 * Deciles are equal-count groups by descending raw score: decile 1 holds the 10 % most likely buyers.
 */
final class Evaluation {
    static final String RAW = "raw_score";
    static final String PROPENSITY = "propensity";

    /** One decile: its size, its buyers, the mean calibrated propensity and the observed buying rate. */
    record Decile(int decile, long rows, long positives, double meanPredicted, double observedRate) {
    }

    /**
     * @param gains cumulative share of all buyers found in deciles 1..k, k = 1..10
     */
    record Ranking(double auc, double prAuc, double topDecileLift, double[] gains, long rows, long positives) {
    }

    /** @param calibrationError row-weighted mean |predicted - observed| over the deciles (expected calibration error) */
    record Reliability(List<Decile> deciles, double calibrationError) {
    }

    private Evaluation() {
    }

    static double auc(Dataset<Row> scored, String metric) {
        return new BinaryClassificationEvaluator().setLabelCol(ModelSearch.LABEL).setRawPredictionCol(RAW)
                .setMetricName(metric).evaluate(scored);
    }

    static Ranking ranking(Dataset<Row> scored) {
        List<Decile> deciles = deciles(scored);
        long rows = deciles.stream().mapToLong(Decile::rows).sum();
        long positives = deciles.stream().mapToLong(Decile::positives).sum();
        double[] gains = new double[10];
        long cumulative = 0;
        for (Decile d : deciles) {
            cumulative += d.positives();
            gains[d.decile() - 1] = positives == 0 ? 0 : (double) cumulative / positives;
        }
        Decile top = deciles.get(0);
        double baseRate = rows == 0 ? 0 : (double) positives / rows;
        double lift = baseRate == 0 ? 0 : top.observedRate() / baseRate;
        return new Ranking(auc(scored, "areaUnderROC"), auc(scored, "areaUnderPR"), lift, gains, rows, positives);
    }

    static Reliability reliability(Dataset<Row> scored) {
        List<Decile> deciles = deciles(scored);
        long rows = deciles.stream().mapToLong(Decile::rows).sum();
        double error = 0;
        for (Decile d : deciles) {
            error += (double) d.rows() / rows * Math.abs(d.meanPredicted() - d.observedRate());
        }
        return new Reliability(deciles, error);
    }

    /** Equal-count deciles; one ordered window over a validation set (a small aggregate comes back). */
    static List<Decile> deciles(Dataset<Row> scored) {
        Dataset<Row> ranked = scored.withColumn("decile", ntile(10).over(Window.orderBy(desc(RAW))));
        List<Row> rows = ranked.groupBy("decile")
                .agg(count(org.apache.spark.sql.functions.lit(1)).as("rows"),
                        sum(col(ModelSearch.LABEL)).as("positives"), avg(col(PROPENSITY)).as("predicted"))
                .orderBy("decile").collectAsList();
        List<Decile> deciles = new ArrayList<>();
        for (Row r : rows) {
            long n = r.getLong(1);
            long p = Math.round(r.getDouble(2));
            double predicted = r.isNullAt(3) ? Double.NaN : r.getDouble(3);
            deciles.add(new Decile(r.getInt(0), n, p, predicted, n == 0 ? 0 : (double) p / n));
        }
        return deciles;
    }
}
