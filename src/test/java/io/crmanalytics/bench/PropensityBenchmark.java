package io.crmanalytics.bench;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.date_sub;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.format_string;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.rand;
import static org.apache.spark.sql.functions.sequence;
import static org.apache.spark.sql.functions.timestamp_seconds;
import static org.apache.spark.sql.functions.when;

import io.crmanalytics.core.Progress;
import io.crmanalytics.job.JobContext;
import io.crmanalytics.job.JobResult;
import io.crmanalytics.propensity.PropensityJob;
import io.crmanalytics.propensity.PropensityOptions;
import io.crmanalytics.propensity.SearchOptions;
import io.crmanalytics.warehouse.Layer;
import io.crmanalytics.warehouse.SparkSessions;
import io.crmanalytics.warehouse.Warehouse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Locale;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/**
 * Training and scoring time of {@code crm propensity} for N customers x 8 categories on generated silver tables
 * (customers, products, orders, order_lines, customer_attributes; ~5 orders per customer over 540 days, each
 * customer with a favourite category). Appends one line to the results file.
 * <p>Usage: {@code PropensityBenchmark CUSTOMERS WAREHOUSE_DIR RESULTS_FILE}; {@code -Dbench.grid=none|small|medium},
 * {@code -Dbench.windows=N} (pooled training windows, default the job's), {@code -Dbench.maxrows=N} (the job's
 * {@code --max-training-rows}, 0 = no cap); {@code -Dbench.rss=TEXT} fills the peak
 * resident memory cell (run.sh passes a placeholder it replaces after the JVM exits).
 */
public final class PropensityBenchmark {
    public static final LocalDate RUN = LocalDate.parse("2025-06-30");
    static final int DAYS = 540;

    public static void main(String[] args) throws IOException {
        SparkSessions.quietLogging();
        long customers = Long.parseLong(args[0]);
        SparkSession spark = SparkSessions.create(System.getProperty("bench.master", "local[2]"), ZoneId.of("UTC"));
        spark.sparkContext().setLogLevel("ERROR");
        Warehouse warehouse = new Warehouse(spark, args[1]);
        long start = System.nanoTime();
        generate(warehouse, customers);
        double generateSeconds = (System.nanoTime() - start) / 1e9;

        JobContext ctx = new JobContext(spark, warehouse, RUN, ZoneId.of("UTC"), Progress.toStderr());
        start = System.nanoTime();
        SearchOptions search = new SearchOptions(
                SearchOptions.Grid.parse(System.getProperty("bench.grid", SearchOptions.GRID)), SearchOptions.SEED);
        int windows = Integer.getInteger("bench.windows", PropensityOptions.TRAINING_WINDOWS);
        long maxRows = Long.getLong("bench.maxrows", PropensityOptions.MAX_TRAINING_ROWS);
        JobResult result = new PropensityJob(PropensityOptions.builder().search(search).trainingWindows(windows)
                .maxTrainingRows(maxRows).build()).run(ctx);
        double total = (System.nanoTime() - start) / 1e9;
        Row auc = ctx.readGoldAsOf(PropensityJob.EVALUATION)
                .agg(org.apache.spark.sql.functions.avg("auc"), org.apache.spark.sql.functions.min("auc")).first();
        long available = ((Number) result.figures().get("training_rows_available")).longValue();
        double fraction = (Double) result.figures().get("training_sample_fraction");
        String line = String.format(Locale.ROOT,
                "| %,d | 8 | %s | %d | %,d of %,d | %.0f | %.0f | %.0f | %.0f | %.0f | %.3f / %.3f | %.1f | %s | %s |%n",
                customers, search.grid().name().toLowerCase(Locale.ROOT), windows,
                Math.round(available * fraction), available,
                generateSeconds, (Double) result.figures().get("feature_seconds"),
                (Double) result.figures().get("training_seconds"), (Double) result.figures().get("scoring_seconds"),
                total, auc.getDouble(0), auc.getDouble(1), peakHeapGib(), System.getProperty("bench.rss", "n/a"),
                System.getProperty("bench.note", "local[2], 2-core machine"));
        System.out.print(line);
        Files.writeString(Path.of(args[2]), line, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        spark.stop();
    }

    /** Sum of the heap pools' peak usage since the JVM started (an upper bound of the peak heap in use). */
    static double peakHeapGib() {
        long bytes = 0;
        for (java.lang.management.MemoryPoolMXBean pool : java.lang.management.ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == java.lang.management.MemoryType.HEAP && pool.getPeakUsage() != null) {
                bytes += pool.getPeakUsage().getUsed();
            }
        }
        return bytes / (1024.0 * 1024 * 1024);
    }

