package io.crmanalytics.warehouse;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;

import io.crmanalytics.core.UserException;
import java.time.LocalDate;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/**
 * Writing and reading gold tables with the house semantics: every gold table carries {@code run_date} and is
 * partitioned by it; a job replaces exactly its run date's partition in one atomic Delta commit, so a re-run
 * for the same date gives the same table, earlier run dates stay queryable, and readers never see half a write.
 */
public final class Tables {
    public static final String RUN_DATE = "run_date";

    private Tables() {
    }

    /**
     * Replaces the run date's rows of {@code gold.<name>} with {@code rows} (run_date is set here) and
     * returns the number of rows written. Not checked against the gold contract: jobs write through
     * {@code JobContext.writeGold}, which checks; tests use this to plant partial or older tables.
     */
    public static long writeGold(Warehouse warehouse, LocalDate runDate, String name, Dataset<Row> rows) {
        // withColumn replaces a run_date the rows may already carry, so the partition written is always this one.
        Dataset<Row> withDate = rows.withColumn(RUN_DATE, lit(java.sql.Date.valueOf(runDate)));
        String path = warehouse.path(Layer.GOLD, name);
        // Refuses to write on top of a log that went backwards: the version numbers would be reused.
        warehouse.ledger().readVersion(Layer.GOLD, name);
        withDate.write()
                .format("delta")
                .mode(SaveMode.Overwrite)
                .partitionBy(RUN_DATE)
                .option("replaceWhere", RUN_DATE + " = DATE'" + runDate + "'")
                .option("mergeSchema", "true")
                .save(path);
        Row last = io.delta.tables.DeltaTable.forPath(warehouse.spark(), path).history(1)
                .select("operationMetrics", "version").first();
        // Visible to other readers only when the job commits the run ledger: see RunLedger.
        warehouse.ledger().written(Layer.GOLD, name, last.getLong(1));
        return outputRows(warehouse.spark(), path, last);
    }

    /** Row count of the latest commit of a Delta table, from its commit metrics: no second scan. */
    public static long lastCommitOutputRows(SparkSession spark, String path) {
        return outputRows(spark, path, io.delta.tables.DeltaTable.forPath(spark, path).history(1)
                .select("operationMetrics").first());
    }

    private static long outputRows(SparkSession spark, String path, Row last) {
        Map<String, String> metrics = last.getJavaMap(0);
        String rows = metrics == null ? null : metrics.get("numOutputRows");
        return rows == null ? spark.read().format("delta").load(path).count() : Long.parseLong(rows);
    }

    /**
     * The rows of {@code gold.<name>} for the newest run date on or before the given date: what a
     * downstream job should see when it runs for that date (including a backfill of an older date).
     */
    public static Dataset<Row> readGoldAsOf(Warehouse warehouse, LocalDate asOf, String name) {
        Dataset<Row> all = warehouse.read(Layer.GOLD, name);
        java.sql.Date runDate = java.sql.Date.valueOf(asOf);
        Row newest = all.where(col(RUN_DATE).leq(lit(runDate))).agg(max(col(RUN_DATE))).first();
        if (newest.isNullAt(0)) {
            throw new UserException("gold." + name + " has no rows for run date "
                    + asOf + " or earlier: run the job that writes it for that date first");
        }
        return all.where(col(RUN_DATE).equalTo(lit(newest.getDate(0))));
    }

    /** Whether {@code gold.<name>} exists: jobs that only enrich from another job's output check this first. */
    public static boolean goldExists(Warehouse warehouse, String name) {
        return warehouse.exists(Layer.GOLD, name);
    }
}
