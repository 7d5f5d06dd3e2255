package io.crmanalytics.warehouse;

import java.time.ZoneId;
import org.apache.spark.sql.SparkSession;

/**
 * Builds the one SparkSession a process uses, with Delta Lake enabled. The same settings serve local mode
 * and spark-submit on a cluster; only local mode gets the small-machine tuning.
 */
public final class SparkSessions {
    /** Log4j2 configuration that keeps Spark quiet unless {@code --verbose}; see src/main/resources. */
    public static final String QUIET_LOG_CONFIG = "crm-log4j2-quiet.properties";

    private SparkSessions() {
    }

    /**
     * Points log4j2 at our quiet configuration unless the user chose one. Must run before anything logs,
     * i.e. before the first Spark class is touched.
     */
    public static void quietLogging() {
        if (System.getProperty("log4j2.configurationFile") == null) {
            System.setProperty("log4j2.configurationFile", QUIET_LOG_CONFIG);
        }
    }

    public static SparkSession create(String master, ZoneId timeZone) {
        SparkSession.Builder builder = SparkSession.builder()
                .appName("crm-analytics")
                .config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
                .config("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog")
                .config("spark.sql.session.timeZone", timeZone.getId())
                // Timestamps are instants; Parquet written for BI tools should say so.
                .config("spark.sql.parquet.outputTimestampType", "TIMESTAMP_MICROS")
                .config("spark.sql.adaptive.enabled", "true");
        if (master != null && !master.isBlank()) {
            builder.master(master);
        }
        if (master == null || master.startsWith("local")) {
            int cores = Runtime.getRuntime().availableProcessors();
            builder.config("spark.ui.enabled", "false")
                    // The default 200 shuffle partitions are tiny tasks on a laptop; AQE coalesces from here.
                    .config("spark.sql.shuffle.partitions", String.valueOf(Math.max(4, cores * 4)))
                    .config("spark.databricks.delta.snapshotPartitions", "2")
                    // Hadoop's local file system without a child process per created file or rename.
                    .config("spark.hadoop.fs.file.impl", InProcessLocalFileSystem.class.getName())
                    .config("spark.hadoop.fs.AbstractFileSystem.file.impl", InProcessLocalFs.class.getName())
                    .config("spark.driver.host", "127.0.0.1")
                    .config("spark.driver.bindAddress", "127.0.0.1");
        }
        return builder.getOrCreate();
    }
}
