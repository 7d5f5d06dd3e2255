package io.crmanalytics.erasure;

import static io.crmanalytics.testing.WarehouseFixture.DAY1;
import static io.crmanalytics.testing.WarehouseFixture.ok;
import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.crmanalytics.core.Progress;
import io.crmanalytics.job.JobContext;
import io.crmanalytics.testing.Cli;
import io.crmanalytics.testing.SharedSpark;
import io.crmanalytics.testing.WarehouseFixture;
import io.crmanalytics.warehouse.Layer;
import io.crmanalytics.warehouse.Warehouse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.SparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerStageSubmitted;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import scala.Console;

/**
 * {@code crm forget} without {@code --now}, the default: the customer's rows leave the version every reader sees (the
 * run ledger moves with the deletes), older versions keep them until VACUUM's retention has passed (what {@code --now}
 * is for), the erasure is logged without the id, and the VACUUMs stay small. Delta lists a table's files into
 * 10,000 partitions unless told otherwise, so before {@link Vacuum} the command ran 10,000 tasks per table that held
 * the customer and took hours on the 2,500-customer sample.
 */
class ForgetWithinRetentionTest {
    /** More tasks than any stage of an erasure of a small warehouse needs; Delta's unsized listing ran 10,000. */
    private static final int MAX_TASKS_PER_STAGE = 1_000;

    @Test
    void deletesWhatReadersSeeAndOldVersionsKeepTheRowsUntilTheRetention() throws IOException {
        Path dir = WarehouseFixture.copyOf(WarehouseFixture.withClv(), "forget-within-retention");
        String wh = dir.toString();
        JobContext before = SharedSpark.context(dir, LocalDate.parse(DAY1));
        String id = before.warehouse().read(Layer.SILVER, "orders").select("customer_id")
                .join(before.readGoldAsOf("customer_value").select("customer_id"), "customer_id")
                .orderBy("customer_id").first().getString(0);
        Object[] orderIds = before.warehouse().read(Layer.SILVER, "orders").where(col("customer_id").equalTo(id))
                .select("order_id").collectAsList().stream().map(r -> r.getString(0)).toArray();
        assertTrue(orderIds.length > 0);
        long customersVersion = before.warehouse().logVersion(Layer.SILVER, "customers");

        LargestStage largest = new LargestStage(SharedSpark.session().sparkContext());
        // Delta's VACUUM prints to Scala's console, which the in-process CLI does not capture: this does.
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        Cli.Result forget;
        try {
            forget = Console.withOut(console, () -> ok("forget", "--warehouse", wh, "--customer-id", id));
        } finally {
            largest.stop();
        }
        assertTrue(largest.tasks() <= MAX_TASKS_PER_STAGE, "a stage of " + largest.tasks() + " tasks");
        assertTrue(forget.out().contains("old table versions keep them for 168 hours: run `crm forget --complete-due`"
                + " after "), forget.out());
        assertFalse(forget.out().contains(id), forget.out());
        assertFalse(console.toString(StandardCharsets.UTF_8).contains("Deleted"), "Delta's \"Deleted 0 files\" line, "
                + "which reads as if nothing was erased: " + console.toString(StandardCharsets.UTF_8));

        // Every table, every layer, as a reader sees it: no row of the customer or of their orders.
        Warehouse after = SharedSpark.context(dir, LocalDate.parse(DAY1)).warehouse();
        int checked = 0;
        for (Warehouse.TableRef table : after.allTables()) {
            Dataset<Row> rows = after.read(table.layer(), table.name());
            List<String> columns = Arrays.asList(rows.columns());
            if (columns.contains("customer_id")) {
                assertEquals(0, rows.where(col("customer_id").equalTo(id)).count(), table.qualifiedName());
                checked++;
            }
            if (columns.contains("order_id")) {
                assertEquals(0, rows.where(col("order_id").isin(orderIds)).count(), table.qualifiedName());
                checked++;
            }
        }
        assertTrue(checked >= 20, checked + " tables checked");
        assertNoTableAheadOfTheLedger(after);
        Cli.Result sql = ok("sql", "--warehouse", wh, "--format", "csv",
                "select count(*) from silver.orders where customer_id = '" + id + "'");
        assertEquals("0", sql.out().strip().replace("\r", "").split("\n")[1], sql.out());

        // Within the retention the previous version still holds them: what --now purges at once.
        String customers = after.path(Layer.SILVER, "customers");
        assertEquals(1, SharedSpark.session().read().format("delta").option("versionAsOf", customersVersion)
                .load(customers).where(col("customer_id").equalTo(id)).count());
        // ... and crm sql does not travel back to them (before this, VERSION AS OF showed the erased row).
        for (String travel : List.of("select count(*) from silver.customers version as of " + customersVersion,
                "select count(*) from silver.customers timestamp as of '2020-01-01'",
                "with c as (select * from silver.customers version as of 0) select count(*) from c",
                "explain select * from silver.customers version as of 0",
                "select * from silver.orders where customer_id in (select customer_id from silver.customers version "
                        + "as of 0)")) {
            Cli.Result refused = Cli.run("sql", "--warehouse", wh, travel);
            assertEquals(1, refused.exitCode(), travel + "\n" + refused.out());
            assertTrue(refused.err().contains("time travel on silver.customers is refused: an erasure"),
                    refused.err());
        }
        assertEquals("0", ok("sql", "--warehouse", wh, "--format", "csv",
                "select count(*) from silver.customers where customer_id = '" + id + "'").out().strip()
                .replace("\r", "").split("\n")[1], "the current version is read as before");

        String log = Files.readString(dir.resolve("audit/erasures.log"));
        assertTrue(log.contains("\"purged_now\":false") && log.contains("\"retention_hours\":168.0"), log);
        assertFalse(log.contains(id), log);

        // --complete-due finishes the purge once the retention has passed, and not before.
        Cli.Result early = ok("forget", "--warehouse", wh, "--complete-due");
        assertTrue(early.out().contains("completed 0 erasure(s)") && early.out().contains("1 erasure(s) not yet due"),
                early.out());
        int tablesWithRows = forget.out().split(" rows deleted", -1).length - 1;
        assertTrue(tablesWithRows >= 10, forget.out());
        Erasure.Completion week = new Erasure(after, Progress.silent())
                .completeDue(Instant.now().plus(Duration.ofHours(169)));
        assertEquals(1, week.completed());
        assertEquals(tablesWithRows, week.tablesVacuumed(), "every table the erasure deleted from is vacuumed");
        assertTrue(Files.readString(dir.resolve("audit/erasures.log")).contains("\"completes\":"));
        assertNoTableAheadOfTheLedger(SharedSpark.context(dir, LocalDate.parse(DAY1)).warehouse());
        Cli.Result again = ok("forget", "--warehouse", wh, "--complete-due");
        assertTrue(again.out().contains("completed 0 erasure(s)") && !again.out().contains("not yet due"), again.out());
        Cli.Result idsToo = Cli.run("forget", "--warehouse", wh, "--complete-due", "--customer-id", id);
        assertEquals(1, idsToo.exitCode(), idsToo.out());
        assertTrue(idsToo.err().contains("--complete-due takes no customer ids"), idsToo.err());
    }

