package io.crmanalytics.rootcause;

import static org.apache.spark.sql.functions.array_distinct;
import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.nullif;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.to_timestamp;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.when;

import io.crmanalytics.job.JobContext;
import io.crmanalytics.spark.Layer;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * One row per shipment with everything attribution and the engine need: the customer (from the order), the
 * reference time a complaint follows (delivery, else the promised date), the derived delivery status, whether it
 * is a problem shipment, and the explanatory attributes, including the order's product categories (a set).
 */
final class ShipmentFacts {
    private ShipmentFacts() {
    }

    static Dataset<Row> build(JobContext ctx) {
        Dataset<Row> shipments = ctx.warehouse().read(Layer.SILVER, "shipments");
        Dataset<Row> orders = ctx.warehouse().read(Layer.SILVER, "orders").select("order_id", "customer_id");
        Dataset<Row> customers = ctx.warehouse().read(Layer.SILVER, "customers")
                .select(col("customer_id").as("c_customer_id"), clean(col("region")).as("customer_region"));
        Dataset<Row> categories = ctx.warehouse().read(Layer.SILVER, "order_lines").select("order_id", "product_id")
                .join(ctx.warehouse().read(Layer.SILVER, "products").select("product_id", "category"), "product_id")
                .where(clean(col("category")).isNotNull())
                .groupBy(col("order_id").as("cat_order_id"))
                .agg(array_sort(array_distinct(collect_set(clean(col("category"))))).as("categories"));

        // Dates are compared in the run's time zone: a parcel delivered at 23:30 local time is on time that day.
        Column deliveredDate = to_date(col("delivered_ts"));
        Column deliveryStatus = when(col("delivered_ts").isNull(), lit("not_delivered"))
                .when(col("promised_date").isNotNull().and(deliveredDate.gt(col("promised_date"))), lit("late"))
                .otherwise(lit("on_time"));
        return shipments
                .join(orders, "order_id")
                .join(customers, col("customer_id").equalTo(col("c_customer_id")), "left")
                .join(categories, col("order_id").equalTo(col("cat_order_id")), "left")
                .select(
                        col("shipment_id"), col("order_id"), col("customer_id"),
                        col("shipped_ts"), col("promised_date"), col("delivered_ts"), col("status"),
                        coalesce(col("delivered_ts"), to_timestamp(col("promised_date"))).as("reference_ts"),
                        deliveryStatus.as("delivery_status"),
                        clean(col("carrier")).as("carrier"),
                        clean(col("warehouse")).as("warehouse"),
                        clean(col("ship_method")).as("ship_method"),
                        clean(col("origin_region")).as("origin_region"),
                        clean(col("dest_region")).as("dest_region"),
                        col("customer_region"),
                        coalesce(col("categories"), org.apache.spark.sql.functions.array()
                                .cast("array<string>")).as("categories"))
                .withColumn("problem", col("delivery_status").equalTo("late")
                        .or(coalesce(col("status"), lit("")).isin("lost", "returned")));
    }

    /** Blank strings are missing values: no {@code warehouse=} term. */
    private static Column clean(Column c) {
        return nullif(trim(c), lit(""));
    }
}
