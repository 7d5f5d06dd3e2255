package io.crmanalytics.warehouse;

import static io.crmanalytics.testing.WarehouseFixture.DAY1;
import static io.crmanalytics.testing.WarehouseFixture.DAY2;
import static io.crmanalytics.testing.WarehouseFixture.ok;
import static io.crmanalytics.testing.WarehouseFixture.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.crmanalytics.job.JobContext;
import io.crmanalytics.testing.ChildCli;
import io.crmanalytics.testing.Cli;
import io.crmanalytics.testing.Folders;
import io.crmanalytics.testing.SharedSpark;
import io.crmanalytics.testing.WarehouseFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * kill -9 of the real CLI, in a child process, between the tables of one command (ingest writes three per entity,
 * root-causes four gold tables, publish two and then the exports): a reader in between sees the previous complete
 * run in every table, and the re-run leaves tables identical to an undisturbed run's.
 */
class JobAtomicityFaultTest {
    /** In the order the job writes them. */
    private static final List<String> ROOT_CAUSE_TABLES = List.of("complaint_classifier_evaluation",
            "complaint_attribution", "complaint_root_causes", "complaint_trends");
    private static Path ingested;

    @BeforeAll
    static void input() {
        ingested = WarehouseFixture.shared().warehouse();
    }

    @Test
    void ingestKilledBetweenEntitiesLeavesReadersOnThePreviousBatch() throws Exception {
        Path victim = WarehouseFixture.copyOf(ingested, "atomicity-ingest");
        // The next day's export: the same customer ids with other values, other products and orders. Three
        // entities in two waves (orders reference customers and products) keep the three ingests short.
        Path nextDay = WarehouseFixture.generatedInput("atomicity-ingest-day2", 60, 12);
        try (var files = Files.list(nextDay)) {
            for (Path file : files.toList()) {
                if (!INGESTED.contains(file.getFileName().toString().replace(".csv", ""))) {
                    Files.delete(file);
                }
            }
        }
        Map<TableKey, List<String>> before = ingestTables(victim);
        Path control = SharedSpark.newWarehouseDir("atomicity-ingest-control");
        Folders.copy(victim, control);
        ok("ingest", "--warehouse", control.toString(), "--input", nextDay.toString(), "--run-date", DAY2);
        assertFalse(ingestTables(control).equals(before), "the next day's batch changes the tables");

        // While the child ingests, a second writer in another process (this one) is refused in one line that names
        // the child; then the child is killed.
        Process child = startAndAwaitNewCommit(victim, Layer.SILVER, "customers", "ingest", "--warehouse",
                victim.toString(), "--input", nextDay.toString(), "--run-date", DAY2);
        Cli.Result second = Cli.run("ingest", "--warehouse", victim.toString(), "--input", nextDay.toString(),
                "--run-date", DAY2);
        assertEquals(1, second.exitCode(), second.out());
        String refusal = second.err().strip();
        assertEquals(1, refusal.lines().count(), refusal);
        assertTrue(refusal.startsWith("crm: warehouse ") && refusal.contains(" is being written by pid "
                + child.pid() + " on ") && refusal.contains("`crm ingest`"), refusal);
        kill9(victim, child);

        Warehouse reader = fresh(victim, DAY2).warehouse();
        assertTrue(reader.logVersion(Layer.SILVER, "customers") > reader.ledger().latest().orElseThrow().tables()
                .get("silver.customers"), "the kill landed after silver.customers' commit");
        assertSameTables(before, ingestTables(victim), "a reader after the kill sees the previous batch");
        Cli.Result sql = ok("sql", "--warehouse", victim.toString(), "--format", "csv",
                "select count(*) from silver.customers");
        assertEquals(String.valueOf(reader.read(Layer.SILVER, "customers").count()),
                sql.out().strip().replace("\r", "").split("\n")[1]);

        ok("ingest", "--warehouse", victim.toString(), "--input", nextDay.toString(), "--run-date", DAY2);
        assertSameTables(ingestTables(control), ingestTables(victim),
                "after the re-run, as after an undisturbed ingest");
    }

    /** Table by table, so that a failure names the table (and prints its rows only). */
    private static void assertSameTables(Map<TableKey, List<String>> expected, Map<TableKey, List<String>> actual,
                                         String what) {
        assertEquals(expected.keySet(), actual.keySet(), what);
        expected.forEach((table, rows) -> assertEquals(rows, actual.get(table), what + ": " + table));
    }

    /** The entities of the next day's export in the ingest test. */
    private static final List<String> INGESTED = List.of("customers", "products", "orders");

    /** A table of ingest's layers. */
    private record TableKey(Layer layer, String name) {
    }

