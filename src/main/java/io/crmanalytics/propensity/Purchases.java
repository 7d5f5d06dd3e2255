package io.crmanalytics.propensity;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.regexp_replace;

import io.crmanalytics.job.JobContext;
import io.crmanalytics.warehouse.Layer;
import java.util.Locale;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Order lines with their customer, time and product category: the source of per-category features, labels,
 * expected order values and the "bought recently" exclusion. One row per order line:
 * {@code customer_id, order_id, order_ts, product_category, category_key, line_amount}.
 */
final class Purchases {
    private Purchases() {
    }

    static Dataset<Row> lines(JobContext ctx) {
        Dataset<Row> orders = ctx.warehouse().read(Layer.SILVER, "orders")
                .select(col("order_id"), col("customer_id"), col("order_ts"));
        Dataset<Row> products = ctx.warehouse().read(Layer.SILVER, "products")
                .select(col("product_id"), col("category").as("product_category"),
                        col("unit_price").as("list_price"));
        return ctx.warehouse().read(Layer.SILVER, "order_lines")
                .join(orders, "order_id")
                .join(products, "product_id")
                .select(col("customer_id"), col("order_id"), col("order_ts"), col("product_category"),
                        keyOf(col("product_category")).as("category_key"),
                        col("quantity").cast("double").multiply(
                                coalesce(col("unit_price"), col("list_price"), lit(0)).cast("double"))
                                .as("line_amount"));
    }

    /** A category's name as a column-name fragment: lower case, runs of other characters become one '_'. */
    static String key(String category) {
        String k = category.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_").replaceAll("^_+|_+$", "");
        return k.isEmpty() ? "blank" : k;
    }

    private static org.apache.spark.sql.Column keyOf(org.apache.spark.sql.Column category) {
        org.apache.spark.sql.Column k = regexp_replace(regexp_replace(lower(category), "[^a-z0-9]+", "_"),
                "^_+|_+$", "");
        return org.apache.spark.sql.functions.when(k.equalTo(""), lit("blank")).otherwise(k);
    }
}
