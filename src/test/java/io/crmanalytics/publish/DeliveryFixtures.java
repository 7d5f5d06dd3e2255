package io.crmanalytics.publish;

import io.crmanalytics.contract.DataContract;
import io.crmanalytics.job.JobContext;
import io.crmanalytics.testing.SilverFixture;
import io.crmanalytics.warehouse.Tables;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;

/**
 * A small world for the delivery tests: four customers in silver, and the gold tables of the other jobs written
 * with their documented columns (issues 3-6). Run date 2024-06-30; the 90-day contact window starts 2024-04-02.
 * <pre>
 * c1 consented, platinum Champions; c2 not consented, gold "Can't lose them" with probability alive 0.3 (at risk);
 * c3 consented, silver Loyal; c4 consent unknown, bronze Lost.
 * </pre>
 */
final class DeliveryFixtures {
    static final String RUN_DATE = "2024-06-30";

    private DeliveryFixtures() {
    }

    static void silver(JobContext ctx) {
        customers(ctx);
        contactsShipmentsSurveys(ctx);
    }

    static void customers(JobContext ctx) {
        SilverFixture.of(DataContract.CUSTOMERS)
                .row("customer_id", "c1", "region", "north", "name", "Ann Lee", "email", "ann@example.com",
                        "phone", "+1 555 0101", "marketing_consent", true, "vip", true, "signup_date", "2020-01-05")
                .row("customer_id", "c2", "region", "south", "name", "Bo Chen", "email", "bo@example.com",
                        "phone", "+1 555 0102", "marketing_consent", false, "vip", false)
                .row("customer_id", "c3", "region", "south", "name", "Cy, \"Jr\" Ortiz", "email", "cy@example.com",
                        "phone", "+1 555 0103", "marketing_consent", true)
                .row("customer_id", "c4", "region", "east", "name", "Di Park", "email", "di@example.com")
                .write(ctx);
    }

    static void contactsShipmentsSurveys(JobContext ctx) {
        SilverFixture.of(DataContract.INTERACTIONS)
                .row("interaction_id", "i1", "customer_id", "c1", "channel", "phone", "started_ts", "2024-06-01T10:00:00",
                        "reason_code", "late_delivery", "is_complaint", true, "resolved", false)
                .row("interaction_id", "i2", "customer_id", "c1", "channel", "email", "started_ts", "2024-03-01T10:00:00",
                        "reason_code", "billing", "resolved", true)
                .row("interaction_id", "i3", "customer_id", "c1", "channel", "chat", "started_ts", "2024-06-20T09:00:00",
                        "reason_code", "product_question", "resolved", true)
                .row("interaction_id", "i4", "customer_id", "c1", "channel", "phone", "started_ts", "2024-07-02T09:00:00",
                        "reason_code", "billing", "resolved", false)
                .row("interaction_id", "i5", "customer_id", "c2", "channel", "phone", "started_ts", "2024-06-30T23:30:00",
                        "reason_code", "damaged", "resolved", false)
                .row("interaction_id", "i6", "customer_id", "c2", "channel", "ivr", "started_ts", "2024-05-05T08:00:00",
                        "reason_code", "other", "is_complaint", false, "resolved", true)
                .row("interaction_id", "i7", "channel", "phone", "started_ts", "2024-06-10T08:00:00")
                .row("interaction_id", "i8", "customer_id", "c3", "channel", "email", "started_ts", "2024-06-15T12:00:00",
                        "is_complaint", false, "resolved", false, "notes", "包裹坏了")
                .write(ctx);
        SilverFixture.of(DataContract.ORDERS)
                .row("order_id", "o1", "customer_id", "c1", "order_ts", "2024-04-30T10:00:00", "total_amount", "10.00")
                .row("order_id", "o2", "customer_id", "c1", "order_ts", "2024-06-09T10:00:00", "total_amount", "20.00")
                .row("order_id", "o3", "customer_id", "c2", "order_ts", "2024-05-31T10:00:00", "total_amount", "30.00")
                .row("order_id", "o4", "customer_id", "c3", "order_ts", "2024-06-30T10:00:00", "total_amount", "40.00")
                .write(ctx);
        SilverFixture.of(DataContract.SHIPMENTS)
                .row("shipment_id", "s1", "order_id", "o1", "carrier", "SwiftShip", "shipped_ts", "2024-05-01T08:00:00",
                        "promised_date", "2024-05-05", "delivered_ts", "2024-05-08T15:00:00", "status", "delivered")
                .row("shipment_id", "s2", "order_id", "o2", "carrier", "SwiftShip", "shipped_ts", "2024-06-10T08:00:00",
                        "promised_date", "2024-06-14", "delivered_ts", "2024-06-13T15:00:00", "status", "delivered")
                .row("shipment_id", "s3", "order_id", "o3", "carrier", "Parcelo", "shipped_ts", "2024-06-01T08:00:00",
                        "promised_date", "2024-06-05", "status", "lost")
                .row("shipment_id", "s4", "order_id", "o3", "carrier", "Parcelo", "shipped_ts", "2024-06-20T08:00:00",
                        "promised_date", "2024-06-25", "status", "in_transit")
                .row("shipment_id", "s5", "order_id", "o4", "carrier", "Parcelo", "shipped_ts", "2024-07-01T08:00:00",
                        "status", "lost")
                .write(ctx);
        SilverFixture.of(DataContract.SURVEYS)
                .row("survey_id", "v1", "customer_id", "c1", "survey_type", "NPS", "score", 9,
                        "submitted_ts", "2024-06-02T10:00:00")
                .row("survey_id", "v2", "customer_id", "c1", "survey_type", "NPS", "score", 3,
                        "submitted_ts", "2024-06-25T10:00:00")
                .row("survey_id", "v3", "customer_id", "c1", "survey_type", "CSAT", "score", 5,
                        "submitted_ts", "2024-06-21T10:00:00")
                .row("survey_id", "v4", "customer_id", "c2", "survey_type", "NPS", "score", 10,
                        "submitted_ts", "2024-07-05T10:00:00")
                .write(ctx);
    }

