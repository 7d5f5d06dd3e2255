package io.crmanalytics.service;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.crmanalytics.job.JobContext;
import io.crmanalytics.testing.Cli;
import io.crmanalytics.testing.SharedSpark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The service job on {@link ServiceFixture}; every expected figure is worked out by hand in the comments. */
class ServiceJobTest {
    private static final double EPS = 1e-9;
    private static JobContext ctx;
    private static Cli.Result run;

    /** One run of the real {@code crm service} command; the tests below read what it wrote and printed. */
    @BeforeAll
    static void runJob() {
        Path dir = SharedSpark.newWarehouseDir("service");
        ctx = SharedSpark.context(dir, ServiceFixture.RUN_DATE);
        ServiceFixture.writeSilver(ctx);
        ServiceFixture.writeValueTiers(ctx);
        run = Cli.run("service", "--warehouse", dir.toString(), "--run-date", ServiceFixture.RUN_DATE.toString());
        assertEquals(0, run.exitCode(), run.err());
    }

    private static Map<String, Row> byKey(String table, String key) {
        return ctx.readGoldAsOf(table).collectAsList().stream()
                .collect(Collectors.toMap(r -> String.valueOf(r.<Object>getAs(key)), r -> r));
    }

    @Test
    void agentScorecardMatchesHandComputedValues() {
        Map<String, Row> agents = byKey("agent_scorecard", "agent_id");
        assertEquals(3, agents.size());
        Row a1 = agents.get("a1");
        // a1 answered i1, i2, i5 (all queue general), waits 10, 30, 50 and handle 300, 240, 240.
        assertEquals("2024-03", a1.getAs("month"));
        assertEquals("general", a1.getAs("team"));
        assertEquals(3L, a1.<Long>getAs("contacts_handled"));
        assertEquals(30.0, a1.<Double>getAs("average_speed_of_answer_seconds"), EPS);
        assertEquals(260.0, a1.<Double>getAs("average_handle_seconds"), EPS);
        // i1 resolved, c1's next contact (i8) is about a return: FCR. i2 resolved, but c2 called about billing again
        // the next day (i3): not FCR. i5 resolved, no later contact: FCR.
        assertEquals(2.0 / 3, a1.<Double>getAs("first_contact_resolution_rate"), EPS);
        // i1 followed by i8 within 5 days, i2 by i3: repeats; i5 not.
        assertEquals(2.0 / 3, a1.<Double>getAs("repeat_contact_rate"), EPS);
        assertEquals(0.0, a1.<Double>getAs("transfer_rate"), EPS);
        // CSAT 5 after i1, 2 after i2.
        assertEquals(3.5, a1.<Double>getAs("average_csat"), EPS);
        assertEquals(2L, a1.<Long>getAs("csat_responses"));
        // i1 is a late_delivery reason with empty is_complaint: a complaint; i2 is_complaint=false; i5 product question.
        assertEquals(1.0 / 3, a1.<Double>getAs("complaint_share"), EPS);
        assertEquals(0.5, a1.<Double>getAs("workload_share"), EPS);
        // Team general = a1, a2. a2's speed of answer (15, 25 and an e-mail without wait) is 20 < 30.
        assertEquals(1.0, a1.<Double>getAs("average_speed_of_answer_seconds_percentile"), EPS);
        assertEquals(0.5, agents.get("a2").<Double>getAs("average_speed_of_answer_seconds_percentile"), EPS);

        Row a2 = agents.get("a2");
        assertEquals(20.0, a2.<Double>getAs("average_speed_of_answer_seconds"), EPS);
        assertEquals((120 + 360 + 200) / 3.0, a2.<Double>getAs("average_handle_seconds"), EPS);
        assertEquals(1.0 / 3, a2.<Double>getAs("first_contact_resolution_rate"), EPS);
        assertEquals(4.0, a2.<Double>getAs("average_csat"), EPS);

        Row a3 = agents.get("a3");
        // The VIP desk: i4 was followed a minute after it ended by i5 on the same channel with agent a1: a transfer.
        assertEquals("vip", a3.getAs("team"));
        assertEquals(1.0, a3.<Double>getAs("transfer_rate"), EPS);
        assertEquals(0.0, a3.<Double>getAs("first_contact_resolution_rate"), EPS);
        assertEquals(1.0, a3.<Double>getAs("workload_share"), EPS);
        assertNull(a3.getAs("average_csat"));
        assertNull(a3.getAs("average_csat_percentile"));
        assertEquals(0L, a3.<Long>getAs("csat_responses"));
    }

