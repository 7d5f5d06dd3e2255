package io.crmanalytics.testing;

import io.crmanalytics.core.Progress;
import io.crmanalytics.job.JobContext;
import io.crmanalytics.warehouse.CodeGeneration;
import io.crmanalytics.warehouse.SparkSessions;
import io.crmanalytics.warehouse.Warehouse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import org.apache.spark.sql.SparkSession;

/**
 * The one local SparkSession of the test JVM (Spark is slow to start; surefire runs all classes in one JVM).
 * The CLI's own lazy session picks this one up through getOrCreate, so CLI tests share it too.
 */
public final class SharedSpark {
    private static SparkSession session;

    private SharedSpark() {
    }

    public static synchronized SparkSession session() {
        if (session == null) {
            SparkSessions.quietLogging();
            System.setProperty("spark.sql.shuffle.partitions", "2");
            // Spark's status store keeps 1,000 SQL executions and 100,000 tasks by default, for a UI the tests do
            // not run: a lane runs thousands, and what is kept is live heap the collector keeps scanning.
            System.setProperty("spark.sql.ui.retainedExecutions", "50");
            System.setProperty("spark.ui.retainedJobs", "100");
            System.setProperty("spark.ui.retainedStages", "100");
            System.setProperty("spark.ui.retainedTasks", "5000");
            session = SparkSessions.create("local[2]", ZoneId.of("UTC"));
            session.conf().set("spark.sql.shuffle.partitions", "2");
            session.sparkContext().setLogLevel("ERROR");
            // Test data is small, so the session evaluates as a small nightly does: interpreted, no code generation
            // (the CLI run in this JVM chooses the same from its warehouse's size). The cluster test generates code.
            CodeGeneration.chooseFor(session, 0);
        }
        return session;
    }

    /** Whether the session exists (without starting it). */
    public static synchronized boolean started() {
        return session != null;
    }

    /** A fresh warehouse folder under target/, kept after the run for inspection. */
    public static Path newWarehouseDir(String name) {
        try {
            Path base = Path.of("target", "test-warehouses");
            Files.createDirectories(base);
            return Files.createTempDirectory(base, name + "-").toAbsolutePath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static JobContext context(Path warehouseDir, LocalDate runDate) {
        SparkSession spark = session();
        return new JobContext(spark, new Warehouse(spark, warehouseDir.toString()), runDate, ZoneId.of("UTC"),
                Progress.silent());
    }
}
