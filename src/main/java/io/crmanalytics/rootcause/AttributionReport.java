package io.crmanalytics.rootcause;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;

import io.crmanalytics.job.JobResult;
import java.util.LinkedHashMap;
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

    void addLines(JobResult result) {
        result.line(String.format(Locale.ROOT, "Window attribution: %,d by the only candidate, %,d by the best fit"
                        + " to the reason, %,d the most recent of several fitting; left unattributed: %,d ambiguous,"
                        + " %,d with no shipment fitting the reason", windowBases.get(Attribution.ONLY_CANDIDATE),
                windowBases.get(Attribution.BEST_FIT), windowBases.get(Attribution.MOST_RECENT_FITTING),
                windowBases.get(Attribution.AMBIGUOUS), windowBases.get(Attribution.NO_FIT)));
        if (accuracy != null) {
            result.line(String.format(Locale.ROOT, "Against the truth: by order id %s of %,d, by window %s of %,d;"
                            + " about no shipment and left unattributed %s of %,d; about a shipment but unattributed"
                            + " %,d", percent(accuracy.byOrder()), accuracy.byOrder().total(),
                    percent(accuracy.byWindow()), accuracy.byWindow().total(), percent(accuracy.aboutNoShipment()),
                    accuracy.aboutNoShipment().total(), accuracy.missed()));
        }
    }

    private static String percent(AttributionAccuracy.Tally tally) {
        Double a = tally.accuracy();
        return a == null ? "n/a" : String.format(Locale.ROOT, "%.1f%%", 100 * a);
    }
}
