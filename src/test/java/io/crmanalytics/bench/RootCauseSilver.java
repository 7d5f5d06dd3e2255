package io.crmanalytics.bench;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.date_add;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.timestamp_seconds;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.to_timestamp;
import static org.apache.spark.sql.functions.unix_timestamp;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.xxhash64;

import io.crmanalytics.contract.DataContract;
import io.crmanalytics.contract.Entity;
import io.crmanalytics.warehouse.Warehouse;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Benchmark only: turns the root-cause benchmark's shipment Parquet (one row per shipment with its eight
 * attributes and its complaint) into the contract's silver tables, so that the whole {@code root_causes} job runs
 * on exactly the shipments DuckDB counts. Per shipment: one order of one line in its category, a customer in its
 * customer region (about 100,000 customers per region), ship/delivery times that give it its delivery status, and,
 * when it complained, one contact a day after delivery (or the promised date). Of those contacts 30% carry no
 * order id (attributed by window), 80% have the complaint flag and reason code, 10% only the reason code, 10% only
 * English or Chinese notes (read by the notes model). About 3% of shipments also get a non-complaint contact
 * (product question), 10% of them notes only. Deterministic: every draw hashes the shipment id.
 */
final class RootCauseSilver {
    static final LocalDate RUN_DATE = LocalDate.parse("2024-06-30");
    private static final String[][] NOTES = {
            {"late_delivery", "my parcel arrived a week late", "包裹晚到了一个星期"},
            {"damaged", "the box arrived damaged and crushed", "箱子到的时候破损了"},
            {"wrong_item", "I received the wrong item", "收到的商品不是我订的"},
            {"missing_item", "one item was missing from the parcel", "包裹里少了一件商品"},
            {"product_question", "question about the size of a product", "想问一下产品的尺寸"}};

    private RootCauseSilver() {
    }

    /** Uniform in [0,1) from the shipment id and a salt. */
    private static Column uniform(int salt) {
        return pmod(xxhash64(col("shipment_id"), lit(salt)), lit(1_000_000L)).divide(1_000_000.0);
    }

    static void write(Warehouse warehouse, String shipmentsParquet) {
        long runEnd = RUN_DATE.plusDays(1).atStartOfDay(ZoneOffset.UTC).toEpochSecond();
        Dataset<Row> base = warehouse.spark().read().parquet(shipmentsParquet)
                .withColumn("customer_id", concat(col("customer_region"), lit("-"),
                        pmod(xxhash64(col("shipment_id"), lit(300)), lit(100_000)).cast("string")))
                .withColumn("order_id", concat(lit("O"), col("shipment_id")))
                // Shipped 10 to 200 days before the end of the run date; delivered 2 days later (on time, the
                // promise is 3 days) or 6 days later (late); not delivered: lost or still in transit.
                .withColumn("shipped_ts", timestamp_seconds(lit(runEnd - 200L * 86400)
                        .plus(floor(uniform(310).multiply(190L * 86400)))))
                .withColumn("promised_date", date_add(to_date(col("shipped_ts")), 3))
                .withColumn("delivered_ts", when(col("delivery_status").equalTo("on_time"),
                                timestamp_seconds(unix_timestamp(col("shipped_ts")).plus(2L * 86400)))
                        .when(col("delivery_status").equalTo("late"),
                                timestamp_seconds(unix_timestamp(col("shipped_ts")).plus(6L * 86400))))
                .withColumn("status", when(col("delivered_ts").isNotNull(), lit("delivered"))
                        .when(uniform(311).lt(0.5), lit("lost")).otherwise(lit("in_transit")));

        silver(warehouse, DataContract.CUSTOMERS, base.select(col("customer_id"), col("customer_region").as("region"))
                .dropDuplicates("customer_id"));
        silver(warehouse, DataContract.PRODUCTS, base.select(col("category")).distinct()
                .select(concat(lit("P-"), col("category")).as("product_id"), col("category"),
                        lit(25).cast("decimal(18,4)").as("unit_price")));
        silver(warehouse, DataContract.ORDERS, base.select(col("order_id"), col("customer_id"),
                timestamp_seconds(unix_timestamp(col("shipped_ts")).minus(86400)).as("order_ts"),
                lit(50).cast("decimal(18,4)").as("total_amount"), lit("EUR").as("currency"), lit("web").as("channel")));
        silver(warehouse, DataContract.ORDER_LINES, base.select(col("order_id"), lit(1).as("line_no"),
                concat(lit("P-"), col("category")).as("product_id"), lit(1).as("quantity")));
        silver(warehouse, DataContract.SHIPMENTS, base.select(col("shipment_id"), col("order_id"), col("carrier"),
                col("warehouse"), col("ship_method"), col("origin_region"), col("dest_region"), col("shipped_ts"),
                col("promised_date"), col("delivered_ts"), col("status")));

        Column reference = coalesce(col("delivered_ts"), to_timestamp(col("promised_date")));
        Column contactTs = timestamp_seconds(unix_timestamp(reference).plus(86400L)
                .plus(floor(uniform(320).multiply(86400))));
        Dataset<Row> complaints = base.where(col("complained")).select(
                concat(lit("IC"), col("shipment_id")).as("interaction_id"), col("customer_id"),
                lit("phone").as("channel"), lit("inbound").as("direction"), contactTs.as("started_ts"),
                when(uniform(321).geq(0.3), col("order_id")).as("order_id"),
                when(uniform(322).lt(0.9), col("complaint_reason")).as("reason_code"),
                when(uniform(322).lt(0.8), lit(true)).as("is_complaint"),
                notes(col("complaint_reason")).as("notes"));
        Dataset<Row> questions = base.where(uniform(330).lt(0.03)).select(
                concat(lit("IQ"), col("shipment_id")).as("interaction_id"), col("customer_id"),
                lit("chat").as("channel"), lit("inbound").as("direction"), contactTs.as("started_ts"),
                col("order_id"),
                when(uniform(331).geq(0.1), lit("product_question")).as("reason_code"),
                when(uniform(331).geq(0.1), lit(false)).as("is_complaint"),
                notes(lit("product_question")).as("notes"));
        silver(warehouse, DataContract.INTERACTIONS, complaints.unionByName(questions));
    }

    /** English or Chinese (half each) notes for a reason. */
    private static Column notes(Column reason) {
        Column english = lit(null).cast("string");
        Column chinese = lit(null).cast("string");
        for (String[] n : NOTES) {
            english = when(reason.equalTo(n[0]), lit(n[1])).otherwise(english);
            chinese = when(reason.equalTo(n[0]), lit(n[2])).otherwise(chinese);
        }
        return when(uniform(340).lt(0.5), english).otherwise(chinese);
    }

    private static void silver(Warehouse warehouse, Entity entity, Dataset<Row> rows) {
        CsvToSilver.writeConformed(warehouse, entity, rows);
    }
}
