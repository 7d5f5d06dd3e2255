package io.crmanalytics.value;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.crmanalytics.job.JobContext;
import io.crmanalytics.testing.Cli;
import io.crmanalytics.testing.SharedSpark;
import io.crmanalytics.warehouse.Layer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/**
 * End to end on the committed sample data: `crm ingest` of its customers and orders, then `crm clv`; the generator's
 * planted purchase and spend processes (sample-data/ground_truth.json, time unit week) come back within sampling
 * error: 4 standard errors of the fit's observed information.
 */
class SampleDataClvTest {
    private static final Path SAMPLE = Path.of(System.getProperty("crm.projectDir", "."), "sample-data");

    @Test
    void plantedParametersAreRecoveredFromSampleData() throws Exception {
        JsonNode truth = new ObjectMapper().readTree(SAMPLE.resolve("ground_truth.json").toFile());
        assertEquals("week", truth.path("time_unit").asText("week"));
        LocalDate runDate = LocalDate.parse(truth.get("run_date").asText());
        Path warehouse = SharedSpark.newWarehouseDir("clv-sample");
        JobContext ctx = SharedSpark.context(warehouse, runDate);
        // Only the entities the job needs, to keep the test small: orders and the customers they reference.
        Path input = Files.createDirectories(warehouse.resolve("input"));
        Files.copy(SAMPLE.resolve("customers.csv"), input.resolve("customers.csv"));
        Files.copy(SAMPLE.resolve("orders.csv"), input.resolve("orders.csv"));
        Cli.Result ingest = Cli.run("ingest", "--input", input.toString(), "--warehouse", warehouse.toString(),
                "--run-date", runDate.toString());
        assertEquals(0, ingest.exitCode(), ingest.err() + ingest.out());

        Cli.Result clv = Cli.run("clv", "--warehouse", warehouse.toString(), "--run-date", runDate.toString());
        assertEquals(0, clv.exitCode(), clv.err() + clv.out());
        assertTrue(clv.out().contains("wrote gold.customer_value"), clv.out());
        long customers = ctx.warehouse().read(Layer.GOLD, ClvJob.CUSTOMER_VALUE).count();
        assertTrue(customers > 1000, "customers valued: " + customers);

        Map<String, Double> fitted = new HashMap<>();
        for (Row r : ctx.warehouse().read(Layer.GOLD, ClvJob.MODEL).collectAsList()) {
            fitted.put(r.getString(0) + "." + r.getString(1), r.getDouble(2));
        }
        StringBuilder report = new StringBuilder();
        for (String model : new String[] {"bgnbd", "gamma_gamma"}) {
            truth.get(model).fields().forEachRemaining(e -> {
                String key = model + "." + e.getKey();
                report.append(String.format(java.util.Locale.ROOT, "%s planted %.4g fitted %.4g SE %.2g%n", key,
                        e.getValue().asDouble(), fitted.get(key), fitted.get(key + "_std_error")));
            });
        }
        System.out.print(report);
        for (String model : new String[] {"bgnbd", "gamma_gamma"}) {
            assertEquals(1.0, fitted.get(model + ".converged"), model + " converged");
            truth.get(model).fields().forEachRemaining(e -> {
                String key = model + "." + e.getKey();
                double se = fitted.get(key + "_std_error");
                double planted = e.getValue().asDouble();
                assertTrue(se > 0 && se < 0.5 * planted, key + " SE " + se + " too wide to test\n" + report);
                assertEquals(planted, fitted.get(key), 4 * se, key + "\n" + report);
            });
        }
    }
}