    /**
     * The bronze, quarantine and silver tables of the ingested entities, rows as sorted strings, without the
     * batch's id and time (two ingests of the same files are two batches).
     */
    private static Map<TableKey, List<String>> ingestTables(Path warehouse) {
        Warehouse reader = fresh(warehouse, DAY2).warehouse();
        Map<TableKey, List<String>> tables = new TreeMap<>(Comparator.comparing(TableKey::toString));
        for (String entity : INGESTED) {
            for (Layer layer : List.of(Layer.BRONZE, Layer.QUARANTINE, Layer.SILVER)) {
                tables.put(new TableKey(layer, entity), reader.read(layer, entity)
                        .drop("_batch_id", "_ingested_at", "_quarantined_at").collectAsList().stream()
                        .map(Object::toString).sorted().toList());
            }
        }
        return tables;
    }

    @Test
    void rootCausesKilledBetweenTablesLeavesReadersOnThePreviousRun() throws Exception {
        Path victim = WarehouseFixture.copyOf(ingested, "atomicity-rc");
        ok("root-causes", "--warehouse", victim.toString(), "--run-date", DAY1);
        Path control = SharedSpark.newWarehouseDir("atomicity-rc-control");
        Folders.copy(victim, control);
        ok("root-causes", "--warehouse", control.toString(), "--run-date", DAY2);

        String first = ROOT_CAUSE_TABLES.get(0);
        killAfterNewCommit(victim, Layer.GOLD, first, "root-causes", "--warehouse", victim.toString(), "--run-date", DAY2);

        Warehouse reader = fresh(victim, DAY2).warehouse();
        assertTrue(reader.logVersion(Layer.GOLD, first) > reader.ledger().latest().orElseThrow().tables()
                .get("gold." + first), "the kill landed after the first table's commit");
        for (String table : ROOT_CAUSE_TABLES) {
            assertFalse(runDates(fresh(victim, DAY2), table).contains(LocalDate.parse(DAY2)),
                    "gold." + table + " shows the killed run to a reader");
        }
        assertEquals(List.of(LocalDate.parse(DAY1)), runDates(fresh(victim, DAY2), first));

        ok("root-causes", "--warehouse", victim.toString(), "--run-date", DAY2); // takes the dead child's lease over
        for (String table : ROOT_CAUSE_TABLES) {
            assertEquals(rows(fresh(control, DAY2).warehouse(), Layer.GOLD, table),
                    rows(fresh(victim, DAY2).warehouse(), Layer.GOLD, table), "gold." + table + " after the re-run");
        }
    }

    /**
     * What a job killed between its tables leaves (the test above kills one for real): a gold table whose Delta
     * log has a commit no ledger entry owns. Made here by committing to the table directly, outside any job, which
     * costs no child JVM. {@code crm sql} shows the ledger's version, and the door stays shut to path reads.
     */
    @Test
    void crmSqlShowsAGoldTableAheadOfTheLedgerAtTheLedgersVersion() {
        Path victim = WarehouseFixture.copyOf(WarehouseFixture.withClv(), "atomicity-sql");
        String wh = victim.toString();
        String table = "customer_value";
        String path = victim.resolve("gold").resolve(table).toString();
        // The unfinished write also adds a column, as a job whose output gained one would.
        SharedSpark.session().read().format("delta").load(path).limit(3)
                .withColumn("run_date", org.apache.spark.sql.functions.lit(java.sql.Date.valueOf(DAY2)))
                .withColumn("unfinished_column", org.apache.spark.sql.functions.lit(1))
                .write().format("delta").mode("append").option("mergeSchema", "true").save(path);
        Warehouse reader = fresh(victim, DAY2).warehouse();
        long committed = reader.ledger().latest().orElseThrow().tables().get("gold." + table);
        assertTrue(reader.logVersion(Layer.GOLD, table) > committed, "the table is ahead of the ledger");

        Cli.Result sql = ok("sql", "--warehouse", wh, "--format", "csv",
                "select max(run_date), count(*) from gold." + table);
        assertEquals("max(run_date),count(1)\n" + DAY1 + "," + reader.read(Layer.GOLD, table).count(),
                sql.out().strip().replace("\r", ""));
        // The same through a CTE, a subquery, a join with a masked silver table and EXPLAIN.
        Cli.Result nested = ok("sql", "--warehouse", wh, "--format", "csv", "with v as (select * from gold." + table
                + ") select max(v.run_date) from v join silver.customers c on c.customer_id = v.customer_id "
                + "where v.customer_id in (select customer_id from gold." + table + ")");
        assertTrue(nested.out().contains(DAY1) && !nested.out().contains(DAY2), nested.out());
        ok("sql", "--warehouse", wh, "explain select * from gold." + table);
        // DESCRIBE shows the columns readers see, not the unfinished write's; the inspections that cannot be held
        // to a version are refused in one line.
        Cli.Result described = ok("sql", "--warehouse", wh, "--format", "csv", "describe gold." + table);
        assertTrue(described.out().contains("customer_id") && !described.out().contains("unfinished_column"),
                described.out());
        for (String inspection : List.of("show columns in gold." + table, "describe extended gold." + table,
                "describe gold." + table + " run_date", "show create table gold." + table,
                "show tblproperties gold." + table)) {
            Cli.Result result = Cli.run("sql", "--warehouse", wh, inspection);
            assertEquals(1, result.exitCode(), inspection + ": " + result.out());
            assertFalse(result.out().contains("unfinished_column"), inspection);
            assertTrue(result.err().contains("DESCRIBE gold." + table + " shows the columns readers see"),
                    inspection + ": " + result.err());
        }
        Cli.Result older = ok("sql", "--warehouse", wh, "--format", "csv",
                "select count(*) from gold." + table + " version as of " + committed);
        assertTrue(older.out().contains("count"), older.out());

        for (String refused : List.of(
                "select max(run_date) from gold." + table + " version as of " + (committed + 1),
                "select max(run_date) from delta.`" + path + "`",
                "select max(run_date) from delta.`" + path + "` version as of " + committed)) {
            Cli.Result result = Cli.run("sql", "--warehouse", wh, refused);
            assertEquals(1, result.exitCode(), refused + ": " + result.out());
            assertFalse(result.out().contains(DAY2), refused);
        }
        Cli.Result identifier = Cli.run("sql", "--warehouse", wh, "--unmask-pii",
                "select max(run_date) from IDENTIFIER('gold." + table + "')");
        assertEquals(1, identifier.exitCode(), identifier.out());
        assertTrue(identifier.err().contains("IDENTIFIER"), identifier.err());
    }

