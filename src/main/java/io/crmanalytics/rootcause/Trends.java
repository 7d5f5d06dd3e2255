package io.crmanalytics.rootcause;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import io.crmanalytics.stats.MultipleTesting;
import io.crmanalytics.stats.RatioEstimate;
import io.crmanalytics.stats.RiskRatio;
import io.crmanalytics.stats.TwoByTwo;
import java.time.LocalDate;
import java.util.ArrayList;
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

    /** Which window a shipment's reference date falls in: baseline, recent, or null (neither). */
    static Column window(LocalDate runDate, int recentDays, int baselineDays) {
        java.sql.Date recentStart = java.sql.Date.valueOf(runDate.minusDays(recentDays));
        java.sql.Date baselineStart = java.sql.Date.valueOf(runDate.minusDays((long) recentDays + baselineDays));
        java.sql.Date end = java.sql.Date.valueOf(runDate);
        return when(col("reference_date").geq(lit(recentStart)).and(col("reference_date").lt(lit(end))),
                lit((int) UnitBlock.RECENT))
                .when(col("reference_date").geq(lit(baselineStart)).and(col("reference_date").lt(lit(recentStart))),
                        lit((int) UnitBlock.BASELINE));
    }

    /** Per single factor and reason, recent against baseline, from units encoded with their {@link #window}. */
    static Dataset<Row> compute(SparkSession spark, EncodedUnits units, double alpha) {
        Reasons reasons = units.reasons();
        long[][][] counts = units.trendCounts();
        Map<String, GroupCounts[]> byTerm = new java.util.TreeMap<>();
        for (int code = 0; code < units.dictionary().size(); code++) {
            GroupCounts baseline = EncodedUnits.group(counts[UnitBlock.BASELINE - 1][code]);
            GroupCounts recent = EncodedUnits.group(counts[UnitBlock.RECENT - 1][code]);
            if (baseline.shipments() > 0 && recent.shipments() > 0) {
                byTerm.put(units.dictionary().term(code).key(), new GroupCounts[] {baseline, recent});
            }
        }
        List<Object[]> tested = new ArrayList<>();
        List<Double> pValues = new ArrayList<>();
        for (Map.Entry<String, GroupCounts[]> entry : byTerm.entrySet()) {
            GroupCounts baseline = entry.getValue()[0];
            GroupCounts recent = entry.getValue()[1];
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
                tested.add(new Object[] {reasons.name(r), entry.getKey(),
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
}