    @Test
    void channelKpisMatchHandComputedValues() {
        List<Row> rows = ctx.readGoldAsOf("channel_kpis").collectAsList();
        Map<String, Row> byDay = rows.stream().collect(Collectors.toMap(
                r -> r.getAs("channel") + "@" + r.getAs("day"), r -> r));
        // Phone on 03-02: i4 (wait 5) and i5 (wait 50); one within 20 s.
        Row phone0302 = byDay.get("phone@2024-03-02");
        assertEquals(2L, phone0302.<Long>getAs("volume"));
        assertEquals(0.5, phone0302.<Double>getAs("service_level"), EPS);
        assertEquals(0.0, phone0302.<Double>getAs("abandon_rate"), EPS);
        assertEquals(420.0, phone0302.<Double>getAs("average_handle_seconds"), EPS);
        assertEquals(0.5, phone0302.<Double>getAs("first_contact_resolution_rate"), EPS);
        // Phone on 03-08: i7, an unidentified caller nobody answered.
        Row phone0308 = byDay.get("phone@2024-03-08");
        assertEquals(1L, phone0308.<Long>getAs("abandoned"));
        assertEquals(1.0, phone0308.<Double>getAs("abandon_rate"), EPS);
        assertEquals(0.0, phone0308.<Double>getAs("service_level"), EPS);
        assertNull(phone0308.getAs("first_contact_resolution_rate"));
        // E-mail has no queue: no service level.
        assertNull(byDay.get("email@2024-03-15").getAs("service_level"));
        // IVR on 03-10: 206 calls; self-served: 60 in billing, 45 in track, 5 in account.
        Row ivr = byDay.get("ivr@2024-03-10");
        assertEquals(206L, ivr.<Long>getAs("ivr_calls"));
        assertEquals(110.0 / 206, ivr.<Double>getAs("self_service_share"), EPS);
    }

    @Test
    void npsCsatAndCesMatchHandComputedValues() {
        Map<String, Row> scores = ctx.readGoldAsOf("cx_scores").collectAsList().stream()
                .collect(Collectors.toMap(r -> r.getAs("dimension") + "=" + r.getAs("value"), r -> r));
        // NPS answers 10, 3, 8, 9: two promoters, one detractor, one passive.
        Row overall = scores.get("overall=all");
        assertEquals(4L, overall.<Long>getAs("nps_responses"));
        assertEquals(25.0, overall.<Double>getAs("nps"), EPS);
        double halfWidth = 1.959963984540054 * 100 * Math.sqrt((0.75 - 0.25 * 0.25) / 4);
        assertEquals(25.0 - halfWidth, overall.<Double>getAs("nps_ci_low"), 1e-6);
        // 25 + 81.3 leaves the scale: clipped.
        assertEquals(100.0, overall.<Double>getAs("nps_ci_high"), 1e-6);
        // CSAT 5, 2, 4: two of three are 4-5. CES 2 and 5.
        assertEquals(2.0 / 3, overall.<Double>getAs("csat_share"), EPS);
        assertEquals(3.5, overall.<Double>getAs("ces_average"), EPS);
        // By channel: phone has the 10 (after i3) and the 3 (after i4); the 9 follows no contact.
        assertEquals(0.0, scores.get("channel=phone").<Double>getAs("nps"), EPS);
        assertEquals(2L, scores.get("channel=phone").<Long>getAs("nps_responses"));
        // By region: north (c1, c2) has 10 and 9; south (c3, c4) has 3 and 8.
        assertEquals(100.0, scores.get("region=north").<Double>getAs("nps"), EPS);
        assertEquals(-50.0, scores.get("region=south").<Double>getAs("nps"), EPS);
        assertEquals(25.0, scores.get("month=2024-03").<Double>getAs("nps"), EPS);
        assertEquals(-100.0, scores.get("agent=a3").<Double>getAs("nps"), EPS);
    }

    @Test
    void cxDriversCountTheTwoByTwoTables() {
        Row phone = ctx.readGoldAsOf("cx_drivers")
                .where(col("outcome").equalTo("nps_detractor").and(col("attribute").equalTo("channel"))
                        .and(col("level").equalTo("phone"))).first();
        // NPS after contacts: sv3 (phone, 10), sv4 (phone, 3: detractor), sv5 (chat, 8).
        assertEquals(2L, phone.<Long>getAs("surveys_with"));
        assertEquals(1L, phone.<Long>getAs("bad_with"));
        assertEquals(1L, phone.<Long>getAs("surveys_without"));
        assertEquals(0L, phone.<Long>getAs("bad_without"));
        assertFalse(phone.<Boolean>getAs("raises_odds"), "three surveys prove nothing");
        // sv1 follows i1 about order o1, whose shipment s1 is late; sv2 follows i2 (no order): unknown lateness.
        Row late = ctx.readGoldAsOf("cx_drivers").where(col("outcome").equalTo("low_csat")
                .and(col("attribute").equalTo("late_delivery"))).first();
        assertEquals(1L, late.<Long>getAs("surveys_with"));
        assertEquals(0L, late.<Long>getAs("surveys_without"));
    }

