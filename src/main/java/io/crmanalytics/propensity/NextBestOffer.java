package io.crmanalytics.propensity;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.desc;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sum;

import java.sql.Timestamp;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/**
 * The offer an agent should make: per customer, the category with the highest expected value, propensity times
 * the expected order value in that category, among categories the customer did not buy in the last
 * {@code --exclude-recent-days}. The expected order value is the customer's own average spend per order in the
 * category, shrunk towards the category's average for everyone (a customer with one order is mostly the
 * average; one with many is mostly themself).
 */
final class NextBestOffer {
    /** Orders of prior weight given to the category average. */
    static final double SHRINKAGE_ORDERS = 2.0;

    private NextBestOffer() {
    }

    /**
     * @param scores customer_id, product_category, propensity and the reason's features (one row per customer and
     *               category, {@link EncodedRows#score}); the offers keep the features, for
     *               {@link EncodedRows#withReasons}
     * @param lines  {@link Purchases#lines} rows
     */
    static Dataset<Row> compute(Dataset<Row> scores, Dataset<Row> lines, Timestamp runEnd, Timestamp excludeFrom) {
        Dataset<Row> before = lines.where(col("order_ts").lt(lit(runEnd)));
        // Per order and category first, so that counting rows counts distinct orders: a distinct aggregate would
        // expand every line. An order has one customer, so the category's figures are sums of the customers'.
        Dataset<Row> perCustomer = before.groupBy("customer_id", "product_category", "order_id")
                .agg(sum("line_amount").as("spend"))
                .groupBy("customer_id", "product_category")
                .agg(sum("spend").as("c_spend"), count(lit(1)).as("c_orders"));
        Dataset<Row> perCategory = perCustomer.groupBy("product_category")
                .agg(sum("c_spend").divide(sum("c_orders")).as("category_order_value"));
        Dataset<Row> recent = before.where(col("order_ts").geq(lit(excludeFrom)))
                .select("customer_id", "product_category").distinct();

        Dataset<Row> withValue = scores
                .join(perCategory, "product_category")
                .join(perCustomer, scala.jdk.javaapi.CollectionConverters.asScala(
                        java.util.List.of("customer_id", "product_category")).toSeq(), "left")
                .join(recent, scala.jdk.javaapi.CollectionConverters.asScala(
                        java.util.List.of("customer_id", "product_category")).toSeq(), "left_anti")
                .withColumn("expected_order_value",
                        coalesce(col("c_spend"), lit(0.0)).plus(lit(SHRINKAGE_ORDERS).multiply(col("category_order_value")))
                                .divide(coalesce(col("c_orders").cast("double"), lit(0.0)).plus(lit(SHRINKAGE_ORDERS))))
                .withColumn("expected_value", col("propensity").multiply(col("expected_order_value")));
        return withValue
                .withColumn("rank", row_number().over(Window.partitionBy("customer_id")
                        .orderBy(desc("expected_value"), col("product_category"))))
                .where(col("rank").equalTo(1))
                .select(col("customer_id"), col("product_category"), col("propensity"),
                        col("expected_order_value"), col("expected_value"), col(EncodedRows.REASON_FEATURES),
                        col(EncodedRows.REASON_VALUES));
    }
}
