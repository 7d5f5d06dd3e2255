package io.crmanalytics.service;

import io.crmanalytics.contract.DataContract;
import io.crmanalytics.job.JobContext;
import io.crmanalytics.testing.SilverFixture;
import io.crmanalytics.warehouse.Tables;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * A small contact center whose every figure is worked out by hand in the tests (see the comments there).
 * Run date 2024-03-20; three agents (a1, a2 in queue general, a3 on the VIP desk); IVR calls over a menu where
 * main>billing has 40% zero-outs/abandons against 2.5% elsewhere.
 */
final class ServiceFixture {
    static final LocalDate RUN_DATE = LocalDate.parse("2024-03-20");

    private ServiceFixture() {
    }

    static void writeSilver(JobContext ctx) {
        SilverFixture.of(DataContract.CUSTOMERS)
                .row("customer_id", "c1", "region", "north", "vip", false)
                .row("customer_id", "c2", "region", "north", "vip", false)
                .row("customer_id", "c3", "region", "south", "vip", true)
                .row("customer_id", "c4", "region", "south", "vip", false)
                .write(ctx);
        SilverFixture orders = SilverFixture.of(DataContract.ORDERS);
        String[][] orderCustomers = {{"o1", "c1"}, {"o2", "c2"}, {"o3", "c3"}, {"o4", "c4"}, {"o5", "c1"},
                {"o6", "c4"}, {"o7", "c3"}};
        for (String[] oc : orderCustomers) {
            orders.row("order_id", oc[0], "customer_id", oc[1], "order_ts", "2024-02-28T10:00:00",
                    "total_amount", "10.00");
        }
        orders.write(ctx);
        SilverFixture.of(DataContract.SHIPMENTS)
                // late 15 days, but c1 called about order o1 on 03-10: never listed
                .row(shipment("s1", "o1", "A", "2024-03-01T00:00:00", "2024-03-05", null, "in_transit"))
                // late 10 days, c2 only called about billing since: listed
                .row(shipment("s2", "o2", "A", "2024-03-01T00:00:00", "2024-03-10", null, "in_transit"))
                // late 5 days, c3's contacts were before it shipped: listed
                .row(shipment("s3", "o3", "B", "2024-03-05T00:00:00", "2024-03-15", null, "in_transit"))
                // delivered on time in 2 days: carrier B's p90 transit is 2 days
                .row(shipment("s4", "o4", "B", "2024-03-01T00:00:00", "2024-03-04", "2024-03-03T00:00:00",
                        "delivered"))
                // late 8 days; c1's contacts since named another order or were about a return: listed
                .row(shipment("s5", "o5", "A", "2024-03-10T00:00:00", "2024-03-12", null, "in_transit"))
                // late, but c4 chatted about a late delivery without an order id on 03-08: never listed
                .row(shipment("s6", "o6", "A", "2024-03-02T00:00:00", "2024-03-06", null, "in_transit"))
                // not yet due, but 4 days in transit > carrier B's p90 of 2 days: at risk, days_late 0
                .row(shipment("s7", "o7", "B", "2024-03-17T00:00:00", "2024-03-25", null, "in_transit"))
                .write(ctx);
        SilverFixture.of(DataContract.INTERACTIONS)
                .row(contact("i1", "c1", "phone", "2024-03-10T09:00:00", "2024-03-10T09:05:00", 10, 300, "a1",
                        "general", "o1", "late_delivery", null, true))
                .row(contact("i2", "c2", "phone", "2024-03-11T10:00:00", "2024-03-11T10:04:00", 30, 240, "a1",
                        "general", null, "billing", false, true))
                .row(contact("i3", "c2", "phone", "2024-03-12T10:00:00", "2024-03-12T10:02:00", 15, 120, "a2",
                        "general", null, "billing", null, false))
                .row(contact("i4", "c3", "phone", "2024-03-02T08:00:00", "2024-03-02T08:10:00", 5, 600, "a3",
                        "vip", null, "product_question", null, true))
                .row(contact("i5", "c3", "phone", "2024-03-02T08:11:00", "2024-03-02T08:15:00", 50, 240, "a1",
                        "general", null, "product_question", null, true))
                .row(contact("i6", "c4", "chat", "2024-03-08T12:00:00", "2024-03-08T12:06:00", 25, 360, "a2",
                        "general", null, "late_delivery", null, false))
                .row(contact("i7", null, "phone", "2024-03-08T13:00:00", null, 40, null, null,
                        "general", null, null, null, null))
                .row(contact("i8", "c1", "email", "2024-03-15T09:00:00", "2024-03-15T09:10:00", null, 200, "a2",
                        "general", null, "return", null, true))
                .write(ctx);
        SilverFixture.of(DataContract.SURVEYS)
                .row(survey("sv1", "c1", "i1", "CSAT", 5, "2024-03-10T10:00:00"))
                .row(survey("sv2", "c2", "i2", "CSAT", 2, "2024-03-11T11:00:00"))
                .row(survey("sv3", "c2", "i3", "NPS", 10, "2024-03-12T11:00:00"))
                .row(survey("sv4", "c3", "i4", "NPS", 3, "2024-03-02T09:00:00"))
                .row(survey("sv5", "c4", "i6", "NPS", 8, "2024-03-08T13:00:00"))
                .row(survey("sv6", "c1", null, "NPS", 9, "2024-03-16T10:00:00"))
                .row(survey("sv7", "c1", "i8", "CES", 2, "2024-03-15T10:00:00"))
                .row(survey("sv8", "c3", "i5", "CES", 5, "2024-03-02T09:00:00"))
                .row(survey("sv9", "c4", "i6", "CSAT", 4, "2024-03-08T13:00:00"))
                .write(ctx);
        writeIvr(ctx);
    }

