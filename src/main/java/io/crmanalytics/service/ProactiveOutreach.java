package io.crmanalytics.service;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_position;
import static org.apache.spark.sql.functions.ceil;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.date_sub;
import static org.apache.spark.sql.functions.datediff;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.percentile_approx;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.unix_seconds;
import static org.apache.spark.sql.functions.when;

import io.crmanalytics.contract.GoldContract;
import io.crmanalytics.warehouse.Tables;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * {@code gold.proactive_outreach}: shipments to tell the customer about before the customer has to ask.
 * <ul>
 *   <li>open on the run date: not delivered by then, not returned, and shipped within the lookback window;</li>
 *   <li>late: open and past the promised date; at risk: open and in transit longer than the 90th percentile of
 *       transit days of the carrier's delivered shipments on that route (origin and destination region), or of
 *       the carrier overall when the route has fewer than {@link #MIN_ROUTE_SHIPMENTS} deliveries;</li>
 *   <li>left out when the customer has contacted us about it since it shipped: a contact naming its order, one the
 *       complaint attribution linked to it, or one naming no order whose reason is about a delivery (or unknown)
 *       and that attribution did not link elsewhere, or linked elsewhere only as the most recent of several parcels
 *       that fitted the complaint equally (in doubt, the customer is left out);</li>
 *   <li>days_late: days past the promised date; for an at-risk shipment not yet past it, 0;</li>
 *   <li>ranked by value tier (platinum first, unknown last), then days_late, then days beyond the route's p90.</li>
 * </ul>
 */
public final class ProactiveOutreach {
    static final int MIN_ROUTE_SHIPMENTS = 20;
    /** Reasons a contact without an order id may have been about a delivery; "unlabeled" means we cannot tell. */
    static final List<String> DELIVERY_REASONS = List.of("late_delivery", "missing_item", "damaged", "wrong_item",
            "other", "unlabeled");
    /** The columns of gold.proactive_outreach and of the outreach CSV (with run_date), as the gold contract declares. */
    public static final List<String> COLUMNS = GoldContract.PROACTIVE_OUTREACH.columnNames().stream()
            .filter(c -> !c.equals(Tables.RUN_DATE)).toList();
    /** gold.complaint_attribution's attribution_basis when several parcels fitted and the latest was taken. */
    static final String TIE_DECIDED_BY_RECENCY = "most_recent_fitting";
    static final String NOTIFY = "notify";
    static final String NOTIFY_WITH_DISCOUNT = "notify_with_discount";

    private ProactiveOutreach() {
    }

    /** The outreach list with its ranking keys {@code tier_rank} and {@code days_beyond_p90} (not stored). */
    public static Dataset<Row> build(ServiceInputs in, Dataset<Row> contacts, LocalDate runDay,
                                     ServiceOptions options) {
        Column runDate = lit(java.sql.Date.valueOf(runDay));
        Column transitSoFar = unix_seconds(runDate.cast("timestamp")).plus(86_400)
                .minus(unix_seconds(col("shipped_ts"))).divide(86_400.0);
        Column deliveredByRunDate = col("delivered_ts").isNotNull().and(to_date(col("delivered_ts")).leq(runDate));
        Dataset<Row> shipments = in.shipments();

        Dataset<Row> delivered = shipments.where(deliveredByRunDate).withColumn("transit_days",
                unix_seconds(col("delivered_ts")).minus(unix_seconds(col("shipped_ts"))).divide(86_400.0));
        Dataset<Row> routeP90 = delivered.groupBy("carrier", "origin_region", "dest_region").agg(
                count(lit(1)).as("route_deliveries"),
                percentile_approx(col("transit_days"), lit(0.9), lit(10000)).as("route_p90"));
        Dataset<Row> carrierP90 = delivered.groupBy("carrier").agg(
                percentile_approx(col("transit_days"), lit(0.9), lit(10000)).as("carrier_p90"));

        // A "delivered" status without a delivery time is trusted: the parcel arrived, the scan is missing.
        Column open = coalesce(col("status"), lit("in_transit")).notEqual("returned")
                .and(not(deliveredByRunDate
                        .or(col("status").equalTo("delivered").and(col("delivered_ts").isNull()))));
        Column recent = to_date(col("shipped_ts")).geq(date_sub(runDate, options.outreachLookbackDays()));
        Dataset<Row> candidates = shipments.where(open.and(recent))
                .join(routeP90, joinKeys(), "left").join(carrierP90, new String[] {"carrier"}, "left")
                .withColumn("p90_days", when(coalesce(col("route_deliveries"), lit(0L)).geq(MIN_ROUTE_SHIPMENTS),
                        col("route_p90")).otherwise(col("carrier_p90")))
                .withColumn("transit_so_far", transitSoFar)
                .withColumn("late", col("promised_date").isNotNull().and(col("promised_date").lt(runDate)))
                .withColumn("at_risk", col("p90_days").isNotNull().and(col("transit_so_far").gt(col("p90_days"))))
                .where(col("late").or(col("at_risk")))
                .join(in.orders(), new String[] {"order_id"})
                .withColumn("days_late", when(col("late"), datediff(runDate, col("promised_date"))).otherwise(0))
                .withColumn("days_beyond_p90", when(col("at_risk"),
                        greatest(lit(0L), ceil(col("transit_so_far").minus(col("p90_days"))))).otherwise(0L));

        Dataset<Row> contactedAbout = candidates.select("shipment_id", "order_id", "customer_id", "shipped_ts")
                .join(contacts.select(col("customer_id"), col("started_ts"), col("order_id").as("contact_order_id"),
                        col("attributed_shipment_id"), col("attributed_order_id"), col("attribution_basis"),
                        col("reason")),
                        new String[] {"customer_id"})
                .where(col("started_ts").geq(col("shipped_ts")).and(aboutThisShipment()))
                .select("shipment_id").distinct();

        Dataset<Row> tiers = in.customerTiers().select("customer_id", "value_tier");
        Column tierPosition = array_position(array(ServiceOptions.VALUE_TIERS.stream().map(t -> lit(t))
                .toArray(Column[]::new)), col("value_tier"));
        // A tier the value job may add later (position 0: not in the list) ranks after the known ones.
        Column tierRank = when(tierPosition.equalTo(0), lit(ServiceOptions.VALUE_TIERS.size() + 1L))
                .otherwise(tierPosition);
        Column discount = col("value_tier").isin(options.discountTiers().toArray())
                .and(col("days_late").geq(options.discountMinDaysLate()));
        return candidates.join(contactedAbout, new String[] {"shipment_id"}, "left_anti")
                .join(tiers, new String[] {"customer_id"}, "left")
                .withColumn("value_tier", coalesce(col("value_tier"), lit("unknown")))
                .withColumn("tier_rank", tierRank)
                .withColumn("suggested_action", when(discount, NOTIFY_WITH_DISCOUNT).otherwise(NOTIFY))
                .select(col("shipment_id"), col("customer_id"), col("order_id"), col("carrier"),
                        col("days_late").cast("int").as("days_late"), col("value_tier"), col("suggested_action"),
                        col("tier_rank"), col("days_beyond_p90"));
    }

    /** The order in which the outreach team works the list. */
    public static Column[] ranking() {
        return new Column[] {col("tier_rank"), col("days_late").desc(), col("days_beyond_p90").desc(),
                col("shipment_id")};
    }

    private static Column aboutThisShipment() {
        Column attributedHere = col("attributed_shipment_id").equalTo(col("shipment_id"))
                .or(col("attributed_shipment_id").isNull().and(col("attributed_order_id").equalTo(col("order_id"))));
        Column namesOrder = col("contact_order_id").equalTo(col("order_id"));
        Column deliveryReason = col("reason").isin(DELIVERY_REASONS.toArray());
        Column linkedNowhere = col("contact_order_id").isNull().and(col("attributed_shipment_id").isNull())
                .and(col("attributed_order_id").isNull()).and(deliveryReason);
        // The attribution took the latest of several parcels that fitted the complaint equally: it may be this one.
        Column linkedByATie = col("contact_order_id").isNull()
                .and(coalesce(col("attribution_basis").equalTo(TIE_DECIDED_BY_RECENCY), lit(false)))
                .and(deliveryReason);
        return coalesce(attributedHere, lit(false)).or(coalesce(namesOrder, lit(false))).or(linkedNowhere)
                .or(linkedByATie);
    }

    private static String[] joinKeys() {
        return new String[] {"carrier", "origin_region", "dest_region"};
    }
}
