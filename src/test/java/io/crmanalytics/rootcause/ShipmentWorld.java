package io.crmanalytics.rootcause;

import io.crmanalytics.contract.DataContract;
import io.crmanalytics.job.JobContext;
import io.crmanalytics.testing.SilverFixture;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.HashSet;
import java.util.Set;

/**
 * Builds tiny silver worlds for root-cause tests: each shipment gets its own customer, order and order line (one
 * product per category), delivered on time unless said otherwise; a complaint is an interaction with an order id
 * and a reason code two days after delivery.
 */
final class ShipmentWorld {
    static final LocalDate RUN_DATE = LocalDate.parse("2024-06-30");

    private final SilverFixture customers = SilverFixture.of(DataContract.CUSTOMERS);
    private final SilverFixture products = SilverFixture.of(DataContract.PRODUCTS);
    private final SilverFixture orders = SilverFixture.of(DataContract.ORDERS);
    private final SilverFixture lines = SilverFixture.of(DataContract.ORDER_LINES);
    private final SilverFixture shipments = SilverFixture.of(DataContract.SHIPMENTS);
    private final SilverFixture interactions = SilverFixture.of(DataContract.INTERACTIONS);
    private final Set<String> categories = new HashSet<>();
    private final Set<String> customersSeen = new HashSet<>();
    private int interactionCount;

    /** A shipment shipped {@code daysAgo} days before the run date, delivered 2 days later (3 if late). */
    ShipmentWorld shipment(int id, String carrier, String warehouse, String destRegion, String category,
                           int daysAgo, boolean late, String complaintReason) {
        String sid = "s" + id;
        String customer = "c" + id;
        String order = "o" + id;
        LocalDate shipped = RUN_DATE.minusDays(daysAgo);
        customers.row("customer_id", customer, "region", "north");
        orders.row("order_id", order, "customer_id", customer, "order_ts", shipped.minusDays(1) + "T09:00:00",
                "total_amount", "10.00");
        if (categories.add(category)) {
            products.row("product_id", "p-" + category, "category", category);
        }
        lines.row("order_id", order, "line_no", 1, "product_id", "p-" + category, "quantity", 1);
        LocalDate delivered = shipped.plusDays(late ? 3 : 2);
        shipments.row("shipment_id", sid, "order_id", order, "carrier", carrier, "warehouse", warehouse,
                "ship_method", "standard", "origin_region", "central", "dest_region", destRegion,
                "shipped_ts", shipped + "T08:00:00", "promised_date", shipped.plusDays(2).toString(),
                "delivered_ts", delivered + "T15:00:00", "status", "delivered");
        if (complaintReason != null) {
            interaction("channel", "phone", "customer_id", customer, "order_id", order,
                    "started_ts", delivered.plusDays(2) + "T10:00:00", "reason_code", complaintReason,
                    "is_complaint", true);
        }
        return this;
    }

    /**
     * A shipment of customer {@code customer} with explicit dates (delivered null: not delivered yet); the customer
     * is created on first use.
     */
    ShipmentWorld shipmentOf(String shipmentId, String customer, LocalDate shipped, LocalDate promised,
                             LocalDate delivered) {
        return shipmentOf(shipmentId, customer, "A", shipped.atTime(8, 0), promised,
                delivered == null ? null : delivered.atTime(15, 0));
    }

    /** The same with the carrier and exact times; the order is {@code o-<shipmentId>}. */
    ShipmentWorld shipmentOf(String shipmentId, String customer, String carrier, LocalDateTime shipped,
                             LocalDate promised, LocalDateTime delivered) {
        if (customersSeen.add(customer)) {
            customers.row("customer_id", customer, "region", "north");
        }
        String order = "o-" + shipmentId;
        orders.row("order_id", order, "customer_id", customer, "order_ts", shipped.minusDays(1).toString(),
                "total_amount", "10.00");
        if (categories.add("toys")) {
            products.row("product_id", "p-toys", "category", "toys");
        }
        lines.row("order_id", order, "line_no", 1, "product_id", "p-toys", "quantity", 1);
        shipments.row("shipment_id", shipmentId, "order_id", order, "carrier", carrier, "shipped_ts",
                shipped.toString(), "promised_date", promised.toString(),
                "delivered_ts", delivered == null ? null : delivered.toString(),
                "status", delivered == null ? "in_transit" : "delivered");
        return this;
    }

    /** A free-form interaction; interaction_id is generated. */
    ShipmentWorld interaction(Object... namesAndValues) {
        Object[] withId = new Object[namesAndValues.length + 2];
        withId[0] = "interaction_id";
        withId[1] = "i" + (++interactionCount);
        System.arraycopy(namesAndValues, 0, withId, 2, namesAndValues.length);
        interactions.row(withId);
        return this;
    }

    SilverFixture shipments() {
        return shipments;
    }

    void write(JobContext ctx) {
        customers.write(ctx);
        products.write(ctx);
        orders.write(ctx);
        lines.write(ctx);
        shipments.write(ctx);
        interactions.write(ctx);
    }
}