    public static void generate(Warehouse w, long n) {
        SparkSession spark = w.spark();
        long startSeconds = RUN.minusDays(DAYS - 1).atStartOfDay(ZoneOffset.UTC).toEpochSecond();
        Dataset<Row> ids = spark.range(n).toDF("n");
        save(w, "customers", ids.select(format_string("C%08d", col("n")).as("customer_id"),
                date_sub(lit(java.sql.Date.valueOf(RUN.minusDays(DAYS))), pmod(col("n"), lit(400)).cast("int"))
                        .as("signup_date"),
                element_at(array(lit("north"), lit("south"), lit("east"), lit("west")),
                        pmod(col("n"), lit(4)).cast("int").plus(1)).as("region"),
                lit(null).cast("string").as("city"), lit(null).cast("string").as("name"),
                lit(null).cast("string").as("email"), lit(null).cast("string").as("phone"),
                col("n").mod(3).equalTo(0).as("marketing_consent"), col("n").mod(20).equalTo(0).as("vip")));
        Dataset<Row> products = spark.range(40).toDF("p").select(format_string("P%02d", col("p")).as("product_id"),
                concat(lit("category_"), floor(col("p").divide(5)).cast("string")).as("category"),
                lit(null).cast("string").as("name"), lit(20).plus(col("p")).cast("decimal(18,4)").as("unit_price"));
        save(w, "products", products);
        save(w, "customer_attributes", ids.select(format_string("C%08d", col("n")).as("customer_id"),
                floor(rand(1).multiply(50)).cast("double").as("loyalty_points"),
                when(rand(2).lt(0.5), "mobile").otherwise("desktop").as("preferred_device")));
        // Each customer: 0-9 orders at random times; half of them in the customer's favourite category.
        Dataset<Row> orders = ids.withColumn("k", floor(rand(3).multiply(10)).cast("int"))
                .withColumn("i", explode(sequence(lit(1), col("k"))))
                .where(col("k").gt(0))
                .select(format_string("C%08d", col("n")).as("customer_id"),
                        format_string("O%08d_%d", col("n"), col("i")).as("order_id"),
                        timestamp_seconds(lit(startSeconds).plus(floor(rand(4).multiply(DAYS * 86400L)))).as("order_ts"),
                        when(rand(5).lt(0.5), pmod(col("n"), lit(8))).otherwise(floor(rand(6).multiply(8)))
                                .cast("int").as("cat"),
                        floor(rand(7).multiply(5)).cast("int").as("prod"),
                        floor(rand(8).multiply(3)).cast("int").plus(1).as("quantity"))
                .persist();
        save(w, "orders", orders.select(col("order_id"), col("customer_id"), col("order_ts"),
                col("quantity").multiply(30).cast("decimal(18,4)").as("total_amount"),
                lit("EUR").as("currency"), element_at(array(lit("web"), lit("app"), lit("store")),
                        pmod(col("prod"), lit(3)).plus(1)).as("channel")));
        save(w, "order_lines", orders.select(col("order_id"), lit(1).as("line_no"),
                format_string("P%02d", col("cat").multiply(5).plus(col("prod"))).as("product_id"),
                col("quantity"), lit(null).cast("decimal(18,4)").as("unit_price")));
        orders.unpersist();
    }

    private static void save(Warehouse w, String table, Dataset<Row> rows) {
        rows.write().format("delta").mode(SaveMode.Overwrite).option("overwriteSchema", "true")
                .save(w.path(Layer.SILVER, table));
    }
}