    /**
     * 200 calls enter main; even calls go to main>billing (k%10==0 zero-out, ==2 abandon, else self-served: 40%
     * problems), odd calls to main>orders and on to track (k%4==1; self-served, k%40==1 abandons: 10%) or returns
     * (k%4==3; transferred, k%40==3 zero-outs: 10%). Six more calls reach main>account, a menu of five options
     * with an agent option: five pick an option and are self-served, one zeroes out. All on 2024-03-10.
     */
    static void writeIvr(JobContext ctx) {
        SilverFixture ivr = SilverFixture.of(DataContract.IVR_EVENTS);
        for (int k = 0; k < 206; k++) {
            String call = "call" + k;
            String ts = String.format("2024-03-10T%02d:%02d:00", 8 + k / 60, k % 60);
            ivr.row("call_id", call, "event_ts", ts, "node", "main", "event", "enter");
            if (k >= 200) {
                ivr.row("call_id", call, "event_ts", ts, "node", "main>account", "event", "enter");
                if (k < 205) {
                    String option = "main>account>option" + (k - 200);
                    ivr.row("call_id", call, "event_ts", ts, "node", option, "event", "enter");
                    ivr.row("call_id", call, "event_ts", ts, "node", option, "event", "self_served");
                } else {
                    ivr.row("call_id", call, "event_ts", ts, "node", "main>account", "event", "zero_out");
                }
            } else if (k % 2 == 0) {
                ivr.row("call_id", call, "event_ts", ts, "node", "main>billing", "event", "enter");
                String outcome = k % 10 == 0 ? "zero_out" : k % 10 == 2 ? "abandon" : "self_served";
                ivr.row("call_id", call, "event_ts", ts, "node", "main>billing", "event", outcome);
            } else {
                ivr.row("call_id", call, "event_ts", ts, "node", "main>orders", "event", "enter");
                boolean track = k % 4 == 1;
                String node = track ? "main>orders>track" : "main>orders>returns";
                ivr.row("call_id", call, "event_ts", ts, "node", node, "event", "enter");
                String outcome = track ? (k % 40 == 1 ? "abandon" : "self_served")
                        : (k % 40 == 3 ? "zero_out" : "transfer");
                ivr.row("call_id", call, "event_ts", ts, "node", node, "event", outcome);
            }
        }
        ivr.write(ctx);
    }

    /** gold.customer_value with one tier per customer. */
    static void writeValueTiers(JobContext ctx) {
        StructType schema = new StructType().add("customer_id", DataTypes.StringType)
                .add("value_tier", DataTypes.StringType);
        List<Row> rows = List.of(RowFactory.create("c1", "bronze"), RowFactory.create("c2", "gold"),
                RowFactory.create("c3", "platinum"), RowFactory.create("c4", "silver"));
        Tables.writeGold(ctx.warehouse(), ctx.runDate(), "customer_value", ctx.spark().createDataFrame(rows, schema));
    }

    private static Object[] shipment(String id, String order, String carrier, String shipped, String promised,
                                     String delivered, String status) {
        return new Object[] {"shipment_id", id, "order_id", order, "carrier", carrier, "origin_region", "west",
                "dest_region", "east", "shipped_ts", shipped, "promised_date", promised, "delivered_ts", delivered,
                "status", status};
    }

    private static Object[] contact(String id, String customer, String channel, String started, String ended,
                                    Integer wait, Integer handle, String agent, String queue, String order,
                                    String reason, Boolean complaint, Boolean resolved) {
        return new Object[] {"interaction_id", id, "customer_id", customer, "channel", channel, "direction",
                "inbound", "started_ts", started, "ended_ts", ended, "wait_seconds", wait, "handle_seconds", handle,
                "agent_id", agent, "queue", queue, "order_id", order, "reason_code", reason, "is_complaint",
                complaint, "resolved", resolved};
    }

    private static Object[] survey(String id, String customer, String interaction, String type, int score,
                                   String submitted) {
        return new Object[] {"survey_id", id, "customer_id", customer, "interaction_id", interaction,
                "survey_type", type, "score", score, "submitted_ts", submitted};
    }
}
