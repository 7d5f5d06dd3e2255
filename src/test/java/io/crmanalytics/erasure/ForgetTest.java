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
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;

/**
 * crm forget --now on a small warehouse that has been through ingest, root causes, CLV and publish (Parquet
 * exports): afterwards no byte of the customer's id, email, phone or name is in any file under
 * the warehouse (Delta logs and checkpoints included); re-ingesting the original files does not bring them back.
 */
@Disabled("its fixture (a generated warehouse run through publish) fails before crm forget runs: publish's "
        + "completeness gate on an empty complaint_trends; crm forget is not yet verified end to end (issue 15)")
class ForgetTest {
    private static final String DAY = "2026-10-01";

    @Test
    void forgetNowLeavesNoByteOfTheCustomerAndIngestKeepsThemOut() throws IOException {
        Path input = SharedSpark.newWarehouseDir("forget-input");
        ok("generate", "--out", input.toString(), "--customers", "60", "--days", "240", "--seed", "11");
        Path dir = SharedSpark.newWarehouseDir("forget");
        String wh = dir.toString();
        ok("ingest", "--warehouse", wh, "--input", input.toString(), "--run-date", DAY);
        ok("root-causes", "--warehouse", wh, "--run-date", DAY);
        ok("clv", "--warehouse", wh, "--run-date", DAY);
        // Not `service`: on this small sample it writes no outreach rows and then fails reading its own empty
        // gold.proactive_outreach (readGoldAsOf on an empty table; a separate, older issue).
        ok("publish", "--warehouse", wh, "--run-date", DAY);

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

    /** A customer with orders, an interaction and contact details nobody else shares. */
    private static Map<String, String> victim(JobContext ctx, Path input) {
        var spark = ctx.spark();
        var customers = ctx.warehouse().read(Layer.SILVER, "customers");
        Row row = customers.where("email is not null and phone is not null and name is not null")
                .join(ctx.warehouse().read(Layer.SILVER, "interactions").select("customer_id").distinct(), "customer_id")
                .join(ctx.warehouse().read(Layer.SILVER, "orders").select("customer_id").distinct(), "customer_id")
                .join(customers.groupBy("name").count().where("count = 1").drop("count"), "name")
                .join(customers.groupBy("phone").count().where("count = 1").drop("count"), "phone")
                .orderBy("customer_id").select("customer_id", "email", "phone", "name").first();
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
