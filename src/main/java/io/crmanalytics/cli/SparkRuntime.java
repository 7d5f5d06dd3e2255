package io.crmanalytics.cli;

import io.crmanalytics.warehouse.SparkSessions;
import java.time.ZoneId;
import org.apache.spark.sql.SparkSession;

/**
 * The process's one SparkSession, created lazily so that commands that need no Spark (help, generate) start
 * fast, and shared by every job that `crm run` executes in the same process.
 */
final class SparkRuntime {
    private static SparkSession session;

    private SparkRuntime() {
    }

    static synchronized SparkSession session(String master, ZoneId timeZone, boolean verbose) {
        if (session == null) {
            // Under spark-submit the master comes from the submit command; ours would override it.
            String effectiveMaster = System.getProperty("spark.master") != null ? null : master;
            session = SparkSessions.create(effectiveMaster, timeZone);
            if (!verbose) {
                session.sparkContext().setLogLevel("ERROR");
            }
        } else {
            session.conf().set("spark.sql.session.timeZone", timeZone.getId());
        }
        return session;
    }

    static synchronized void stop() {
        if (session != null) {
            session.stop();
            session = null;
        }
    }
}
