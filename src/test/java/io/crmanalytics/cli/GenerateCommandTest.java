package io.crmanalytics.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.crmanalytics.testing.Cli;
import io.crmanalytics.testing.SharedSpark;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class GenerateCommandTest {

    @Test
    void generateWritesTheFolderAndReportsIt() throws Exception {
        Path out = SharedSpark.newWarehouseDir("generate-cli").resolve("input");
        Cli.Result result = Cli.run("generate", "--out", out.toString(), "--customers", "40", "--days", "120",
                "--seed", "9", "--run-date", "2025-05-31");
        assertEquals(0, result.exitCode(), result.err());
        assertTrue(result.out().contains("orders.csv"), result.out());
        assertTrue(result.out().contains("run date 2025-05-31"), result.out());
        for (String entity : new String[] {"customers", "products", "orders", "order_lines", "shipments",
                "interactions", "surveys", "ivr_events", "customer_attributes"}) {
            assertTrue(Files.size(out.resolve(entity + ".csv")) > 0, entity);
        }
        var truth = new ObjectMapper().readTree(out.resolve("ground_truth.json").toFile());
        assertEquals("2025-05-31", truth.path("run_date").asText());
        assertEquals(9, truth.path("seed").asLong());
        assertEquals(40, truth.path("counts").path("customers").asLong());
        assertFalse(Files.exists(out.resolve(".generate-parts")), "no temporary files left");
    }

    @Test
    void badOptionsAreOneLineErrors() {
        Path out = SharedSpark.newWarehouseDir("generate-cli-bad");
        Cli.Result rate = Cli.run("generate", "--out", out.toString(), "--dirty-rate", "2");
        assertEquals(1, rate.exitCode());
        assertTrue(rate.err().startsWith("crm: --dirty-rate must be between 0 and 0.5"), rate.err());
        assertFalse(rate.err().contains("\tat "), rate.err());

        Cli.Result days = Cli.run("generate", "--out", out.toString(), "--days", "30");
        assertEquals(1, days.exitCode());
        assertTrue(days.err().contains("--days must be more than 90"), days.err());

        Cli.Result usage = Cli.run("generate", "--customers", "ten", "--out", out.toString());
        assertEquals(2, usage.exitCode());
        assertTrue(usage.err().contains("--customers"), usage.err());

        Cli.Result missingOut = Cli.run("generate");
        assertEquals(2, missingOut.exitCode());
        assertTrue(missingOut.err().contains("--out"), missingOut.err());
    }
}