    @Test
    void ivrFlagsExactlyThePlantedNode() {
        Map<String, Row> nodes = byKey("ivr_funnel", "node");
        List<String> flagged = nodes.values().stream().filter(r -> r.<Boolean>getAs("flagged"))
                .map(r -> r.<String>getAs("node")).toList();
        assertEquals(List.of("main>billing"), flagged);
        Row billing = nodes.get("main>billing");
        assertEquals(100L, billing.<Long>getAs("entries"));
        assertEquals(20L, billing.<Long>getAs("zero_outs"));
        assertEquals(20L, billing.<Long>getAs("abandons"));
        assertEquals(0.4, billing.<Double>getAs("drop_off_rate"), EPS);
        assertEquals(0.6, billing.<Double>getAs("containment_rate"), EPS);
        Row main = nodes.get("main");
        assertEquals(206L, main.<Long>getAs("entries"));
        assertEquals(Map.of("main>billing", 100L, "main>orders", 100L, "main>account", 6L),
                scala.jdk.javaapi.CollectionConverters.asJava(main.<scala.collection.Map<String, Long>>getAs(
                        "exits_to_children")));
        assertEquals(3, main.<Integer>getAs("options"));
        // track: 5 abandons in 50 entries, the same 10% as the other nodes' pooled rate: not flagged.
        assertEquals(0.1, nodes.get("main>orders>track").<Double>getAs("abandon_rate"), EPS);
        Row account = nodes.get("main>account");
        assertEquals(5, account.<Integer>getAs("options"));
        assertTrue(account.<String>getAs("note").contains("5 options plus an agent option"), account.toString());
        assertFalse(account.<Boolean>getAs("flagged"), "6 entries are below the minimum");
    }

    @Test
    void outreachListsOnlyUncontactedLateOrAtRiskShipmentsByTierThenDelay() throws Exception {
        Map<String, Row> listed = byKey("proactive_outreach", "shipment_id");
        // s1: c1 called about its order; s6: c4 chatted about a late delivery naming no order; s4 delivered.
        assertEquals(java.util.Set.of("s2", "s3", "s5", "s7"), listed.keySet());
        assertEquals(List.of("shipment_id", "customer_id", "order_id", "carrier", "days_late", "value_tier",
                "suggested_action", "run_date"), List.of(ctx.readGoldAsOf("proactive_outreach").columns()));
        assertEquals(10, listed.get("s2").<Integer>getAs("days_late"));
        assertEquals(0, listed.get("s7").<Integer>getAs("days_late"));
        assertEquals("notify_with_discount", listed.get("s3").getAs("suggested_action"));
        assertEquals("notify", listed.get("s5").getAs("suggested_action"));

        Path csv = Path.of(java.net.URI.create(OutreachCsv.path(ctx)));
        List<String> lines = Files.readAllLines(csv);
        assertEquals("shipment_id,customer_id,order_id,carrier,days_late,value_tier,suggested_action,run_date",
                lines.get(0));
        // platinum s3 (5 days) before platinum s7 (at risk, 0 days), then gold s2 (10 days), then bronze s5 (8).
        assertEquals(List.of("s3", "s7", "s2", "s5"),
                lines.subList(1, lines.size()).stream().map(l -> l.split(",")[0]).toList());
        assertEquals("s3,c3,o3,B,5,platinum,notify_with_discount,2024-03-20", lines.get(1));
    }

    @Test
    void queueAndSelfServiceTablesAndSummary() {
        Map<String, Row> queues = byKey("queue_kpis", "queue");
        Row vip = queues.get("vip");
        assertTrue(vip.<Boolean>getAs("vip_queue"));
        assertEquals(5.0, vip.<Double>getAs("average_wait_seconds"), EPS);
        // a3's day: one 600 s contact spanning 08:00-08:10: no idle time.
        assertEquals(0.0, vip.<Double>getAs("desk_idle_share"), EPS);
        // general: 6 answered waits 10, 30, 15, 50, 25 (e-mail has none); queued 6 incl. the abandon; 2 within 20 s.
        Row general = queues.get("general");
        assertEquals(26.0, general.<Double>getAs("average_wait_seconds"), EPS);
        assertEquals(2.0 / 6, general.<Double>getAs("service_level"), EPS);

        Map<String, Row> reasons = byKey("self_service_opportunities", "reason");
        assertFalse(reasons.containsKey("unlabeled"));
        // 7 reasoned contacts over 5 reasons: top ceil(1.0) = 1 reason by volume (billing 2, late_delivery 2:
        // ties broken by name, so billing) covers 2/7.
        assertEquals(2.0 / 7, reasons.get("billing").<Double>getAs("top_20_percent_contact_share"), EPS);
        assertTrue(reasons.get("billing").<Boolean>getAs("in_top_20_percent"));

    }

    @Test
    void commandPrintsAReadableSummary() {
        String out = run.out();
        assertTrue(out.contains("wrote gold.proactive_outreach"), out);
        assertTrue(out.matches("(?s).*IVR nodes flagged\\s+main>billing\\n.*"), out);
        assertTrue(out.matches("(?s).*NPS \\(95% CI\\)\\s+25\\.0 \\(-56\\.3 to 100\\.0\\), 4 responses.*"), out);
        assertTrue(out.matches("(?s).*proactive outreach\\s+4 shipments \\(3 with a discount\\).*"), out);
        assertTrue(out.contains("queue vip"), out);
    }
}
