package io.crmanalytics.warehouse;

import static io.crmanalytics.testing.WarehouseFixture.DAY1;
import static io.crmanalytics.testing.WarehouseFixture.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.crmanalytics.core.UserException;
import io.crmanalytics.job.JobContext;
import io.crmanalytics.testing.Cli;
import io.crmanalytics.testing.SharedSpark;
import io.crmanalytics.testing.WarehouseFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The writer lease (a second writer is refused, naming the holder) and the never-backwards check. */
class LeaseAndLedgerTest {
    private static Path input;
    private static Path ingested;

    @BeforeAll
    static void input() {
        input = WarehouseFixture.shared().input();
        ingested = WarehouseFixture.shared().warehouse();
    }

    @Test
    void aSecondWriterIsRefusedWithTheHolderNamed() {
        Path dir = WarehouseFixture.copyOf(ingested, "lease");
        JobContext context = SharedSpark.context(dir, LocalDate.parse(DAY1));
        try (WriterLease held = WriterLease.acquire(context.warehouse(), "run", false)) {
            Cli.Result second = Cli.run("clv", "--warehouse", dir.toString(), "--run-date", DAY1);
            assertEquals(1, second.exitCode(), second.out());
            String line = second.err().strip();
            assertFalse(line.contains("\n"), "one line: " + line);
            assertTrue(line.contains("is being written by pid " + ProcessHandle.current().pid() + " on "), line);
            assertTrue(line.contains("`crm run`"), line);
            Cli.Result ingest = Cli.run("ingest", "--warehouse", dir.toString(), "--input", input.toString());
            assertEquals(1, ingest.exitCode(), ingest.out());
            assertTrue(ingest.err().contains("is being written by pid"), ingest.err());
            // Readers are not writers.
            ok("sql", "--warehouse", dir.toString(), "select count(*) from silver.customers");
        }
        assertFalse(Files.exists(dir.resolve(WriterLease.FILE)), "released");
        ok("clv", "--warehouse", dir.toString(), "--run-date", DAY1);
    }

    @Test
    void aDeadHoldersLeaseIsTakenOverAndALiveOnesOnlyOnRequest() throws Exception {
        Path dir = SharedSpark.newWarehouseDir("lease-stale");
        Warehouse warehouse = SharedSpark.context(dir, LocalDate.parse(DAY1)).warehouse();
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        String host = java.net.InetAddress.getLocalHost().getHostName();
        writeLease(dir, new WriterLease.Holder("t1", host, gone.pid(), "run", Instant.now().toString(),
                Instant.now().toString()));
        try (WriterLease taken = WriterLease.acquire(warehouse, "clv", false)) {
            assertEquals(ProcessHandle.current().pid(), WriterLease.holder(warehouse).orElseThrow().pid());
        }
        // Alive on another host, fresh heartbeat: refused; with --take-over-lease: taken.
        writeLease(dir, new WriterLease.Holder("t2", "other-host", 4242, "run", Instant.now().toString(),
                Instant.now().toString()));
        UserException refused = assertThrows(UserException.class, () -> WriterLease.acquire(warehouse, "clv", false));
        assertTrue(refused.getMessage().contains("pid 4242 on other-host (`crm run`"), refused.getMessage());
        WriterLease.acquire(warehouse, "clv", true).close();
        // Another host's lease whose heartbeat stopped long ago: expired.
        writeLease(dir, new WriterLease.Holder("t3", "other-host", 4242, "run", "2026-01-01T00:00:00Z",
                "2026-01-01T00:00:00Z"));
        WriterLease.acquire(warehouse, "clv", false).close();
    }

    @Test
    void aTableWhoseLogWentBackwardsIsRefusedInOneLine() throws Exception {
        Path dir = WarehouseFixture.copyOf(WarehouseFixture.withClv(), "backwards");
        Path deleted = WarehouseFixture.lastCommit(dir, Layer.SILVER, "orders");
        Files.delete(deleted);
        Cli.Result sql = Cli.run("sql", "--warehouse", dir.toString(), "select count(*) from silver.orders");
        assertEquals(1, sql.exitCode(), sql.out());
        assertTrue(sql.err().startsWith("crm: silver.orders went backwards: its Delta log ends at version"),
                sql.err());
        assertFalse(sql.err().strip().contains("\n"), sql.err());

        Files.delete(WarehouseFixture.lastCommit(dir, Layer.GOLD, "customer_value"));
        JobContext reader = SharedSpark.context(dir, LocalDate.parse(DAY1));
        UserException gold = assertThrows(UserException.class, () -> reader.readGoldAsOf("customer_value"));
        assertTrue(gold.getMessage().startsWith("gold.customer_value went backwards"), gold.getMessage());
        Cli.Result job = Cli.run("clv", "--warehouse", dir.toString(), "--run-date", DAY1);
        assertEquals(1, job.exitCode(), job.out());
        assertTrue(job.err().contains("went backwards"), job.err());
    }

    private static void writeLease(Path dir, WriterLease.Holder holder) throws Exception {
        Files.createDirectories(dir);
        Files.write(dir.resolve(WriterLease.FILE), new ObjectMapper().writeValueAsBytes(holder));
    }
}
