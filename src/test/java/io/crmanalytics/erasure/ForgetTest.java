package io.crmanalytics.erasure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.crmanalytics.job.JobContext;
import io.crmanalytics.testing.Cli;
import io.crmanalytics.testing.SampleRunWarehouse;
import io.crmanalytics.testing.SharedSpark;
import io.crmanalytics.warehouse.Layer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.delta.DeltaLog;
import org.junit.jupiter.api.Test;

/**
 * crm forget --now on a warehouse that has been through the whole nightly (a copy of the sample run's: ingest, root
 * causes, CLV, propensity, service with its outreach CSV, publish with its Parquet exports, the report): afterwards
 * no byte of the customer's id, email, phone or name is in any file under the warehouse (Delta logs and
 * checkpoints, exports and outreach files included); re-ingesting the original files does not bring them back.
 */
class ForgetTest {
    @Test
    void forgetNowLeavesNoByteOfTheCustomerAndIngestKeepsThemOut() throws IOException {
        String day = SampleRunWarehouse.runDate();
        Path dir = SampleRunWarehouse.copy("forget");
        String wh = dir.toString();
        assertTrue(Files.exists(dir.resolve("exports/" + day)), "publish exported");

        JobContext ctx = SharedSpark.context(dir, LocalDate.parse(day));
        // A checkpoint of every table, as Delta writes every 10 commits: it keeps each file's min/max statistics.
        // Two at a time (the common pool and this thread): each is mostly driver work on a small log.
        ctx.warehouse().allTables().parallelStream().forEach(table ->
                DeltaLog.forTable(ctx.spark(), ctx.warehouse().path(table.layer(), table.name())).checkpoint());
        Map<String, String> customer = victim(ctx);
        String id = customer.get("customer_id");
        assertFalse(FilesNaming.search(dir, customer).isEmpty(), "the fixture holds the customer before: " + customer);

        long queueKpis = ctx.warehouse().logVersion(Layer.GOLD, "queue_kpis");

        // Without --now, erasure relies on VACUUM's retention, which may not go below Delta's safety minimum.
        Cli.Result early = Cli.run("forget", "--warehouse", wh, "--customer-id", id, "--retention-hours", "1");
        assertEquals(1, early.exitCode(), early.out());
        assertTrue(early.err().contains("crm: --retention-hours below 168 (Delta's safety minimum) needs --now"),
                early.err());

        // The erasure log names the OS account, which -Duser.name= (CRM_JAVA_OPTS) cannot forge.
        String userName = System.getProperty("user.name");
        System.setProperty("user.name", "mallory");
        Cli.Result forget;
        try {
            forget = ok("forget", "--warehouse", wh, "--customer-id", id, "--now");
        } finally {
            System.setProperty("user.name", userName);
        }
        assertFalse(forget.out().contains(id), forget.out());
        assertEquals(List.of(), FilesNaming.search(dir, customer));
        String log = Files.readString(dir.resolve("audit/erasures.log"));
        assertTrue(log.contains("\"customers\":1"), log);
        String account = new String(new ProcessBuilder("id", "-un").start().getInputStream().readAllBytes(),
                StandardCharsets.UTF_8).strip();
        assertTrue(log.contains("\"user\":\"" + account + "\",\"uid\":\""), log);
        assertFalse(log.contains("mallory"), log);

        // Readers still work, and the tables no longer hold the customer.
        JobContext after = SharedSpark.context(dir, LocalDate.parse(day));
        assertEquals(0, after.warehouse().read(Layer.SILVER, "orders").where("customer_id = '" + id + "'").count());
        assertTrue(after.readGoldAsOf("customer_value").count() > 0);
        ok("sql", "--warehouse", wh, "select count(*) from gold.complaint_attribution");
        assertEquals(queueKpis, after.warehouse().logVersion(Layer.GOLD, "queue_kpis"),
                "a gold table that never held the customer gets no commit");

        // The original files that carry customer ids, resent whole: quarantined as erased_customer, and still no
        // byte of the customer. (products, order_lines and shipments name no customer; leaving them out saves a
        // wave of ingest.)
        ok("ingest", "--warehouse", wh, "--input", resent(dir).toString(), "--run-date", day);
        assertEquals(List.of(), FilesNaming.search(dir, customer));
        JobContext reingested = SharedSpark.context(dir, LocalDate.parse(day));
        for (String entity : List.of("customers", "orders", "interactions", "customer_attributes")) {
            assertTrue(reingested.warehouse().read(Layer.QUARANTINE, entity).where("rule = 'erased_customer'")
                    .count() > 0, entity);
        }
        assertEquals(0, reingested.warehouse().read(Layer.SILVER, "customers").where("customer_id = '" + id + "'")
                .count());
    }

    /** A folder holding the sample's original files of every entity with a customer_id column. */
    private static Path resent(Path warehouse) throws IOException {
        Path folder = Files.createDirectories(warehouse.resolveSibling(warehouse.getFileName() + "-resent"));
        for (String entity : List.of("customers", "orders", "interactions", "surveys", "ivr_events",
                "customer_attributes")) {
            Files.copy(SampleRunWarehouse.input().resolve(entity + ".csv"), folder.resolve(entity + ".csv"));
        }
        return folder;
    }

    /** A customer with orders, an interaction and contact details nobody else shares, in the outreach if one is. */
    private static Map<String, String> victim(JobContext ctx) {
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
        return values;
    }

    private static Cli.Result ok(String... args) {
        Cli.Result result = Cli.run(args);
        assertEquals(0, result.exitCode(), String.join(" ", args) + ": " + result.err() + result.out());
        return result;
    }
}
