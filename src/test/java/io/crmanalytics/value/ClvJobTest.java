package io.crmanalytics.value;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.crmanalytics.contract.DataContract;
import io.crmanalytics.job.JobContext;
import io.crmanalytics.testing.Cli;
import io.crmanalytics.testing.SharedSpark;
import io.crmanalytics.testing.SilverFixture;
import io.crmanalytics.warehouse.Layer;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

class ClvJobTest {
    private static final LocalDate CALIBRATION_END = LocalDate.parse("2024-12-31");
    private static final LocalDate HOLDOUT_END = LocalDate.parse("2025-06-30");
    // Planted purchase process in days: one purchase per 75 days on average while alive.
    private static final BgNbdModel TRUTH = new BgNbdModel(0.8, 60.0, 0.7, 3.0);
    private static final GammaGammaModel SPEND_TRUTH = new GammaGammaModel(5.0, 4.0, 30.0);
    private static final int CUSTOMERS = 2000;

    @Test
    void calibrationSummaryFollowsTheOccasionConventions() {
        JobContext ctx = SharedSpark.context(SharedSpark.newWarehouseDir("clv-summary"), LocalDate.parse("2024-01-31"));
        SilverFixture.of(DataContract.ORDERS)
                .row("order_id", "o1", "customer_id", "c1", "order_ts", "2024-01-01T10:00:00", "total_amount", "10.00")
                .row("order_id", "o2", "customer_id", "c1", "order_ts", "2024-01-01T15:00:00", "total_amount", "5.00")
                .row("order_id", "o3", "customer_id", "c1", "order_ts", "2024-01-15T09:00:00", "total_amount", "20.00")
                .row("order_id", "o4", "customer_id", "c1", "order_ts", "2024-01-29T23:30:00", "total_amount", "40.00")
                .row("order_id", "o5", "customer_id", "c1", "order_ts", "2024-02-01T00:30:00", "total_amount", "99.00")
                .row("order_id", "o6", "customer_id", "c2", "order_ts", "2024-01-10T12:00:00", "total_amount", "12.50")
                .row("order_id", "o7", "customer_id", "c3", "order_ts", "2024-02-05T12:00:00", "total_amount", "7.00")
                .write(ctx);
        Dataset<Row> orders = ctx.warehouse().read(Layer.SILVER, "orders");
        Map<String, Row> weeks = byCustomer(CalibrationSummary.compute(orders, LocalDate.parse("2024-01-31"),
                TimeUnit.WEEK));
        assertEquals(Set.of("c1", "c2"), weeks.keySet(), "c3 first bought after the calibration end");
        Row c1 = weeks.get("c1");
        // Occasions 01-01 (10 + 5 same day), 01-15 (20), 01-29 (40); 02-01 is after the calibration end.
        assertEquals(2, c1.getInt(c1.fieldIndex("frequency")));
        assertEquals(28 / 7.0, c1.getDouble(c1.fieldIndex("recency")), 1e-12);
        assertEquals(30 / 7.0, c1.getDouble(c1.fieldIndex("T")), 1e-12);
        assertEquals((20 + 40) / 2.0, c1.getDouble(c1.fieldIndex("monetary_value")), 1e-12);
        Row c2 = weeks.get("c2");
        assertEquals(0, c2.getInt(c2.fieldIndex("frequency")));
        assertEquals(0.0, c2.getDouble(c2.fieldIndex("recency")));
        assertEquals(3.0, c2.getDouble(c2.fieldIndex("T")), 1e-12);
        assertEquals(0.0, c2.getDouble(c2.fieldIndex("monetary_value")));

        Row c1Days = byCustomer(CalibrationSummary.compute(orders, LocalDate.parse("2024-01-31"), TimeUnit.DAY))
                .get("c1");
        assertEquals(28.0, c1Days.getDouble(c1Days.fieldIndex("recency")));
        assertEquals(30.0, c1Days.getDouble(c1Days.fieldIndex("T")));
    }

