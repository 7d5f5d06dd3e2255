package io.crmanalytics.rootcause;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;

import io.crmanalytics.job.JobResult;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * What the job output says about the attribution beyond the methods: how each link was chosen (ties and
 * impossible cases, counted, not hidden) and, when a truth file is given, how accurate the links are.
 *
 * @param windowBases complaints naming no order per {@code attribution_basis} (kept or left unattributed)
 * @param accuracy    null without a truth file
 */
record AttributionReport(Map<String, Long> windowBases, AttributionAccuracy accuracy) {

    static AttributionReport of(SparkSession spark, Dataset<Row> attribution, String truthFile) {
        Map<String, Long> bases = new LinkedHashMap<>();
        Attribution.BASES.forEach(b -> bases.put(b, 0L));
        for (Row row : attribution.where(col("order_id").isNull().or(col("method").equalTo(Attribution.BY_WINDOW)))
                .where(col("attribution_basis").isNotNull())
                .groupBy("attribution_basis").agg(count(lit(1))).collectAsList()) {
            bases.put(row.getString(0), row.getLong(1));
        }
        AttributionAccuracy accuracy = truthFile == null ? null
                : AttributionAccuracy.measure(attribution, AttributionAccuracy.readTruth(spark, truthFile));
        return new AttributionReport(bases, accuracy);
    }

    void addFigures(JobResult result) {
        windowBases.forEach((basis, n) -> result.figure("window attribution basis " + basis, n));
        if (accuracy == null) {
            return;
        }
        result.figure("attribution accuracy by order id", accuracy.byOrder().accuracy())
                .figure("attribution accuracy by window", accuracy.byWindow().accuracy())
                .figure("attribution accuracy about no shipment (left unattributed)",
                        accuracy.aboutNoShipment().accuracy())
                .figure("truth-checked complaints by order id", accuracy.byOrder().total())
                .figure("truth-checked complaints by window", accuracy.byWindow().total())
                .figure("truth-checked complaints about no shipment", accuracy.aboutNoShipment().total())
                .figure("truth-checked complaints about a shipment left unattributed", accuracy.missed());
    }

    /** The window bases and, with a truth file, the accuracy, as name/value pairs of the attribution row. */
    List<Object> rowValues() {
        List<Object> values = new ArrayList<>(List.of(
                "only_candidate", windowBases.get(Attribution.ONLY_CANDIDATE),
                "best_fit", windowBases.get(Attribution.BEST_FIT),
                "most_recent_fitting", windowBases.get(Attribution.MOST_RECENT_FITTING),
                "ambiguous", windowBases.get(Attribution.AMBIGUOUS),
                "no_fit", windowBases.get(Attribution.NO_FIT)));
        if (accuracy != null) {
            values.addAll(Arrays.asList("accuracy_by_order", percent(accuracy.byOrder()),
                    "checked_by_order", accuracy.byOrder().total(),
                    "accuracy_by_window", percent(accuracy.byWindow()), "checked_by_window", accuracy.byWindow().total(),
                    "accuracy_no_shipment", percent(accuracy.aboutNoShipment()),
                    "checked_no_shipment", accuracy.aboutNoShipment().total(), "missed", accuracy.missed()));
        }
        return values;
    }

    private static String percent(AttributionAccuracy.Tally tally) {
        Double a = tally.accuracy();
        return a == null ? "n/a" : String.format(Locale.ROOT, "%.1f%%", 100 * a);
    }
}
