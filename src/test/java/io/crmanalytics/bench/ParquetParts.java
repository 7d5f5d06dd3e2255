package io.crmanalytics.bench;

import org.apache.spark.sql.SparkSession;

/**
 * Benchmark input only: writes N customers as a folder of P Parquet part files (what a Spark export with its default
 * 200 shuffle partitions looks like), for bench/ingest/parquet-parts.sh.
 * Usage: ParquetParts OUTPUT_FOLDER CUSTOMERS PARTS
 */
final class ParquetParts {
    private ParquetParts() {
    }

    public static void main(String[] args) {
        SparkSession spark = SparkSession.builder().master("local[2]").config("spark.ui.enabled", "false")
                .getOrCreate();
        spark.range(Long.parseLong(args[1]))
                .selectExpr("format_string('C%07d', id) as customer_id", "concat('Name ', id) as name",
                        "date_add(date'2024-01-01', cast(id % 300 as int)) as signup_date", "id % 2 = 0 as vip")
                .repartition(Integer.parseInt(args[2])).write().mode("overwrite").parquet(args[0]);
        spark.stop();
    }
}
