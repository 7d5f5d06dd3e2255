package io.crmanalytics.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.crmanalytics.contract.DataContract;
import io.crmanalytics.job.JobContext;
import io.crmanalytics.testing.Cli;
import io.crmanalytics.testing.SharedSpark;
import io.crmanalytics.testing.SilverFixture;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Proactive outreach after the real root-cause job has attributed the complaints (issue 18, customer C0000231):
 * a parcel the customer already called about, naming no order, is never listed.
 */
class OutreachAfterAttributionTest {
    private static final LocalDate RUN_DATE = LocalDate.parse("2026-06-30");

    @Test
    void aCallAboutAParcelKeepsItOffTheListEvenWithoutAnOrderId() {
        Path dir = SharedSpark.newWarehouseDir("service-outreach-attributed");
        JobContext ctx = SharedSpark.context(dir, RUN_DATE);
        SilverFixture customers = SilverFixture.of(DataContract.CUSTOMERS);
        SilverFixture orders = SilverFixture.of(DataContract.ORDERS);
        SilverFixture lines = SilverFixture.of(DataContract.ORDER_LINES);
        SilverFixture shipments = SilverFixture.of(DataContract.SHIPMENTS);
        SilverFixture interactions = SilverFixture.of(DataContract.INTERACTIONS);
        for (String customer : List.of("c231", "cnf", "ctie", "cctl")) {
            customers.row("customer_id", customer, "region", "East", "vip", false);
        }
        // C0000231: one parcel in transit 3 days past its promise, another delivered late the day before the call.
        ship(orders, lines, shipments, "c231", "s231-2", "UrbanExpress", "2026-06-22", "2026-06-26", null);
        ship(orders, lines, shipments, "c231", "s231-3", "QuickPost", "2026-06-21", "2026-06-25",
                "2026-06-28T12:00:00");
        complaint(interactions, "i231", "c231", "2026-06-29T15:33:49",
                "Customer says the parcel has not arrived, 3 days past the promised date.");
        // A late-delivery call before the parcel was due: nothing fits, so it cannot be attributed; the late parcel
        // stays off the list all the same.
        ship(orders, lines, shipments, "cnf", "snf", "ParcelPro", "2026-06-20", "2026-06-24", null);
        complaint(interactions, "inf", "cnf", "2026-06-23T10:00:00", "Where is my parcel?");
        // Two parcels overdue at the call, which says nothing to tell them apart: linked to the later one, and the
        // other is in doubt, so off the list too.
        ship(orders, lines, shipments, "ctie", "stie-1", "ParcelPro", "2026-06-15", "2026-06-19", null);
        ship(orders, lines, shipments, "ctie", "stie-2", "ParcelPro", "2026-06-18", "2026-06-22", null);
        complaint(interactions, "itie", "ctie", "2026-06-25T10:00:00", "Where is my parcel?");
        // Late, and the customer never called: listed.
        ship(orders, lines, shipments, "cctl", "sctl", "EcoFreight", "2026-06-20", "2026-06-24", null);
        SilverFixture.of(DataContract.PRODUCTS).row("product_id", "p1", "category", "toys").write(ctx);
        for (SilverFixture table : List.of(customers, orders, lines, shipments, interactions,
                SilverFixture.of(DataContract.SURVEYS), SilverFixture.of(DataContract.IVR_EVENTS))) {
            table.write(ctx);
        }

        Cli.Result rootCauses = Cli.run("root-causes", "--warehouse", dir.toString(), "--run-date",
                RUN_DATE.toString());
        assertEquals(0, rootCauses.exitCode(), rootCauses.err());
        ServiceOptions options = ServiceOptions.defaults();
        ServiceInputs in = ServiceInputs.read(ctx);
        List<String> listed = ProactiveOutreach.build(in, Contacts.build(in, options), ctx.runDate(), options)
                .orderBy(ProactiveOutreach.ranking()).collectAsList().stream()
                .map(r -> r.<String>getAs("shipment_id")).toList();
        assertEquals(List.of("sctl"), listed);
    }

    private static void ship(SilverFixture orders, SilverFixture lines, SilverFixture shipments, String customer,
                             String shipment, String carrier, String shipped, String promised, String delivered) {
        String order = "o-" + shipment;
        orders.row("order_id", order, "customer_id", customer, "order_ts", shipped + "T08:00:00",
                "total_amount", "10.00");
        lines.row("order_id", order, "line_no", 1, "product_id", "p1", "quantity", 1);
        shipments.row("shipment_id", shipment, "order_id", order, "carrier", carrier, "origin_region", "South",
                "dest_region", "East", "shipped_ts", shipped + "T10:00:00", "promised_date", promised,
                "delivered_ts", delivered, "status", delivered == null ? "in_transit" : "delivered");
    }

    private static void complaint(SilverFixture interactions, String id, String customer, String started,
                                  String notes) {
        interactions.row("interaction_id", id, "customer_id", customer, "channel", "phone", "direction", "inbound",
                "started_ts", started, "reason_code", "late_delivery", "is_complaint", true, "resolved", false,
                "notes", notes);
    }
}
