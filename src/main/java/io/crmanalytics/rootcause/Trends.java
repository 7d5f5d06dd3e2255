package io.crmanalytics.rootcause;

import static org.apache.spark.sql.functions.array_contains;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.crmanalytics.stats.MultipleTesting;
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
 * Emerging issues: per single factor and reason, the complaint rate of shipments whose reference date (delivery,
 * else promised date) falls in the recent window (the {@code recentDays} before the run date) against the
 * baseline window (the {@code baselineDays} before that). rate_ratio is the risk ratio recent/baseline with a
 * p-value from the same 2x2 tests as the engine; q-values are Benjamini-Hochberg over all trend hypotheses of the
 * run; {@code emerging} = q below alpha and rate_ratio above 1. Recent shipments have had less time to be
 * complained about, which biases rate_ratio down: a factor flagged emerging has risen despite that.
 */
final class Trends {
    static final StructType SCHEMA = new StructType()
            .add("complaint_reason", DataTypes.StringType)
            .add("factors", DataTypes.StringType)
            .add("baseline_shipments", DataTypes.LongType)
            .add("baseline_complaints", DataTypes.LongType)
            .add("baseline_rate", DataTypes.DoubleType)
            .add("recent_shipments", DataTypes.LongType)
            .add("recent_complaints", DataTypes.LongType)
            .add("recent_rate", DataTypes.DoubleType)
            .add("rate_ratio", DataTypes.DoubleType)
            .add("p_value", DataTypes.DoubleType)
            .add("q_value", DataTypes.DoubleType)
            .add("emerging", DataTypes.BooleanType);

    private Trends() {
    }

    static Dataset<Row> compute(SparkSession spark, Dataset<Row> units, Reasons reasons, LocalDate runDate,
                                int recentDays, int baselineDays, double alpha) {
        java.sql.Date recentStart = java.sql.Date.valueOf(runDate.minusDays(recentDays));
        java.sql.Date baselineStart = java.sql.Date.valueOf(runDate.minusDays((long) recentDays + baselineDays));
        java.sql.Date end = java.sql.Date.valueOf(runDate);
        Column window = when(col("reference_date").geq(lit(recentStart)).and(col("reference_date").lt(lit(end))),
                lit("recent"))
                .when(col("reference_date").geq(lit(baselineStart)).and(col("reference_date").lt(lit(recentStart))),
                        lit("baseline"));
        List<Column> aggs = aggregates(reasons);
        Map<String, GroupCounts[]> byTerm = new HashMap<>();
        for (Row row : units.withColumn("trend_window", window).where(col("trend_window").isNotNull())
                .select(explode(col("items")).as("term"), col("trend_window"), col("reasons"))
                .groupBy("term", "trend_window")
                .agg(aggs.get(0), aggs.subList(1, aggs.size()).toArray(Column[]::new)).collectAsList()) {
            GroupCounts[] pair = byTerm.computeIfAbsent(row.getString(0), k -> new GroupCounts[2]);
            pair["recent".equals(row.getString(1)) ? 1 : 0] = counts(row, 2, reasons);
        }
        List<Object[]> tested = new ArrayList<>();
        List<Double> pValues = new ArrayList<>();
        for (Map.Entry<String, GroupCounts[]> entry : byTerm.entrySet()) {
            GroupCounts baseline = entry.getValue()[0];
            GroupCounts recent = entry.getValue()[1];
            if (baseline == null || recent == null) {
                continue;
            }
            for (int r = 0; r < reasons.size(); r++) {
                long bc = baseline.complaints(r);
                long rc = recent.complaints(r);
                if (bc + rc == 0) {
                    continue;
                }
                RatioEstimate ratio = RiskRatio.of(new TwoByTwo(rc, recent.shipments(), bc, baseline.shipments()));
                double baselineRate = (double) bc / baseline.shipments();
                double recentRate = (double) rc / recent.shipments();
                // The reported ratio is the plain one; the corrected estimate only guards the interval against zeros.
                double plainRatio = bc == 0 ? Double.POSITIVE_INFINITY : recentRate / baselineRate;
                tested.add(new Object[] {reasons.name(r), Itemset.parseKey(entry.getKey()).factors(),
                        baseline.shipments(), bc, baselineRate, recent.shipments(), rc, recentRate, plainRatio,
                        ratio.pValue()});
                pValues.add(ratio.pValue());
            }
        }
        double[] q = MultipleTesting.benjaminiHochberg(pValues.stream().mapToDouble(Double::doubleValue).toArray());
        List<Row> rows = new ArrayList<>(tested.size());
        for (int i = 0; i < tested.size(); i++) {
            Object[] t = tested.get(i);
            boolean emerging = q[i] < alpha && (double) t[8] > 1.0;
            rows.add(RowFactory.create(t[0], t[1], t[2], t[3], t[4], t[5], t[6], t[7], t[8], t[9], q[i], emerging));
        }
        return spark.createDataFrame(rows, SCHEMA);
    }

    /** Shipments, then complained shipments per reason (r0 = any reason). */
    private static List<Column> aggregates(Reasons reasons) {
        List<Column> aggs = new ArrayList<>();
        aggs.add(org.apache.spark.sql.functions.count(lit(1)).as("shipments"));
        aggs.add(sum(when(size(col("reasons")).gt(0), 1).otherwise(0)).cast("long").as("r0"));
        for (int r = 1; r < reasons.size(); r++) {
            aggs.add(sum(when(array_contains(col("reasons"), reasons.name(r)), 1).otherwise(0)).cast("long")
                    .as("r" + r));
        }
        return aggs;
    }

    private static GroupCounts counts(Row row, int offset, Reasons reasons) {
        long[] complaints = new long[reasons.size()];
        for (int r = 0; r < reasons.size(); r++) {
            complaints[r] = row.isNullAt(offset + 1 + r) ? 0 : row.getLong(offset + 1 + r);
        }
        return new GroupCounts(row.isNullAt(offset) ? 0 : row.getLong(offset), complaints);
    }
}
