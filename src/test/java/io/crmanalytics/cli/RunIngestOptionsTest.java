package io.crmanalytics.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.crmanalytics.testing.Cli;
import io.crmanalytics.testing.SharedSpark;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** {@code crm run} hands the ingest options given on its command line to the graph's ingest step. */
class RunIngestOptionsTest {
    // No ingest runs to the end: both checks fail before anything is written, which keeps the test cheap.
    private static final String DAY = "2024-06-30";

    @Test
    void encodingAndStrictGivenToRunReachTheIngestStep() throws Exception {
        Path dir = SharedSpark.newWarehouseDir("run-ingest-options");
        Path input = Files.createDirectories(dir.resolve("input"));
        Files.write(input.resolve("customers.csv"), "customer_id,name\nc1,J\u00fcrgen\n"
                .getBytes(StandardCharsets.ISO_8859_1));
        Path unknown = Files.writeString(input.resolve("customers.xlsx"), "not a contract file");
        Path graph = Files.writeString(dir.resolve("graph.json"), """
                {"name": "ingest only", "jobs": [
                  {"name": "ingest", "command": ["ingest", "--input", "${input}"], "depends_on": []}
                ]}""");
        Path warehouse = dir.resolve("warehouse");

        // --strict reaches the ingest step: the unknown file is fatal there, before anything is written.
        Cli.Result strict = Cli.run("run", "--input", input.toString(), "--graph", graph.toString(),
                "--warehouse", warehouse.toString(), "--run-date", DAY, "--strict", "--encoding", "ISO-8859-1",
                "--max-reject-rate", "0.5");
        assertEquals(1, strict.exitCode(), strict.err());
        assertTrue(strict.err().contains("(--strict)") && strict.err().contains("customers.xlsx"), strict.err());
        assertFalse(Files.exists(warehouse.resolve("silver")), "nothing written");

        // A value reaches it too: ingest's own check refuses this one while the graph is configured.
        Files.delete(unknown);
        Cli.Result encoding = Cli.run("run", "--input", input.toString(), "--graph", graph.toString(),
                "--warehouse", warehouse.toString(), "--run-date", DAY, "--encoding", "NO-SUCH-CHARSET");
        assertEquals(1, encoding.exitCode(), encoding.err());
        assertEquals("crm: --encoding: unknown encoding 'NO-SUCH-CHARSET'", encoding.err().strip());
        assertFalse(encoding.out().contains("[1/1]"), "no job started: " + encoding.out());
    }
}