    /**
     * VACUUM commits twice to a table's log (VACUUM START and END): unless the ledger records those versions, the
     * next writer takes the table for one a killed command left ahead of the ledger, and restores it.
     */
    private static void assertNoTableAheadOfTheLedger(Warehouse warehouse) {
        var committed = warehouse.ledger().latest().orElseThrow().tables();
        for (Warehouse.TableRef table : warehouse.allTables()) {
            assertEquals(warehouse.logVersion(table.layer(), table.name()), committed.get(table.qualifiedName()),
                    table.qualifiedName() + ": its log against the run ledger");
        }
    }

    /** The largest stage submitted while it listens; a stage above the bound is cancelled, so a regression fails fast. */
    private static final class LargestStage extends SparkListener {
        private final SparkContext spark;
        private final AtomicInteger tasks = new AtomicInteger();

        LargestStage(SparkContext spark) {
            this.spark = spark;
            spark.addSparkListener(this);
        }

        @Override
        public void onStageSubmitted(SparkListenerStageSubmitted submitted) {
            int stageTasks = submitted.stageInfo().numTasks();
            tasks.accumulateAndGet(stageTasks, Math::max);
            if (stageTasks > MAX_TASKS_PER_STAGE) {
                spark.cancelStage(submitted.stageInfo().stageId(), "a stage of " + stageTasks + " tasks");
            }
        }

        int tasks() {
            return tasks.get();
        }

        void stop() {
            spark.removeSparkListener(this);
        }
    }
}
