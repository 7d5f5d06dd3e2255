package io.crmanalytics.service;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.when;

import io.crmanalytics.stats.MultipleTesting;
import io.crmanalytics.stats.OddsRatio;
import io.crmanalytics.stats.RatioEstimate;
import io.crmanalytics.stats.RiskRatio;
import io.crmanalytics.stats.TwoByTwo;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * {@code gold.cx_drivers}: which attributes of the contact a survey follows raise the odds of a bad score.
 * Two outcomes: {@code nps_detractor} (NPS 0-6, among NPS surveys) and {@code low_csat} (CSAT 1-3, among CSAT
 * surveys). Each attribute level (a yes/no attribute, or one value of a categorical one) is a 2x2 table of
 * outcome by level against all other surveys of that type where the attribute is known; the odds ratio and risk
 * ratio with 95% intervals and the p-value come from the shared {@code io.crmanalytics.stats} package, q-values by
 * Benjamini-Hochberg over every level of both outcomes. {@code raises_odds}: q at most the FDR and the odds
 * ratio's interval wholly above 1.
 */
public final class CxDrivers {
    private CxDrivers() {
    }

    /**
     * Per survey that follows a contact: the outcome and the attributes. Lateness of the contact's shipment uses
     * the complaint attribution's shipment when present, else any shipment of the order the contact names.
     */
    public static Dataset<Row> surveyAttributes(Dataset<Row> surveys, Dataset<Row> contacts,
                                                Dataset<Row> shipments, LocalDate runDay,
                                                ServiceOptions options) {
        Column runDate = lit(java.sql.Date.valueOf(runDay));
        Column late = when(col("promised_date").isNull(), lit(null).cast("boolean"))
                .otherwise(coalesce(to_date(col("delivered_ts")).gt(col("promised_date")),
                        col("promised_date").lt(runDate)));
        Dataset<Row> shipmentFacts = shipments.select(col("shipment_id"), col("order_id"), col("carrier"),
                late.as("late"));
        Dataset<Row> byShipment = shipmentFacts.select(col("shipment_id").as("attributed_shipment_id"),
                col("late").as("shipment_late"), col("carrier").as("shipment_carrier"));
        Dataset<Row> byOrder = shipmentFacts.groupBy(col("order_id").as("order_id")).agg(
                max("late").as("order_late"), first("carrier", true).as("order_carrier"));
        Dataset<Row> contactFacts = contacts.select("interaction_id", "channel", "reason", "wait_seconds",
                        "resolved", "transferred", "complaint", "follows_recent_contact", "attributed_shipment_id",
                        "order_id")
                .join(byShipment, new String[] {"attributed_shipment_id"}, "left")
                .join(byOrder, new String[] {"order_id"}, "left")
                .select(col("interaction_id"), col("channel"), col("reason"),
                        col("wait_seconds").gt(options.longWaitSeconds()).as("long_wait"),
                        col("resolved").equalTo(false).as("unresolved"),
                        col("transferred"), col("complaint"), col("follows_recent_contact").as("repeat_contact"),
                        coalesce(col("shipment_late"), col("order_late")).as("late_delivery"),
                        coalesce(col("shipment_carrier"), col("order_carrier")).as("carrier"));
        return surveys.where(col("interaction_id").isNotNull().and(col("survey_type").isin("NPS", "CSAT")))
                .select(col("survey_id"), col("interaction_id"),
                        when(col("survey_type").equalTo("NPS"), lit("nps_detractor")).otherwise(lit("low_csat"))
                                .as("outcome"),
                        when(col("survey_type").equalTo("NPS"), col("score").leq(6)).otherwise(col("score").leq(3))
                                .as("bad"))
                .join(contactFacts, "interaction_id");
    }

    static final List<String> FLAGS = List.of("late_delivery", "repeat_contact", "long_wait", "unresolved",
            "transferred", "complaint");
    static final List<String> CATEGORIES = List.of("channel", "reason", "carrier");

