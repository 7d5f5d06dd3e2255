package io.crmanalytics.rootcause;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.nullif;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.when;

import io.crmanalytics.core.UserException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The attribution judged against a truth: for every complaint whose interaction the truth knows, was it linked to
 * the shipment it is about? Counted per method; complaints about no shipment should stay unattributed.
 *
 * @param byOrder            complaints linked by their order id, and how many of them to the true shipment
 * @param byWindow           complaints linked by the window, and how many of them to the true shipment
 * @param aboutNoShipment    complaints the truth ties to no shipment, and how many of them stayed unattributed
 * @param missed             complaints the truth ties to a shipment that stayed unattributed
 */
record AttributionAccuracy(Tally byOrder, Tally byWindow, Tally aboutNoShipment, long missed) {
    /** {@code right} of {@code total}; the accuracy is null without any. */
    record Tally(long total, long right) {
        Double accuracy() {
            return total == 0 ? null : right / (double) total;
        }
    }

    /** The truth file: {@code interaction_id, shipment_id} (empty: about no shipment), other columns ignored. */
    static Dataset<Row> readTruth(SparkSession spark, String file) {
        if (!Files.isRegularFile(Path.of(file))) {
            throw new UserException("--attribution-truth " + file + ": no such file");
        }
        Dataset<Row> truth = spark.read().option("header", "true").csv(file);
        List<String> columns = Arrays.asList(truth.columns());
        if (!columns.containsAll(List.of("interaction_id", "shipment_id"))) {
            throw new UserException("--attribution-truth " + file + " needs the columns interaction_id and "
                    + "shipment_id, found " + String.join(", ", columns));
        }
        return truth.select(col("interaction_id").as("t_interaction_id"),
                nullif(trim(col("shipment_id")), lit("")).as("true_shipment_id"));
    }

    static AttributionAccuracy measure(Dataset<Row> attribution, Dataset<Row> truth) {
        Column right = col("shipment_id").eqNullSafe(col("true_shipment_id"));
        Column aboutNone = col("true_shipment_id").isNull();
        Column unattributed = col("method").equalTo(Attribution.UNATTRIBUTED);
        Row r = attribution.join(truth, col("interaction_id").equalTo(col("t_interaction_id")))
                .agg(count(when(col("method").equalTo(Attribution.BY_ORDER), 1)),
                        count(when(col("method").equalTo(Attribution.BY_ORDER).and(right), 1)),
                        count(when(col("method").equalTo(Attribution.BY_WINDOW), 1)),
                        count(when(col("method").equalTo(Attribution.BY_WINDOW).and(right), 1)),
                        count(when(aboutNone, 1)),
                        count(when(aboutNone.and(unattributed), 1)),
                        count(when(unattributed.and(not(aboutNone)), 1)))
                .first();
        return new AttributionAccuracy(new Tally(r.getLong(0), r.getLong(1)), new Tally(r.getLong(2), r.getLong(3)),
                new Tally(r.getLong(4), r.getLong(5)), r.getLong(6));
    }
}
