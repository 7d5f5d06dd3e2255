package io.crmanalytics.erasure;

import io.delta.tables.DeltaTable;
import java.io.OutputStream;
import java.util.function.Supplier;
import org.apache.spark.sql.SparkSession;
import scala.Console;
import scala.runtime.BoxedUnit;

/**
 * Delta's VACUUM with its file listing sized to the cluster. Delta lists a table's files into as many partitions as
 * {@code spark.sql.sources.parallelPartitionDiscovery.parallelism} says (Spark's default: 10,000), so every VACUUM
 * ran 10,000 tasks however small the table: minutes per table on 2 cores, and `crm forget` without {@code --now}
 * vacuums every table that held the customer. The cluster's task slots list as fast. A value set at launch
 * ({@code --conf}) is kept.
 */
final class Vacuum {
    static final String LISTING_PARALLELISM = "spark.sql.sources.parallelPartitionDiscovery.parallelism";

    private Vacuum() {
    }

    /**
     * Runs {@code work} (which calls {@link #run}) with the listing sized to the session's task slots. Set once
     * around all of a command's vacuums, not per call: they may run on several threads of the one session, and one
     * thread's reset must not reach another's VACUUM.
     */
    static <T> T withListingSized(SparkSession spark, Supplier<T> work) {
        if (spark.sparkContext().getConf().contains(LISTING_PARALLELISM)) {
            return work.get();
        }
        spark.conf().set(LISTING_PARALLELISM, String.valueOf(Math.max(1, spark.sparkContext().defaultParallelism())));
        try {
            return work.get();
        } finally {
            spark.conf().unset(LISTING_PARALLELISM);
        }
    }

    /**
     * Removes the table's files that no version younger than {@code retentionHours} needs; call it inside
     * {@link #withListingSized}. Delta prints "Deleted N files and directories ..." to the console for every table;
     * within the retention that is "Deleted 0 files", which reads as if the erasure did nothing. The command prints
     * its own account.
     */
    static void run(SparkSession spark, String tablePath, double retentionHours) {
        Console.withOut(OutputStream.nullOutputStream(), () -> {
            DeltaTable.forPath(spark, tablePath).vacuum(retentionHours);
            return BoxedUnit.UNIT;
        });
    }
}