    public static Dataset<Row> build(SparkSession spark, Dataset<Row> surveyAttributes, ServiceOptions options) {
        Dataset<Row> levels = null;
        for (String flag : FLAGS) {
            Dataset<Row> part = surveyAttributes.where(col(flag).isNotNull()).select(col("outcome"),
                    lit(flag).as("attribute"), col(flag).cast("string").as("level"), col("bad"));
            levels = levels == null ? part : levels.unionByName(part);
        }
        for (String category : CATEGORIES) {
            levels = levels.unionByName(surveyAttributes.where(col(category).isNotNull()).select(col("outcome"),
                    lit(category).as("attribute"), col(category).as("level"), col("bad")));
        }
        List<Row> counts = levels.groupBy("outcome", "attribute", "level")
                .agg(count(lit(1)).as("surveys"), count(when(col("bad"), 1)).as("bad"))
                .orderBy("outcome", "attribute", "level").collectAsList();
        return spark.createDataFrame(judge(counts, options), SCHEMA);
    }

    static final StructType SCHEMA = new StructType()
            .add("outcome", DataTypes.StringType).add("attribute", DataTypes.StringType)
            .add("level", DataTypes.StringType)
            .add("surveys_with", DataTypes.LongType).add("bad_with", DataTypes.LongType)
            .add("bad_rate_with", DataTypes.DoubleType)
            .add("surveys_without", DataTypes.LongType).add("bad_without", DataTypes.LongType)
            .add("bad_rate_without", DataTypes.DoubleType)
            .add("odds_ratio", DataTypes.DoubleType).add("odds_ratio_ci_low", DataTypes.DoubleType)
            .add("odds_ratio_ci_high", DataTypes.DoubleType)
            .add("risk_ratio", DataTypes.DoubleType).add("risk_ratio_ci_low", DataTypes.DoubleType)
            .add("risk_ratio_ci_high", DataTypes.DoubleType)
            .add("p_value", DataTypes.DoubleType).add("q_value", DataTypes.DoubleType)
            .add("raises_odds", DataTypes.BooleanType);

    private record Level(String outcome, String attribute, String level, TwoByTwo table) {
    }

    static List<Row> judge(List<Row> counts, ServiceOptions options) {
        Map<String, long[]> totals = new HashMap<>();
        for (Row r : counts) {
            long[] t = totals.computeIfAbsent(r.getString(0) + "|" + r.getString(1), k -> new long[2]);
            t[0] += r.getLong(3);
            t[1] += r.getLong(4);
        }
        List<Level> levels = new ArrayList<>();
        for (Row r : counts) {
            String attribute = r.getString(1);
            // A yes/no attribute is reported once, as "true" against "false".
            if (FLAGS.contains(attribute) && !r.getString(2).equals("true")) {
                continue;
            }
            long[] t = totals.get(r.getString(0) + "|" + attribute);
            levels.add(new Level(r.getString(0), attribute, r.getString(2),
                    TwoByTwo.ofGroup(r.getLong(4), r.getLong(3), t[1], t[0])));
        }
        RatioEstimate[] odds = new RatioEstimate[levels.size()];
        double[] pValues = new double[levels.size()];
        for (int i = 0; i < levels.size(); i++) {
            odds[i] = OddsRatio.of(levels.get(i).table());
            // A level that is the attribute's only value, or without any bad score, tests nothing.
            pValues[i] = odds[i].isDefined() ? odds[i].pValue() : Double.NaN;
        }
        double[] q = MultipleTesting.benjaminiHochberg(pValues);
        List<Row> out = new ArrayList<>();
        for (int i = 0; i < levels.size(); i++) {
            Level l = levels.get(i);
            TwoByTwo t = l.table();
            RatioEstimate risk = RiskRatio.of(t);
            boolean raises = !Double.isNaN(q[i]) && q[i] <= options.fdr() && odds[i].ciExcludesOneAbove();
            out.add(RowFactory.create(l.outcome(), l.attribute(), l.level(), t.groupTotal(), t.groupEvents(),
                    nan(t.groupRate()), t.otherTotal(), t.otherEvents(), nan(t.otherRate()),
                    nan(odds[i].ratio()), nan(odds[i].ciLow()), nan(odds[i].ciHigh()),
                    nan(risk.ratio()), nan(risk.ciLow()), nan(risk.ciHigh()), nan(pValues[i]), nan(q[i]), raises));
        }
        return out;
    }

    private static Double nan(double value) {
        return Double.isNaN(value) ? null : value;
    }
}
