package io.crmanalytics.service;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.to_date;

import io.crmanalytics.job.JobContext;
import io.crmanalytics.warehouse.Layer;
import java.util.Arrays;
import java.util.Optional;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The tables service analytics reads, cut to what was known on the run date so that a backfill for an older
 * date gives what a nightly run on that date gave. The two gold inputs are optional enrichments written by other
 * jobs: without them the job falls back (value tier "unknown", shipment contacts found by order id and by timing)
 * and says so in its result.
 */
public record ServiceInputs(Dataset<Row> interactions, Dataset<Row> surveys, Dataset<Row> ivrEvents,
                            Dataset<Row> shipments, Dataset<Row> orders, Dataset<Row> customers,
                            Optional<Dataset<Row>> valueTiers, Optional<Dataset<Row>> attribution) {

    public static ServiceInputs read(JobContext ctx) {
        java.sql.Date runDate = java.sql.Date.valueOf(ctx.runDate());
        var wh = ctx.warehouse();
        Dataset<Row> interactions = wh.read(Layer.SILVER, "interactions")
                .where(to_date(col("started_ts")).leq(lit(runDate)));
        Dataset<Row> surveys = wh.read(Layer.SILVER, "surveys")
                .where(to_date(col("submitted_ts")).leq(lit(runDate)));
        Dataset<Row> ivr = wh.read(Layer.SILVER, "ivr_events").where(to_date(col("event_ts")).leq(lit(runDate)));
        Dataset<Row> shipments = wh.read(Layer.SILVER, "shipments")
                .where(to_date(col("shipped_ts")).leq(lit(runDate)));
        Dataset<Row> orders = wh.read(Layer.SILVER, "orders").select("order_id", "customer_id");
        Dataset<Row> customers = wh.read(Layer.SILVER, "customers").select("customer_id", "region", "vip");

        Optional<Dataset<Row>> tiers = Optional.empty();
        if (ctx.goldExists("customer_value")) {
            tiers = Optional.of(ctx.readGoldAsOf("customer_value").select("customer_id", "value_tier")
                    .groupBy("customer_id").agg(first("value_tier", true).as("value_tier")));
        }
        Optional<Dataset<Row>> attribution = Optional.empty();
        if (ctx.goldExists("complaint_attribution")) {
            Dataset<Row> a = ctx.readGoldAsOf("complaint_attribution");
            // One row per interaction: an attribution table may hold several candidate links per complaint.
            attribution = Optional.of(a.groupBy("interaction_id").agg(
                    optional(a, "complaint_reason").as("predicted_reason"),
                    optional(a, "shipment_id").as("attributed_shipment_id"),
                    optional(a, "order_id").as("attributed_order_id"),
                    optional(a, "attribution_basis").as("attribution_basis")));
        }
        return new ServiceInputs(interactions, surveys, ivr, shipments, orders, customers, tiers, attribution);
    }

    private static Column optional(Dataset<Row> table, String column) {
        return Arrays.asList(table.columns()).contains(column) ? first(column, true) : first(lit(null).cast("string"));
    }

    /** Customers with their value tier, "unknown" where the value job has not scored them (or has not run). */
    public Dataset<Row> customerTiers() {
        Dataset<Row> base = customers.select("customer_id", "region");
        Dataset<Row> joined = valueTiers.map(t -> base.join(t, "customer_id", "left")).orElse(base
                .withColumn("value_tier", lit(null).cast("string")));
        return joined.withColumn("value_tier", org.apache.spark.sql.functions.coalesce(
                org.apache.spark.sql.functions.lower(col("value_tier")), lit("unknown")));
    }
}
