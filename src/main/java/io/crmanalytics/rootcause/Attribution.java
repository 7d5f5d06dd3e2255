package io.crmanalytics.rootcause;

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.unix_timestamp;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/**
 * Links each complaint to the shipment it is about. With an order id: that order's shipments. Without: the
 * customer's shipments whose reference time (delivery, else promised date) lies within {@code windowDays} before
 * the contact. Among several candidates, problem shipments (late, lost, returned, or past their promised date and
 * still undelivered at the contact) come first, then the nearest before the contact. Every complaint keeps a row:
 * those without a shipment get method {@code unattributed} and the reason why.
 */
final class Attribution {
    static final String BY_ORDER = "order_id";
    static final String BY_WINDOW = "window";
    static final String UNATTRIBUTED = "unattributed";
    /**
     * Up to this many complaints, the shipments stream past a broadcast copy of the complaints (about 100 bytes
     * each, so at most ~100 MB per executor) instead of both sides being shuffled: the shipments are typically
     * tens of times more numerous. Above it, Spark's own join choice applies.
     */
    static final long BROADCAST_COMPLAINTS = 1_000_000;

    private Attribution() {
    }

    static Dataset<Row> attribute(Dataset<Row> complaints, long complaintCount, Dataset<Row> shipments,
                                  int windowDays) {
        Dataset<Row> toMatch = complaintCount <= BROADCAST_COMPLAINTS ? broadcast(complaints) : complaints;
        Dataset<Row> ship = shipments.select(col("shipment_id"), col("order_id").as("s_order_id"),
                col("customer_id").as("s_customer_id"), col("reference_ts"), col("problem"), col("delivered_ts"),
                col("promised_date"), col("delivery_status"));
        Dataset<Row> byOrder = toMatch.where(col("order_id").isNotNull())
                .join(ship, col("order_id").equalTo(col("s_order_id")))
                .withColumn("method", lit(BY_ORDER));
        Column inWindow = col("reference_ts").leq(col("contact_ts"))
                .and(col("reference_ts").geq(expr("contact_ts - INTERVAL " + windowDays + " DAYS")));
        Dataset<Row> byWindow = toMatch.where(col("order_id").isNull().and(col("customer_id").isNotNull()))
                .join(ship, col("customer_id").equalTo(col("s_customer_id")).and(inWindow))
                .withColumn("method", lit(BY_WINDOW));

        // Still in transit past its promised date when the customer called: as much a problem as a late delivery.
        Column overdueAtContact = col("delivered_ts").isNull().and(col("promised_date").isNotNull())
                .and(col("promised_date").lt(expr("to_date(contact_ts)")));
        Column beforeContact = coalesce(col("reference_ts").leq(col("contact_ts")), lit(false));
        Column secondsApart = abs(unix_timestamp(col("contact_ts")).minus(unix_timestamp(col("reference_ts"))));
        Dataset<Row> candidates = byOrder.unionByName(byWindow)
                .withColumn("shipment_problem", col("problem").or(overdueAtContact))
                .withColumn("pick", row_number().over(Window.partitionBy("interaction_id").orderBy(
                        col("shipment_problem").desc(), beforeContact.desc(), secondsApart.asc_nulls_last(),
                        col("shipment_id").asc())))
                .where(col("pick").equalTo(1))
                .select(col("interaction_id").as("a_interaction_id"), col("shipment_id"),
                        col("s_order_id").as("shipment_order_id"), col("method"), col("shipment_problem"),
                        col("delivery_status"),
                        expr("cast(unix_timestamp(contact_ts) - unix_timestamp(reference_ts) as double) / 86400.0")
                                .as("days_after_delivery"));

        Column why = when(col("method").isNotNull(), lit(null).cast("string"))
                .when(col("order_id").isNotNull(), lit("order has no shipment"))
                .when(col("customer_id").isNull(), lit("no order id and unknown customer"))
                .otherwise(lit("no shipment of the customer within " + windowDays + " days before the contact"));
        return complaints.join(candidates, col("interaction_id").equalTo(col("a_interaction_id")), "left")
                .select(col("interaction_id"), col("customer_id"), col("contact_ts"), col("complaint_reason"),
                        col("detected_by"), col("shipment_id"),
                        coalesce(col("order_id"), col("shipment_order_id")).as("order_id"),
                        coalesce(col("method"), lit(UNATTRIBUTED)).as("method"),
                        why.as("unattributed_reason"),
                        col("shipment_problem"), col("delivery_status"), col("days_after_delivery"));
    }
}