    @Test
    void publishKilledBetweenTablesLeavesReadersOnThePreviousRun() throws Exception {
        Path victim = WarehouseFixture.copyOf(WarehouseFixture.withClv(), "atomicity-publish");
        ok("publish", "--warehouse", victim.toString(), "--run-date", DAY1);
        ok("clv", "--warehouse", victim.toString(), "--run-date", DAY2);
        Path control = SharedSpark.newWarehouseDir("atomicity-publish-control");
        Folders.copy(victim, control);
        ok("publish", "--warehouse", control.toString(), "--run-date", DAY2);

        killAfterNewCommit(victim, Layer.GOLD, "customer_360", "publish", "--warehouse", victim.toString(), "--run-date", DAY2);

        for (String table : List.of("customer_360", "data_quality")) {
            assertEquals(List.of(LocalDate.parse(DAY1)), runDates(fresh(victim, DAY2), table),
                    "gold." + table + " shows the killed run to a reader");
        }
        assertEquals(DAY1, Files.readString(victim.resolve("exports/LATEST")).trim());

        ok("publish", "--warehouse", victim.toString(), "--run-date", DAY2);
        for (String table : List.of("customer_360", "data_quality")) {
            assertEquals(rows(fresh(control, DAY2).warehouse(), Layer.GOLD, table),
                    rows(fresh(victim, DAY2).warehouse(), Layer.GOLD, table), "gold." + table + " after the re-run");
        }
        assertEquals(DAY2, Files.readString(victim.resolve("exports/LATEST")).trim());
        var exported = SharedSpark.session().read().parquet(victim.resolve("exports/" + DAY2 + "/customer_360").toString());
        var expected = SharedSpark.session().read().parquet(control.resolve("exports/" + DAY2 + "/customer_360").toString());
        assertEquals(expected.collectAsList().stream().map(Object::toString).sorted().toList(),
                exported.collectAsList().stream().map(Object::toString).sorted().toList());
    }

    /** Starts the command in a child JVM and kills it -9 as soon as {@code <layer>.<table>} gets a new commit. */
    private static void killAfterNewCommit(Path warehouse, Layer layer, String table, String... args)
            throws Exception {
        kill9(warehouse, startAndAwaitNewCommit(warehouse, layer, table, args));
    }

    /** Starts the command in a child JVM and returns once {@code <layer>.<table>} has a new commit. */
    private static Process startAndAwaitNewCommit(Path warehouse, Layer layer, String table, String... args)
            throws Exception {
        Path log = warehouse.resolveSibling(warehouse.getFileName() + "-child.log");
        String before = WarehouseFixture.lastCommit(warehouse, layer, table).getFileName().toString();
        Process child = ChildCli.start(log, args);
        long deadline = System.nanoTime() + 240_000_000_000L;
        while (child.isAlive() && System.nanoTime() < deadline
                && WarehouseFixture.lastCommit(warehouse, layer, table).getFileName().toString().equals(before)) {
            Thread.sleep(10);
        }
        assertTrue(child.isAlive(), "the child ended before its first table was written: " + Files.readString(log));
        return child;
    }

    private static void kill9(Path warehouse, Process child) throws Exception {
        assertTrue(child.isAlive(), "the child is still running when it is killed");
        ChildCli.kill9(child);
        assertTrue(Files.exists(warehouse.resolve(WriterLease.FILE)), "the killed writer's lease is left behind");
    }

    private static JobContext fresh(Path warehouse, String day) {
        return SharedSpark.context(warehouse, LocalDate.parse(day));
    }

    /** The run dates a reader sees in a gold table (a table may have no rows: trends on a small sample). */
    private static List<LocalDate> runDates(JobContext reader, String table) {
        return reader.warehouse().read(Layer.GOLD, table).select("run_date").distinct().collectAsList().stream()
                .map(r -> r.getDate(0).toLocalDate()).sorted().toList();
    }
}
