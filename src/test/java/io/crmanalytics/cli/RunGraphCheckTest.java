package io.crmanalytics.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.crmanalytics.testing.Cli;
import io.crmanalytics.testing.SharedSpark;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** {@code crm run} checks the job graph against the jobs' declared inputs and outputs before any job starts. */
class RunGraphCheckTest {
    @Test
    void aGraphWithAnUnproducedGoldInputIsRefusedBeforeAnyWork() throws Exception {
        Path dir = SharedSpark.newWarehouseDir("run-graph");
        Path input = Files.createDirectories(dir.resolve("input"));
        Files.writeString(input.resolve("customers.csv"), "customer_id\nc1\n");
        // service reads gold.customer_value, which clv writes; clv is not in this graph.
        Path graph = dir.resolve("graph.json");
        Files.writeString(graph, """
                {"name": "partial", "jobs": [
                  {"name": "ingest", "command": ["ingest", "--input", "${input}"], "depends_on": []},
                  {"name": "service", "command": ["service"], "depends_on": ["ingest"]}
                ]}""");
        Path warehouse = dir.resolve("warehouse");
        Cli.Result result = Cli.run("run", "--input", input.toString(), "--graph", graph.toString(),
                "--warehouse", warehouse.toString(), "--run-date", "2024-06-30");
        assertEquals(1, result.exitCode(), result.err());
        assertEquals("crm: job 'service' reads gold.customer_value, which no earlier job of the graph writes "
                + "(job 'clv' writes it: list it before 'service')", result.err().strip());
        assertFalse(result.out().contains("[1/2]"), "no job started: " + result.out());
        assertFalse(Files.exists(warehouse.resolve("silver")), "ingest did not run");
    }
}