    @Test
    void clvCommandRecoversPlantedProcessAndValidatesOnHoldout() {
        Path dir = SharedSpark.newWarehouseDir("clv-job");
        JobContext ctx = SharedSpark.context(dir, CALIBRATION_END);
        simulatedOrders().write(ctx);

        Cli.Result run = Cli.run("clv", "--warehouse", dir.toString(), "--run-date", CALIBRATION_END.toString(),
                "--time-unit", "day", "--horizon", "365", "--holdout-end", HOLDOUT_END.toString());
        assertEquals(0, run.exitCode(), run.err() + run.out());
        assertTrue(run.out().contains("bgnbd r"), run.out());
        assertTrue(run.out().contains("RFM segments:"), run.out());
        assertTrue(run.out().contains("Holdout validation"), run.out());

        Dataset<Row> model = ctx.warehouse().read(Layer.GOLD, ClvJob.MODEL);
        Map<String, Double> params = new HashMap<>();
        for (Row r : model.collectAsList()) {
            params.put(r.getString(r.fieldIndex("model")) + "." + r.getString(r.fieldIndex("parameter")),
                    r.getDouble(r.fieldIndex("value")));
        }
        assertEquals(1.0, params.get("bgnbd.converged"));
        assertEquals(1.0, params.get("gamma_gamma.converged"));
        assertEquals(CUSTOMERS, params.get("bgnbd.n_customers"));
        for (String p : List.of("r", "alpha", "a", "b")) {
            double planted = switch (p) {
                case "r" -> TRUTH.r();
                case "alpha" -> TRUTH.alpha();
                case "a" -> TRUTH.a();
                default -> TRUTH.b();
            };
            double se = params.get("bgnbd." + p + "_std_error");
            assertTrue(se < 0.5 * planted, p + " SE " + se);
            assertEquals(planted, params.get("bgnbd." + p), 4 * se, "bgnbd " + p);
        }
        assertEquals(List.of("model", "parameter", "value", "run_date"), List.of(model.columns()));

        Dataset<Row> value = ctx.warehouse().read(Layer.GOLD, ClvJob.CUSTOMER_VALUE);
        assertEquals(List.of("customer_id", "run_date", "frequency", "recency", "T", "monetary_value",
                "rfm_recency", "rfm_frequency", "rfm_monetary", "rfm_segment", "expected_purchases",
                "probability_alive", "expected_average_value", "clv", "value_tier", "high_value_at_risk"),
                List.of(value.columns()));
        assertEquals(CUSTOMERS, value.count());
        Row ranges = value.selectExpr("min(rfm_recency)", "max(rfm_recency)", "min(rfm_frequency)",
                "max(rfm_monetary)", "min(probability_alive)", "max(probability_alive)", "min(clv)",
                "count_if(value_tier = 'platinum')", "count_if(value_tier = 'bronze')",
                "count(distinct rfm_segment)").first();
        assertEquals(1, ranges.getInt(0));
        assertEquals(5, ranges.getInt(1));
        assertEquals(1, ranges.getInt(2));
        assertEquals(5, ranges.getInt(3));
        assertTrue(ranges.getDouble(4) >= 0 && ranges.getDouble(5) <= 1);
        assertTrue(((BigDecimal) ranges.get(6)).signum() >= 0);
        assertEquals(0.05 * CUSTOMERS, ranges.getLong(7), 0.01 * CUSTOMERS, "platinum share");
        assertEquals(0.50 * CUSTOMERS, ranges.getLong(8), 0.02 * CUSTOMERS, "bronze share");
        assertTrue(ranges.getLong(9) >= 6, "segments used: " + ranges.getLong(9));
        // Higher tiers hold higher CLV.
        Row tierOrder = value.selectExpr("min_by(clv, clv) filter (where value_tier = 'platinum')",
                "max(clv) filter (where value_tier = 'gold')").first();
        assertTrue(((BigDecimal) tierOrder.get(0)).compareTo((BigDecimal) tierOrder.get(1)) >= 0);

        Dataset<Row> validation = ctx.warehouse().read(Layer.GOLD, ClvJob.VALIDATION);
        Row total = validation.where("view = 'total'").first();
        double actual = total.getDouble(total.fieldIndex("actual"));
        double predicted = total.getDouble(total.fieldIndex("predicted"));
        assertTrue(actual > 500, "holdout purchases " + actual);
        assertEquals(actual, predicted, 0.15 * actual, "holdout repeat purchases, actual vs predicted");
        List<Row> weekly = validation.where("view = 'cumulative_week'").orderBy(
                org.apache.spark.sql.functions.col("bucket").cast("int")).collectAsList();
        assertEquals(26, weekly.size(), "181 holdout days are 26 weeks");
        assertEquals(actual, weekly.get(weekly.size() - 1).getDouble(3), 1e-9);
        assertEquals(predicted, weekly.get(weekly.size() - 1).getDouble(4), 1e-6 * predicted);
        for (int i = 1; i < weekly.size(); i++) {
            assertTrue(weekly.get(i).getDouble(3) >= weekly.get(i - 1).getDouble(3));
            assertTrue(weekly.get(i).getDouble(4) >= weekly.get(i - 1).getDouble(4));
        }
        List<String> buckets = validation.where("view = 'calibration_frequency'").orderBy("bucket")
                .collectAsList().stream().map(r -> r.getString(1)).toList();
        assertEquals(List.of("0", "1", "2", "3", "4", "5", "6", "7+"), buckets);
        assertEquals(CUSTOMERS, validation.where("view = 'calibration_frequency'")
                .agg(org.apache.spark.sql.functions.sum("customers")).first().getLong(0));
    }

