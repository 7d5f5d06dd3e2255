package io.crmanalytics.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.crmanalytics.job.JobContext;
import io.crmanalytics.quality.PiiColumns;
import io.crmanalytics.testing.Cli;
import io.crmanalytics.testing.SharedSpark;
import io.crmanalytics.warehouse.Layer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Test;

class PublishJobTest {
    private static final String DAY1 = "2024-06-29";
    private static final String DAY2 = DeliveryFixtures.RUN_DATE;

    private static Cli.Result publish(Path dir, String runDate) {
        return Cli.run("publish", "--warehouse", dir.toString(), "--run-date", runDate);
    }

    private static List<String> folders(Path dir) throws Exception {
        try (Stream<Path> list = Files.list(dir)) {
            return list.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void exportsEveryGoldTableOfTheRunDateWithoutPiiAndWithADescribedDictionary() throws Exception {
        Path dir = SharedSpark.newWarehouseDir("publish");
        JobContext yesterday = SharedSpark.context(dir, LocalDate.parse(DAY1));
        DeliveryFixtures.write(yesterday, GoldTables.CUSTOMER_VALUE, DeliveryFixtures.CUSTOMER_VALUE_SCHEMA,
                DeliveryFixtures.customerValueRows());
        JobContext ctx = SharedSpark.context(dir, LocalDate.parse(DAY2));
        DeliveryFixtures.silver(ctx);
        DeliveryFixtures.gold(ctx);

        Cli.Result result = publish(dir, DAY2);
        assertEquals(0, result.exitCode(), result.err() + result.out());
        assertTrue(result.out().contains("wrote gold.customer_360"), result.out());
        assertTrue(result.out().contains("volume_change"), result.out());

        Path exports = dir.resolve("exports");
        Path run = exports.resolve(DAY2);
        List<String> tables = List.of("complaint_attribution", "complaint_root_causes", "complaint_trends",
                "customer_360", "customer_value", "data_quality", "next_best_offer", "proactive_outreach",
                "propensity_scores");
        assertEquals(tables, folders(run));
        assertEquals(DAY2, Files.readString(exports.resolve(ExportFolder.LATEST_FILE)).trim());
        assertTrue(Files.isSymbolicLink(exports.resolve(ExportFolder.LATEST_LINK)));
        assertEquals(run.toRealPath(), exports.resolve(ExportFolder.LATEST_LINK).toRealPath());

        // Only this run date's rows, although customer_value also holds yesterday's.
        Dataset<Row> value = ctx.spark().read().parquet(run.resolve("customer_value").toString());
        assertEquals(4, value.count());
        assertEquals(1, value.select("run_date").distinct().count());
        assertEquals(4, ctx.spark().read().parquet(run.resolve("customer_360").toString()).count());

        // PII scan over every exported schema: the contract's PII columns and name/email/phone, any case.
        Set<String> forbidden = new TreeSet<>(PiiColumns.contractNames());
        forbidden.addAll(List.of("name", "email", "phone"));
        String dictionary = Files.readString(run.resolve(ExportFolder.DICTIONARY));
        for (String table : tables) {
            String[] columns = ctx.spark().read().parquet(run.resolve(table).toString()).columns();
            for (String column : columns) {
                assertFalse(forbidden.contains(column.toLowerCase(Locale.ROOT)), table + "." + column + " is PII");
                assertTrue(dictionary.contains("| `" + column + "` |"), table + "." + column + " not in dictionary");
            }
            assertTrue(dictionary.contains("\n## " + table + "\n"), table);
        }
        assertFalse(dictionary.contains(DataDictionary.UNDOCUMENTED), "every exported column has a description:\n"
                + dictionary.lines().filter(l -> l.contains(DataDictionary.UNDOCUMENTED)).toList());

        JsonNode quality = new ObjectMapper().readTree(run.resolve(ExportFolder.QUALITY).toFile());
        assertTrue(quality.get("passed").asBoolean());
        List<String> gates = new ArrayList<>();
        quality.get("gates").forEach(g -> gates.add(g.get("table").asText() + " " + g.get("gate").asText()));
        assertTrue(gates.containsAll(List.of("customer_value no_pii", "customer_value completeness",
                "customer_value key_uniqueness", "customer_value referential_integrity:customer_id",
                "customer_value volume_change", "complaint_attribution referential_integrity:shipment_id",
                "customer_360 key_uniqueness")), gates.toString());
    }

    @Test
    void aFailedGatePublishesNothingAndKeepsThePreviousLatest() throws Exception {
        Path dir = SharedSpark.newWarehouseDir("publish-gate");
        JobContext day1 = SharedSpark.context(dir, LocalDate.parse(DAY1));
        DeliveryFixtures.customers(day1);
        DeliveryFixtures.write(day1, GoldTables.CUSTOMER_VALUE, DeliveryFixtures.CUSTOMER_VALUE_SCHEMA,
                DeliveryFixtures.customerValueRows());
        Cli.Result first = publish(dir, DAY1);
        assertEquals(0, first.exitCode(), first.err());

        // Day 2: c1 twice and an unknown customer c9.
        JobContext day2 = SharedSpark.context(dir, LocalDate.parse(DAY2));
        List<Row> bad = new ArrayList<>(DeliveryFixtures.customerValueRows());
        bad.add(DeliveryFixtures.value("c1", "Loyal", "gold", 0.5, 100.0));
        bad.add(DeliveryFixtures.value("c9", "New", "bronze", 0.5, 1.0));
        DeliveryFixtures.write(day2, GoldTables.CUSTOMER_VALUE, DeliveryFixtures.CUSTOMER_VALUE_SCHEMA, bad);
        Cli.Result second = publish(dir, DAY2);
        assertEquals(1, second.exitCode(), second.out());
        assertTrue(second.err().startsWith("crm: 2 data-quality gate(s) failed"), second.err());
        assertTrue(second.err().contains("gold.customer_value key_uniqueness"), second.err());
        assertTrue(second.err().contains("exports/latest stays " + DAY1), second.err());
        Path exports = dir.resolve("exports");
        assertEquals(List.of(DAY1), folders(exports).stream().filter(f -> !f.equals("latest")).toList());
        assertEquals(DAY1, Files.readString(exports.resolve(ExportFolder.LATEST_FILE)).trim());
        assertEquals(exports.resolve(DAY1).toRealPath(), exports.resolve(ExportFolder.LATEST_LINK).toRealPath());

        List<Row> failed = day2.warehouse().read(Layer.GOLD, GoldTables.DATA_QUALITY)
                .where("run_date = DATE'" + DAY2 + "' AND NOT passed").orderBy("gate")
                .select("table_name", "gate", "measured").collectAsList();
        assertEquals(List.of(RowFactory.create("customer_value", "key_uniqueness", 1.0),
                RowFactory.create("customer_value", "referential_integrity:customer_id", 1.0)), failed);

        // A backfill of an earlier date publishes its own folder but does not move latest backwards.
        JobContext day0 = SharedSpark.context(dir, LocalDate.parse("2024-06-28"));
        DeliveryFixtures.write(day0, GoldTables.CUSTOMER_VALUE, DeliveryFixtures.CUSTOMER_VALUE_SCHEMA,
                DeliveryFixtures.customerValueRows());
        Cli.Result backfill = publish(dir, "2024-06-28");
        assertEquals(0, backfill.exitCode(), backfill.err());
        assertTrue(Files.isDirectory(exports.resolve("2024-06-28").resolve("customer_value")));
        assertEquals(DAY1, Files.readString(exports.resolve(ExportFolder.LATEST_FILE)).trim());
    }

    @Test
    void aRenamedColumnOfAnotherJobFailsWithAClearLine() {
        Path dir = SharedSpark.newWarehouseDir("publish-mismatch");
        JobContext ctx = SharedSpark.context(dir, LocalDate.parse(DAY2));
        DeliveryFixtures.write(ctx, GoldTables.CUSTOMER_VALUE, "customer_id STRING, rfm_segment STRING, "
                + "value_tier STRING, probability_alive DOUBLE, lifetime_value DOUBLE",
                List.of(RowFactory.create("c1", "Champions", "gold", 0.5, 10.0)));
        Cli.Result result = publish(dir, DAY2);
        assertEquals(1, result.exitCode());
        assertTrue(result.err().startsWith("crm: gold.customer_value lacks column(s) [clv] that publish reads"),
                result.err());
        assertTrue(result.err().contains("io.crmanalytics.publish.GoldTables"), result.err());
    }
}
