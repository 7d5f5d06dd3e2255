package io.crmanalytics.job;

import static org.apache.spark.sql.functions.lit;

import io.crmanalytics.contract.GoldContract;
import io.crmanalytics.core.Progress;
import io.crmanalytics.warehouse.Tables;
import io.crmanalytics.warehouse.Warehouse;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneId;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * What every job runs against: the session, the warehouse, the run date it computes for, the time zone
 * that offset-less timestamps are read in, and where progress goes.
 */
public record JobContext(SparkSession spark, Warehouse warehouse, LocalDate runDate, ZoneId timeZone,
                         Progress progress) {

    /** When a date begins in the run's time zone. */
    public Timestamp startOf(LocalDate date) {
        return Timestamp.from(date.atStartOfDay(timeZone).toInstant());
    }

    /**
     * When a date ends in the run's time zone (the next day's start, exclusive): a run for a date sees that whole
     * day, so its events are those strictly before this instant.
     */
    public Timestamp endOf(LocalDate date) {
        return startOf(date.plusDays(1));
    }

    /** {@link #endOf} the run date. */
    public Timestamp endOfRunDate() {
        return endOf(runDate);
    }

    /**
     * Replaces this run date's rows of {@code gold.<name>} (see {@link Tables#writeGold}) after checking their
     * columns against {@link GoldContract}: a missing, mistyped or undeclared column fails the job, before anything
     * is written, with a {@link io.crmanalytics.contract.GoldContractViolation} naming the table and the column.
     */
    public long writeGold(String name, Dataset<Row> rows) {
        GoldContract.check(name, rows.withColumn(Tables.RUN_DATE, lit(java.sql.Date.valueOf(runDate))).schema());
        return Tables.writeGold(warehouse, runDate, name, rows);
    }

    /** The rows of {@code gold.<name>} for the newest run date on or before this run's; see {@link Tables#readGoldAsOf}. */
    public Dataset<Row> readGoldAsOf(String name) {
        return Tables.readGoldAsOf(warehouse, runDate, name);
    }

    public boolean goldExists(String name) {
        return Tables.goldExists(warehouse, name);
    }
}
