package io.crmanalytics.rootcause;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.crmanalytics.job.JobContext;
import io.crmanalytics.testing.Cli;
import io.crmanalytics.testing.SharedSpark;
import io.crmanalytics.warehouse.Layer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/** The explanation engine end to end on hand-built worlds whose answers are known exactly. */
class RootCausesJobTest {
    private static final double EXACT = 1e-9;

    private static Map<String, Row> rootCauses(JobContext ctx, String reason) {
        return ctx.warehouse().read(Layer.GOLD, RootCausesJob.ROOT_CAUSES)
                .where("complaint_reason = '" + reason + "'").collectAsList().stream()
                .collect(Collectors.toMap(r -> r.getAs("factors"), r -> r));
    }

    /**
     * Carrier A: 32 of its 100 shipments complained about, 8 of 100 for each of B, C, D. The other attributes are
     * spread evenly over complained and other shipments, so carrier=A is the one cause.
     */
    @Test
    void singleFactorCauseIsRankedFirstWithExactStatisticsThroughTheCli() {
        Path dir = SharedSpark.newWarehouseDir("rootcause-single");
        JobContext ctx = SharedSpark.context(dir, ShipmentWorld.RUN_DATE);
        ShipmentWorld world = new ShipmentWorld();
        String[] carriers = {"A", "B", "C", "D"};
        for (int i = 0; i < 400; i++) {
            String carrier = carriers[i % 4];
            int j = i / 4;
            boolean complained = carrier.equals("A") ? j < 32 : j < 8;
            world.shipment(i, carrier, "W" + (j % 2), "R" + ((j / 2) % 4), "cat" + ((j / 4) % 2), 5 + (i * 37) % 90,
                    false, complained ? "late_delivery" : null);
        }
        world.write(ctx);

        Cli.Result run = Cli.run("root-causes", "--warehouse", dir.toString(), "--run-date", "2024-06-30");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("Attribution: 56 complaints: 56 by order id, 0 by 30-day window, "
                + "0 unattributed"), run.out());
        assertTrue(run.out().contains("carrier=A"), run.out());

        Row a = rootCauses(ctx, "all").get("carrier=A");
        assertNotNull(a, "carrier=A reported");
        assertEquals(1, (int) a.getAs("rank"));
        assertEquals(1, (int) a.getAs("num_factors"));
        assertEquals(100L, (long) a.getAs("shipments"));
        assertEquals(32L, (long) a.getAs("complaints"));
        assertEquals(0.25, a.getAs("shipment_share"), EXACT);
        assertEquals(32.0 / 56, a.getAs("complaint_share"), EXACT);
        assertEquals(0.32, a.getAs("complaint_rate"), EXACT);
        assertEquals(4.0, a.getAs("lift"), EXACT);
        assertEquals(2.479044195542456, a.getAs("lift_ci_low"), 1e-9);
        assertEquals(6.4541003459193815, a.getAs("lift_ci_high"), 1e-9);
        // Fisher's exact test, as scipy.stats.fisher_exact([[32, 68], [24, 276]]) (chi-square: 2.1e-9).
        assertEquals(2.391272673326109e-08, a.getAs("p_value"), 1e-15);
        assertTrue((double) a.getAs("q_value") < 1e-6);
        assertEquals(4.0, a.getAs("adjusted_lift"), EXACT, "nothing else to confound with");
        assertEquals("carrier=A: 25.0% of shipments, 57.1% of complaints, 4.0x the complaint rate of other "
                + "shipments (95% CI 2.5-6.5); no other significant factor to adjust for", a.getAs("summary"));
        // 32 complaints where 14 were expected at the base rate: 32 ln(32/14) - (32 - 14) nats.
        assertEquals(32 * Math.log(32.0 / 14) - 18, a.getAs("information_gain"), 1e-9);
        assertNull(a.getAs("explained_by"));
        assertNull(a.getAs("residual_lift"));
        assertNull(a.getAs("aliases"));
        // The same for the reason, and nothing else is a significant cause.
        assertEquals(1, (int) rootCauses(ctx, "late_delivery").get("carrier=A").getAs("rank"));
        List<Row> ranked = ctx.warehouse().read(Layer.GOLD, RootCausesJob.ROOT_CAUSES)
                .where("rank is not null").collectAsList();
        assertEquals(2, ranked.size(), ranked.toString());
        // Combinations with carrier=A explain no more than carrier=A alone.
        assertFalse(rootCauses(ctx, "all").keySet().stream().anyMatch(f -> f.contains(" AND ")),
                rootCauses(ctx, "all").keySet().toString());

