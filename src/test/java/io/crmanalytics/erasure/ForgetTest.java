package io.crmanalytics.erasure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.crmanalytics.job.JobContext;
import io.crmanalytics.testing.Cli;
import io.crmanalytics.testing.SharedSpark;
import io.crmanalytics.warehouse.Layer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.delta.DeltaLog;
import org.junit.jupiter.api.Test;

/**
 * crm forget --now on a small warehouse that has been through the whole nightly (`crm run`, in this JVM: ingest,
 * root causes, CLV, propensity, service with its outreach CSV, publish with its Parquet exports, the report):
 * afterwards no byte of the customer's id, email, phone or name is in any file under the warehouse (Delta logs and
 * checkpoints, exports and outreach files included); re-ingesting the original files does not bring them back.
 */
class ForgetTest {
    private static final String DAY = "2026-10-01";
    /** The nightly as a small warehouse runs it: propensity for two categories without a hyper-parameter search. */
    private static final String CONFIG = """
            propensity:
              grid: none
              categories: [electronics, beauty]
            """;

    @Test
    void forgetNowLeavesNoByteOfTheCustomerAndIngestKeepsThemOut() throws IOException {
        Path input = SharedSpark.newWarehouseDir("forget-input");
        // History that ends on the run date, as the nightly sees it.
        ok("generate", "--out", input.toString(), "--customers", "200", "--days", "365", "--seed", "11",
                "--run-date", DAY);
        Path dir = SharedSpark.newWarehouseDir("forget");
        String wh = dir.toString();
        Path config = Files.writeString(dir.resolveSibling(dir.getFileName() + "-config.yaml"), CONFIG);
        ok("run", "--warehouse", wh, "--input", input.toString(), "--run-date", DAY, "--config", config.toString());
        assertTrue(Files.exists(dir.resolve("exports/" + DAY)), "publish exported");

        JobContext ctx = SharedSpark.context(dir, LocalDate.parse(DAY));
        // A checkpoint of every table, as Delta writes every 10 commits: it keeps each file's min/max statistics.
        for (var table : ctx.warehouse().allTables()) {
            DeltaLog.forTable(ctx.spark(), ctx.warehouse().path(table.layer(), table.name())).checkpoint();
        }
        Map<String, String> customer = victim(ctx, input);
        String id = customer.get("customer_id");
        assertFalse(filesContaining(dir, customer).isEmpty(), "the fixture holds the customer before");

        Cli.Result forget = ok("forget", "--warehouse", wh, "--customer-id", id, "--now");
        assertFalse(forget.out().contains(id), forget.out());
        assertEquals(List.of(), filesContaining(dir, customer));
        String log = Files.readString(dir.resolve("audit/erasures.log"));
        assertTrue(log.contains("\"customers\":1"), log);

        // Readers still work, and the tables no longer hold the customer.
        JobContext after = SharedSpark.context(dir, LocalDate.parse(DAY));
        assertEquals(0, after.warehouse().read(Layer.SILVER, "orders").where("customer_id = '" + id + "'").count());
        assertTrue(after.readGoldAsOf("customer_value").count() > 0);
        ok("sql", "--warehouse", wh, "select count(*) from gold.complaint_attribution");

        // The original files, resent: quarantined as erased_customer, and still no byte of the customer.
        ok("ingest", "--warehouse", wh, "--input", input.toString(), "--run-date", DAY);
        assertEquals(List.of(), filesContaining(dir, customer));
        JobContext reingested = SharedSpark.context(dir, LocalDate.parse(DAY));
        assertTrue(reingested.warehouse().read(Layer.QUARANTINE, "customers")
                .where("rule = 'erased_customer'").count() > 0);
        assertTrue(reingested.warehouse().read(Layer.QUARANTINE, "orders")
                .where("rule = 'erased_customer'").count() > 0);
        assertEquals(0, reingested.warehouse().read(Layer.SILVER, "customers").where("customer_id = '" + id + "'")
                .count());
    }

    /** A customer with orders, an interaction and contact details nobody else shares, in the outreach if one is. */
    private static Map<String, String> victim(JobContext ctx, Path input) {
        var spark = ctx.spark();
        var customers = ctx.warehouse().read(Layer.SILVER, "customers");
        Row row = customers.where("email is not null and phone is not null and name is not null")
                .join(ctx.warehouse().read(Layer.SILVER, "interactions").select("customer_id").distinct(), "customer_id")
                .join(ctx.warehouse().read(Layer.SILVER, "orders").select("customer_id").distinct(), "customer_id")
                .join(customers.groupBy("name").count().where("count = 1").drop("count"), "name")
                .join(customers.groupBy("phone").count().where("count = 1").drop("count"), "phone")
                // preferably one the outreach CSV names, so that file is put to the test too
                .join(ctx.readGoldAsOf("proactive_outreach").select("customer_id").distinct()
                        .withColumn("in_outreach", org.apache.spark.sql.functions.lit(1)),
                        scala.jdk.javaapi.CollectionConverters.asScala(List.of("customer_id")).toSeq(), "left")
                .orderBy(org.apache.spark.sql.functions.col("in_outreach").desc_nulls_last(),
                        org.apache.spark.sql.functions.col("customer_id"))
                .select("customer_id", "email", "phone", "name").first();
        Map<String, String> values = new LinkedHashMap<>();
        for (String column : List.of("customer_id", "email", "phone", "name")) {
            values.put(column, row.getAs(column));
        }
        assertTrue(spark != null && Files.exists(input.resolve("customers.csv")));
        return values;
    }

    /** Every file under the folder (links not followed) that contains any of the values' UTF-8 bytes. */
    private static List<String> filesContaining(Path dir, Map<String, String> values) {
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.filter(f -> Files.isRegularFile(f, java.nio.file.LinkOption.NOFOLLOW_LINKS)).toList()) {
                String bytes = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                for (Map.Entry<String, String> value : values.entrySet()) {
                    String encoded = new String(value.getValue().getBytes(StandardCharsets.UTF_8),
                            StandardCharsets.ISO_8859_1);
                    if (bytes.contains(encoded)) {
                        found.add(dir.relativize(file) + " (" + value.getKey() + ")");
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return found;
    }

    private static Cli.Result ok(String... args) {
        Cli.Result result = Cli.run(args);
        assertEquals(0, result.exitCode(), String.join(" ", args) + ": " + result.err() + result.out());
        return result;
    }
}