    static final String CUSTOMER_VALUE_SCHEMA = "customer_id STRING, frequency DOUBLE, recency DOUBLE, T DOUBLE, "
            + "monetary_value DOUBLE, rfm_recency INT, rfm_frequency INT, rfm_monetary INT, rfm_segment STRING, "
            + "expected_purchases DOUBLE, probability_alive DOUBLE, expected_average_value DOUBLE, clv DOUBLE, "
            + "value_tier STRING";

    static Row value(String id, String segment, String tier, double alive, double clv) {
        return RowFactory.create(id, 2.0, 10.0, 20.0, 15.0, 3, 3, 3, segment, 1.5, alive, 15.0, clv, tier);
    }

    static List<Row> customerValueRows() {
        return List.of(value("c1", "Champions", "platinum", 0.9, 1000.0),
                value("c2", "Can't lose them", "gold", 0.3, 500.0),
                value("c3", "Loyal", "silver", 0.8, 200.0),
                value("c4", "Lost", "bronze", 0.1, 10.0));
    }

    /** Every gold table of the other jobs, as documented, for the context's run date. */
    static void gold(JobContext ctx) {
        valueAndOffers(ctx);
        complaintsAndOutreach(ctx);
    }

    /** What the segments read: customer_value, propensity_scores, next_best_offer. */
    static void valueAndOffers(JobContext ctx) {
        write(ctx, "customer_value", CUSTOMER_VALUE_SCHEMA, customerValueRows());
        write(ctx, "propensity_scores", "customer_id STRING, product_category STRING, propensity DOUBLE, decile INT, "
                + "model STRING", List.of(
                RowFactory.create("c1", "books", 0.90, 10, "gbt"),
                RowFactory.create("c2", "books", 0.50, 5, "gbt"),
                RowFactory.create("c3", "books", 0.85, 10, "gbt"),
                RowFactory.create("c4", "books", 0.10, 1, "gbt"),
                RowFactory.create("c1", "Home & Garden", 0.20, 2, "logistic"),
                RowFactory.create("c2", "Home & Garden", 0.70, 10, "logistic"),
                RowFactory.create("c3", "Home & Garden", 0.30, 3, "logistic"),
                RowFactory.create("c4", "Home & Garden", 0.05, 1, "logistic")));
        write(ctx, "next_best_offer", "customer_id STRING, product_category STRING, propensity DOUBLE, "
                + "expected_value DOUBLE, reason STRING", List.of(
                RowFactory.create("c1", "books", 0.90, 45.0, "bought books in the last 60 days"),
                RowFactory.create("c3", "Home & Garden", 0.30, 12.0, "high spend in garden")));
    }

    static void complaintsAndOutreach(JobContext ctx) {
        write(ctx, "complaint_attribution", "interaction_id STRING, customer_id STRING, complaint_reason STRING, "
                + "shipment_id STRING, order_id STRING, method STRING", List.of(
                RowFactory.create("i1", "c1", "late_delivery", "s1", "o1", "window"),
                RowFactory.create("i5", "c2", "damaged", "s4", "o3", "window"),
                RowFactory.create("i8", "c3", "damaged", null, null, "unattributed")));
        write(ctx, "complaint_root_causes", "complaint_reason STRING, factors STRING, num_factors INT, shipments LONG, "
                + "complaints LONG, shipment_share DOUBLE, complaint_share DOUBLE, complaint_rate DOUBLE, lift DOUBLE, "
                + "lift_ci_low DOUBLE, lift_ci_high DOUBLE, p_value DOUBLE, q_value DOUBLE, adjusted_lift DOUBLE, "
                + "rank INT, summary STRING", List.<Row>of(RowFactory.create("all", "carrier=SwiftShip", 1, 2L, 1L,
                0.4, 0.5, 0.5, 1.25, 0.5, 3.0, 0.6, 0.6, 1.2, 1, "carrier=SwiftShip: 40% of shipments")));
        write(ctx, "complaint_trends", "complaint_reason STRING, factors STRING, baseline_shipments LONG, "
                + "baseline_complaints LONG, baseline_rate DOUBLE, recent_shipments LONG, recent_complaints LONG, "
                + "recent_rate DOUBLE, rate_ratio DOUBLE, p_value DOUBLE, q_value DOUBLE, emerging BOOLEAN",
                List.<Row>of(RowFactory.create("all", "carrier=Parcelo", 10L, 1L, 0.1, 5L, 2L, 0.4, 4.0, 0.04, 0.08,
                        false)));
        write(ctx, "proactive_outreach", "shipment_id STRING, customer_id STRING, order_id STRING, carrier STRING, "
                + "days_late INT, value_tier STRING, suggested_action STRING", List.<Row>of(
                RowFactory.create("s4", "c2", "o3", "Parcelo", 5, "gold", "notify_with_discount")));
    }

    static long write(JobContext ctx, String table, String ddl, List<Row> rows) {
        return Tables.writeGold(ctx.warehouse(), ctx.runDate(), table, ctx.spark().createDataFrame(rows, StructType.fromDDL(ddl)));
    }

}
