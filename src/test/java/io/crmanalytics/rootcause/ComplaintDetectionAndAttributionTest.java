package io.crmanalytics.rootcause;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.crmanalytics.job.JobContext;
import io.crmanalytics.job.JobResult;
import io.crmanalytics.testing.SharedSpark;
import io.crmanalytics.warehouse.Layer;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * One job run over a world with (1) complaints without order ids, attributed by the window rule, and (2) Chinese
 * notes without flag or reason, classified by the text model trained on labeled Chinese notes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ComplaintDetectionAndAttributionTest {
    private static final LocalDate CONTACT = LocalDate.parse("2024-06-20");
    private static final String[] PREFIXES = {"", "你好，", "客户来电：", "您好，"};
    private static final String[] SUFFIXES = {"", "谢谢", "请尽快处理", "。"};
    private static final Map<String, List<String>> LABELED = Map.of(
            "late_delivery", List.of("包裹还没到，快递太慢了", "快递延误了三天", "送货太晚了，说好的时间没到"),
            "damaged", List.of("收到的商品破损了", "盒子压坏了，东西碎了", "商品损坏，外包装破了"),
            "product_question", List.of("请问这个产品怎么使用", "我想修改账户密码", "咨询一下尺码问题"));

    private JobContext ctx;
    private JobResult result;
    private Map<String, Row> attribution;

    @BeforeAll
    void runJobOnce() {
        ctx = SharedSpark.context(SharedSpark.newWarehouseDir("rootcause-attribution"), ShipmentWorld.RUN_DATE);
        ShipmentWorld world = new ShipmentWorld();
        // w1: out of window (40 days), on time 10 days before, late 20 days before -> the late one.
        world.shipmentOf("w1-old", "cw1", CONTACT.minusDays(42), CONTACT.minusDays(40), CONTACT.minusDays(40))
                .shipmentOf("w1-ontime", "cw1", CONTACT.minusDays(12), CONTACT.minusDays(10), CONTACT.minusDays(10))
                .shipmentOf("w1-late", "cw1", CONTACT.minusDays(24), CONTACT.minusDays(23), CONTACT.minusDays(20));
        // w2: the only shipment is on its way and not yet due at the contact -> nothing late: unattributed.
        world.shipmentOf("w2-after", "cw2", CONTACT.minusDays(1), CONTACT.plusDays(5), CONTACT.plusDays(5));
        // w3: two on-time shipments: neither fits a late-delivery complaint -> unattributed, not guessed.
        world.shipmentOf("w3-near", "cw3", CONTACT.minusDays(5), CONTACT.minusDays(3), CONTACT.minusDays(3))
                .shipmentOf("w3-far", "cw3", CONTACT.minusDays(14), CONTACT.minusDays(12), CONTACT.minusDays(12));
        // w4: still in transit, promised 2 days before the contact -> attributed, and a problem shipment.
        world.shipmentOf("w4-transit", "cw4", CONTACT.minusDays(6), CONTACT.minusDays(2), null);
        for (String customer : List.of("cw1", "cw2", "cw3", "cw4")) {
            world.interaction("channel", "phone", "customer_id", customer, "started_ts", CONTACT + "T10:00:00",
                    "reason_code", "late_delivery");
        }
        world.interaction("channel", "phone", "started_ts", CONTACT + "T11:00:00", "is_complaint", true,
                "reason_code", "damaged");

        int n = 0;
        for (Map.Entry<String, List<String>> e : LABELED.entrySet()) {
            boolean complaint = !e.getKey().equals("product_question");
            for (String text : e.getValue()) {
                for (String prefix : PREFIXES) {
                    for (String suffix : SUFFIXES) {
                        world.interaction("channel", "chat", "customer_id", "zh" + (n++),
                                "started_ts", CONTACT + "T12:00:00", "reason_code", e.getKey(),
                                "is_complaint", complaint, "notes", prefix + text + suffix);
                    }
                }
            }
        }
        // Unlabeled Chinese notes: no flag, no reason.
        world.interaction("channel", "chat", "customer_id", "zh-u1", "started_ts", CONTACT + "T13:00:00",
                "notes", "客户说快递延误了，还没到");
        world.interaction("channel", "chat", "customer_id", "zh-u2", "started_ts", CONTACT + "T13:00:00",
                "notes", "商品破损严重，盒子也压坏了");
        world.interaction("channel", "chat", "customer_id", "zh-u3", "started_ts", CONTACT + "T13:00:00",
                "notes", "请问怎么修改账户密码");
        world.write(ctx);
        result = new RootCausesJob(RootCauseOptions.defaults()).run(ctx);
        attribution = ctx.warehouse().read(Layer.GOLD, RootCausesJob.ATTRIBUTION).collectAsList().stream()
                .collect(Collectors.toMap(r -> r.getAs("customer_id") == null ? "(unknown)"
                        : r.getAs("customer_id"), r -> r));
    }

    @Test
    void complaintsWithoutOrderIdsAreAttributedByWindow() {
        Row w1 = attribution.get("cw1");
        assertEquals("window", w1.getAs("method"));
        assertEquals("w1-late", w1.getAs("shipment_id"), "a late shipment in the window beats a nearer on-time one");
        assertEquals("o-w1-late", w1.getAs("order_id"));
        assertEquals(true, w1.getAs("shipment_problem"));
        assertEquals(20 - 5 / 24.0, (double) w1.getAs("days_after_delivery"), 1e-9, "delivered 15:00, contact 10:00");

        Row w2 = attribution.get("cw2");
        assertEquals("unattributed", w2.getAs("method"));
        assertNull(w2.getAs("shipment_id"));
        assertEquals("no shipment within 30 days before the contact fits late_delivery at contact time",
                w2.getAs("unattributed_reason"));

        assertNull(attribution.get("cw3").getAs("shipment_id"));
        assertEquals("unattributed", attribution.get("cw3").getAs("method"));
        assertEquals("no_fit", attribution.get("cw3").getAs("attribution_basis"));

        Row w4 = attribution.get("cw4");
        assertEquals("w4-transit", w4.getAs("shipment_id"), "undelivered: the promised date is the reference");
        assertEquals(true, w4.getAs("shipment_problem"));

        Row unknown = attribution.get("(unknown)");
        assertEquals("unattributed", unknown.getAs("method"));
        assertEquals("no order id and unknown customer", unknown.getAs("unattributed_reason"));
        assertEquals("damaged", unknown.getAs("complaint_reason"));
        assertEquals(2L, result.figures().get("complaints attributed by window"));
    }

    @Test
    void chineseOnlyNotesAreClassified() {
        Row late = attribution.get("zh-u1");
        assertEquals("notes_model", late.getAs("detected_by"));
        assertEquals("late_delivery", late.getAs("complaint_reason"));
        Row damaged = attribution.get("zh-u2");
        assertEquals("notes_model", damaged.getAs("detected_by"));
        assertEquals("damaged", damaged.getAs("complaint_reason"));
        assertTrue(!attribution.containsKey("zh-u3"), "a question is not a complaint");

        List<Row> evaluation = ctx.warehouse().read(Layer.GOLD, RootCausesJob.EVALUATION).collectAsList();
        Map<String, Double> accuracy = evaluation.stream().collect(Collectors.toMap(
                r -> r.getAs("model") + "/" + r.getAs("label"), r -> r.getAs("accuracy")));
        assertTrue(accuracy.containsKey("reason/late_delivery") && accuracy.containsKey("reason/damaged"),
                accuracy.toString());
        assertTrue(accuracy.get("complaint/overall") >= 0.9, accuracy.toString());
        assertTrue(accuracy.get("reason/overall") >= 0.9, accuracy.toString());
        assertTrue(result.figures().keySet().stream().anyMatch(k -> k.startsWith("classifier accuracy reason")));
    }
}
