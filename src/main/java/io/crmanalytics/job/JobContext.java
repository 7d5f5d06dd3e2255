package io.crmanalytics.job;

import io.crmanalytics.spark.Warehouse;
import java.time.LocalDate;
import java.time.ZoneId;
import org.apache.spark.sql.SparkSession;

/**
 * What every job runs against: the session, the warehouse, the run date it computes for, the time zone
 * that offset-less timestamps are read in, and where progress goes.
 */
public record JobContext(SparkSession spark, Warehouse warehouse, LocalDate runDate, ZoneId timeZone,
                         Progress progress) {
}