        Row attribution = ctx.warehouse().read(Layer.GOLD, RootCausesJob.ATTRIBUTION)
                .where("interaction_id = 'i1'").first();
        assertEquals("order_id", attribution.getAs("method"));
        assertEquals("s0", attribution.getAs("shipment_id"));
        assertEquals(List.of("run_date", "complaint_reason", "factors", "baseline_shipments", "baseline_complaints",
                        "baseline_rate", "recent_shipments", "recent_complaints", "recent_rate", "rate_ratio",
                        "p_value", "q_value", "emerging"),
                List.of(ctx.warehouse().read(Layer.GOLD, RootCausesJob.TRENDS).columns()).stream()
                        .sorted((x, y) -> trendOrder(x) - trendOrder(y)).toList());

        Cli.Result bad = Cli.run("root-causes", "--warehouse", dir.toString(), "--dimensions", "carrier,colour");
        assertEquals(1, bad.exitCode());
        assertTrue(bad.err().startsWith("crm: unknown dimension 'colour'"), bad.err());
        assertFalse(bad.err().contains("\tat "), bad.err());
    }

    private static int trendOrder(String column) {
        List<String> order = List.of("run_date", "complaint_reason", "factors", "baseline_shipments",
                "baseline_complaints", "baseline_rate", "recent_shipments", "recent_complaints", "recent_rate",
                "rate_ratio", "p_value", "q_value", "emerging");
        return order.indexOf(column);
    }

    /** XOR world: A at W1 and B at W2 complain 30%, the other cells 5%; each carrier and warehouse is average. */
    @Test
    void pureInteractionIsReportedAboveItsParts() {
        Path dir = SharedSpark.newWarehouseDir("rootcause-interaction");
        JobContext ctx = SharedSpark.context(dir, ShipmentWorld.RUN_DATE);
        ShipmentWorld world = new ShipmentWorld();
        int id = 0;
        for (String carrier : List.of("A", "B")) {
            for (String warehouse : List.of("W1", "W2")) {
                boolean bad = carrier.equals("A") == warehouse.equals("W1");
                for (int k = 0; k < 100; k++) {
                    world.shipment(id++, carrier, warehouse, "east", "toys", 5 + k % 90, false,
                            k < (bad ? 30 : 5) ? "damaged" : null);
                }
            }
        }
        world.write(ctx);
        new RootCausesJob(RootCauseOptions.defaults()).run(ctx);

        Map<String, Row> all = rootCauses(ctx, "all");
        assertEquals(java.util.Set.of("carrier=A AND warehouse=W1", "carrier=B AND warehouse=W2"), all.keySet(),
                "only the two interacting cells are reported; no factor alone");
        Row cell = all.get("carrier=A AND warehouse=W1");
        assertEquals(2, (int) cell.getAs("num_factors"));
        assertEquals(2.25, cell.getAs("lift"), EXACT);
        assertEquals(1.4846203290789228, cell.getAs("lift_ci_low"), 1e-9);
        // Fisher's exact test, as scipy.stats.fisher_exact([[30, 70], [40, 260]]) (chi-square: 1.45e-4).
        assertEquals(3.827894523580857e-4, cell.getAs("p_value"), 1e-12);
        assertNull(cell.getAs("adjusted_lift"), "adjustment is for single factors");
        assertNotNull(cell.getAs("rank"));
    }

    /**
     * Carrier X serves the remote region 80% of the time, carrier Y 20%; remote shipments complain 30%, city ones 5%,
     * whatever the carrier. X looks 2.5x worse, but within each region it is exactly average.
     */
    @Test
    void confoundedCarrierIsExplainedByTheRegion() {
        Path dir = SharedSpark.newWarehouseDir("rootcause-confounded");
        JobContext ctx = SharedSpark.context(dir, ShipmentWorld.RUN_DATE);
        ShipmentWorld world = new ShipmentWorld();
        int id = 0;
        int[][] cells = {{160, 48}, {40, 2}, {40, 12}, {160, 8}}; // X-remote, X-city, Y-remote, Y-city
        for (int c = 0; c < 4; c++) {
            String carrier = c < 2 ? "X" : "Y";
            String region = c % 2 == 0 ? "remote" : "city";
            for (int k = 0; k < cells[c][0]; k++) {
                world.shipment(id++, carrier, "W1", region, "toys", 5 + k % 90, false,
                        k < cells[c][1] ? "late_delivery" : null);
            }
        }
        world.write(ctx);
        new RootCausesJob(RootCauseOptions.defaults()).run(ctx);

        Map<String, Row> all = rootCauses(ctx, "all");
        Row region = all.get("dest_region=remote");
        Row carrier = all.get("carrier=X");
        assertEquals(6.0, region.getAs("lift"), EXACT);
        assertEquals(6.0, region.getAs("adjusted_lift"), EXACT, "within each carrier remote is 6x city");
        assertEquals(1, (int) region.getAs("rank"));
        assertEquals(2.5, carrier.getAs("lift"), EXACT);
        assertEquals(1.0, carrier.getAs("adjusted_lift"), EXACT, "within each region X is average");
        assertEquals(2, (int) carrier.getAs("rank"));
        assertEquals("dest_region=remote", carrier.getAs("explained_by"));
        // Outside the remote region X and Y both complain 5% of the time (2 of 40, 8 of 160).
        assertEquals(1.0, carrier.getAs("residual_lift"), EXACT);
        assertTrue((double) carrier.getAs("residual_lift_ci_low") < 1
                && (double) carrier.getAs("residual_lift_ci_high") > 1);
        assertTrue(((String) carrier.getAs("summary")).endsWith("2.5x the complaint rate of other shipments "
                + "(95% CI 1.5-4.0); explained by dest_region=remote: 1.0x outside it (95% CI 0.2-4.5); 1.0x after "
                + "adjusting for dest_region"), (String) carrier.getAs("summary"));
    }

    /**
     * Warehouse W2 complained about 5% of the time in the baseline window and 40% in the recent one; W1 stays at
     * 5%. Shipments are delivered two days after shipping, and the trend windows are on the delivery date.
     */
    @Test
    void emergingWarehouseIsFlaggedAndTheSteadyOneIsNot() {
        Path dir = SharedSpark.newWarehouseDir("rootcause-trends");
        JobContext ctx = SharedSpark.context(dir, ShipmentWorld.RUN_DATE);
        ShipmentWorld world = new ShipmentWorld();
        int id = 0;
        for (String warehouse : List.of("W1", "W2")) {
            for (int k = 0; k < 100; k++) { // baseline: delivered 16..103 days before the run date
                world.shipment(id++, "A", warehouse, "east", "toys", 18 + k % 88, false, k < 5 ? "damaged" : null);
            }
            int recentComplaints = warehouse.equals("W2") ? 16 : 2;
            for (int k = 0; k < 40; k++) { // recent: delivered 2..13 days before the run date
                world.shipment(id++, "A", warehouse, "east", "toys", 4 + k % 12, false,
                        k < recentComplaints ? "damaged" : null);
            }
        }
        world.write(ctx);
        new RootCausesJob(RootCauseOptions.defaults()).run(ctx);

        Map<String, Row> trends = ctx.warehouse().read(Layer.GOLD, RootCausesJob.TRENDS)
                .where("complaint_reason = 'all'").collectAsList().stream()
                .collect(Collectors.toMap(r -> r.getAs("factors"), r -> r));
        Row w2 = trends.get("warehouse=W2");
        assertEquals(100L, (long) w2.getAs("baseline_shipments"));
        assertEquals(5L, (long) w2.getAs("baseline_complaints"));
        assertEquals(40L, (long) w2.getAs("recent_shipments"));
        assertEquals(16L, (long) w2.getAs("recent_complaints"));
        assertEquals(8.0, w2.getAs("rate_ratio"), EXACT);
        assertTrue((boolean) w2.getAs("emerging"), w2.toString());
        Row w1 = trends.get("warehouse=W1");
        assertEquals(1.0, w1.getAs("rate_ratio"), EXACT);
        assertFalse((boolean) w1.getAs("emerging"), w1.toString());
    }
}