    @Test
    void userErrorsAreOneLine() {
        Path dir = SharedSpark.newWarehouseDir("clv-errors");
        Cli.Result noOrders = Cli.run("clv", "--warehouse", dir.toString(), "--run-date", "2024-12-31");
        assertEquals(1, noOrders.exitCode());
        assertTrue(noOrders.err().contains("silver.orders does not exist"), noOrders.err());
        assertFalse(noOrders.err().contains("\tat "), noOrders.err());

        Cli.Result badUnit = Cli.run("clv", "--warehouse", dir.toString(), "--time-unit", "month");
        assertEquals(1, badUnit.exitCode());
        assertTrue(badUnit.err().contains("--time-unit must be day or week"), badUnit.err());

        Cli.Result badHoldout = Cli.run("clv", "--warehouse", dir.toString(), "--calibration-end", "2024-06-30",
                "--holdout-end", "2024-01-01");
        assertEquals(1, badHoldout.exitCode());
        assertTrue(badHoldout.err().contains("must be after"), badHoldout.err());

        Cli.Result badShares = Cli.run("clv", "--warehouse", dir.toString(), "--tier-shares", "50,40,30");
        assertEquals(1, badShares.exitCode());
        assertTrue(badShares.err().contains("tier shares"), badShares.err());

        JobContext ctx = SharedSpark.context(dir, CALIBRATION_END);
        SilverFixture.of(DataContract.ORDERS)
                .row("order_id", "o1", "customer_id", "c1", "order_ts", "2024-01-01T10:00:00", "total_amount", "10")
                .row("order_id", "o2", "customer_id", "c2", "order_ts", "2024-02-01T10:00:00", "total_amount", "10")
                .write(ctx);
        Cli.Result noRepeats = Cli.run("clv", "--warehouse", dir.toString(), "--run-date", "2024-12-31");
        assertEquals(1, noRepeats.exitCode());
        assertTrue(noRepeats.err().contains("no customer has a repeat purchase"), noRepeats.err());
    }

    /** Orders of customers simulated from the planted processes, acquired over 18 months before the calibration end. */
    private static SilverFixture simulatedOrders() {
        PurchaseSimulator simulator = new PurchaseSimulator(TRUTH, SPEND_TRUTH);
        SilverFixture orders = SilverFixture.of(DataContract.ORDERS);
        long holdoutDays = HOLDOUT_END.toEpochDay() - CALIBRATION_END.toEpochDay();
        int orderId = 0;
        for (int i = 0; i < CUSTOMERS; i++) {
            int firstOffset = i % 548; // days before the calibration end
            LocalDate first = CALIBRATION_END.minusDays(firstOffset);
            PurchaseSimulator.History history = simulator.history(7, i, firstOffset + holdoutDays);
            String customer = "c" + i;
            orders.row("order_id", "o" + orderId++, "customer_id", customer,
                    "order_ts", at(first, 0.5), "total_amount", 25.0);
            for (int k = 0; k < history.times().length; k++) {
                double t = history.times()[k];
                orders.row("order_id", "o" + orderId++, "customer_id", customer,
                        "order_ts", at(first.plusDays((long) Math.floor(t)), t - Math.floor(t)),
                        "total_amount", Math.round(history.values()[k] * 100) / 100.0);
            }
        }
        return orders;
    }

    private static Instant at(LocalDate day, double fraction) {
        return day.atStartOfDay().toInstant(ZoneOffset.UTC).plusSeconds((long) (fraction * 86_399));
    }

    private static Map<String, Row> byCustomer(Dataset<Row> summary) {
        Map<String, Row> out = new HashMap<>();
        summary.collectAsList().forEach(r -> out.put(r.getString(0), r));
        return out;
    }

}
