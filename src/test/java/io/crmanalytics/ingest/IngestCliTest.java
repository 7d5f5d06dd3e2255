package io.crmanalytics.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.crmanalytics.testing.Cli;
import org.junit.jupiter.api.Test;

/** {@code crm ingest} through the real command line: summary on stdout, one-line errors with exit codes. */
class IngestCliTest {
    @Test
    void ingestPrintsTheAccountingAndSqlSeesTheTables() {
        IngestFixture f = IngestFixture.create("cli")
                .csv("customers.csv", "customer_id,vip", "c1,yes", "c2,maybe", "c3,no", "c3,no")
                .csv("orders.csv", "order_id,customer_id,order_ts,total_amount,currency",
                        "o1,c1,2024-03-01T10:00:00Z,10,", "o2,c1,2024-03-01T10:00:00Z,10,gbp");
        Cli.Result run = Cli.run("ingest", "--input", f.input.toString(), "--warehouse", f.warehouse(),
                "--max-reject-rate", "0.5", "--default-currency", "usd");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("ingest finished"), run.out());
        assertTrue(run.out().contains("customers.exact_duplicates"), run.out());
        assertTrue(run.out().lines().anyMatch(l -> l.matches("customers\\s+4\\s+2\\s+1\\s+1\\s+25\\.00%\\s+bad_boolean 1")),
                run.out());
        assertTrue(run.out().contains("skipped (absent from the input): products"), run.out());

        Cli.Result sql = Cli.run("sql", "--warehouse", f.warehouse(), "--format", "csv",
                "select order_id, currency from silver.orders order by order_id");
        assertEquals(0, sql.exitCode(), sql.err());
        assertEquals("order_id,currency\no1,USD\no2,GBP\n", sql.out().replace("\r", ""));
    }

    @Test
    void badInputEndsWithOneLineAndExitCodeOne() {
        IngestFixture f = IngestFixture.create("cli-errors")
                .csv("orders.csv", "order_id,customer_id,total_amount", "o1,c1,10");
        Cli.Result missingColumn = Cli.run("ingest", "--input", f.input.toString(), "--warehouse", f.warehouse());
        assertEquals(1, missingColumn.exitCode());
        assertTrue(missingColumn.err().contains("orders.csv (entity orders) lacks required column order_ts"),
                missingColumn.err());
        assertFalse(missingColumn.err().contains("\tat "), missingColumn.err());

        Cli.Result noFolder = Cli.run("ingest", "--input", f.input.resolve("nope").toString(),
                "--warehouse", f.warehouse());
        assertEquals(1, noFolder.exitCode());
        assertTrue(noFolder.err().contains("input folder not found"), noFolder.err());

        Cli.Result badRate = Cli.run("ingest", "--input", f.input.toString(), "--max-reject-rate", "7");
        assertEquals(1, badRate.exitCode());
        assertTrue(badRate.err().contains("--max-reject-rate"), badRate.err());

        Cli.Result utf16 = Cli.run("ingest", "--input", f.input.toString(), "--encoding", "UTF-16");
        assertEquals(1, utf16.exitCode());
        assertTrue(utf16.err().contains("ASCII-compatible"), utf16.err());

        Cli.Result unknownEncoding = Cli.run("ingest", "--input", f.input.toString(), "--encoding", "klingon-1");
        assertEquals(1, unknownEncoding.exitCode());
        assertTrue(unknownEncoding.err().contains("unknown encoding 'klingon-1'"), unknownEncoding.err());

        f.file("notes.txt", "not data");
        Cli.Result strict = Cli.run("ingest", "--input", f.input.toString(), "--warehouse", f.warehouse(), "--strict");
        assertEquals(1, strict.exitCode());
        assertTrue(strict.err().contains("(--strict)") && strict.err().contains("notes.txt"), strict.err());

        Cli.Result noInput = Cli.run("ingest");
        assertEquals(2, noInput.exitCode());
    }
}
