package io.crmanalytics.ingest;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.crmanalytics.contract.Column;
import io.crmanalytics.contract.DataContract;
import io.crmanalytics.contract.Entity;
import io.crmanalytics.testing.SharedSpark;
import io.crmanalytics.warehouse.CodeGeneration;
import io.crmanalytics.warehouse.Warehouse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.expressions.codegen.ByteCodeStats;
import org.apache.spark.sql.execution.SparkPlan;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import scala.Tuple3;
import scala.jdk.javaapi.CollectionConverters;

/**
 * With code generation on (the product's setting for large data), no method Spark generates for the ingest
 * classification runs in the JVM's bytecode interpreter. HotSpot does not JIT-compile a method of more than 8,000
 * bytes of bytecode, while Spark keeps whole-stage code generation for methods up to 65,535 bytes unless told
 * otherwise; the classification's per-row stage (typing and every rule) compiles to more than 8,000, and at 1 M
 * customers it ran interpreted: a quarter of the ingest's CPU samples (bench/results/nightly.md, 2026-12-04).
 */
class GeneratedMethodSizeTest {
    /** HotSpot's {@code -XX:+DontCompileHugeMethods} limit (its default). */
    private static final int HOTSPOT_HUGE_METHOD = 8_000;

    @AfterEach
    void smallAgain() {
        CodeGeneration.chooseFor(SharedSpark.session(), 0);
    }

    @Test
    void noWholeStageMethodTooLargeToCompileIsRun() throws IOException {
        SparkSession spark = SharedSpark.session();
        CodeGeneration.chooseFor(spark, CodeGeneration.SMALL_DATA_BYTES);
        int limit = Integer.parseInt(spark.conf().get("spark.sql.codegen.hugeMethodLimit"));
        Path dir = SharedSpark.newWarehouseDir("generated-method-size");
        Warehouse warehouse = new Warehouse(spark, dir.resolve("wh").toString());
        int largest = 0;
        List<String> interpreted = new ArrayList<>();
        // Adaptive execution inserts whole-stage code generation only as it runs each stage; without it the plan
        // shows every whole-stage subtree before anything runs.
        String adaptive = spark.conf().get("spark.sql.adaptive.enabled");
        spark.conf().set("spark.sql.adaptive.enabled", "false");
        try {
            for (Entity entity : DataContract.ENTITIES) {
                SparkPlan plan = classification(spark, warehouse, dir, entity).queryExecution().executedPlan();
                for (Tuple3<String, String, ByteCodeStats> stage : CollectionConverters.asJava(
                        org.apache.spark.sql.execution.debug.package$.MODULE$.codegenStringSeq(plan))) {
                    int size = stage._3().maxMethodCodeSize();
                    largest = Math.max(largest, size);
                    // Spark runs a subtree whole-stage only if its largest method is within the limit.
                    if (size > HOTSPOT_HUGE_METHOD && size <= limit) {
                        interpreted.add(entity.name() + ": " + size + " bytes");
                    }
                }
            }
        } finally {
            spark.conf().set("spark.sql.adaptive.enabled", adaptive);
        }
        assertTrue(largest > HOTSPOT_HUGE_METHOD,
                "the classification no longer generates a method over 8,000 bytes (largest " + largest
                        + "): this test no longer exercises the limit");
        assertTrue(interpreted.isEmpty(), "run whole-stage though too large for the JIT (hugeMethodLimit "
                + limit + "): " + interpreted);
    }

    private static org.apache.spark.sql.Dataset<org.apache.spark.sql.Row> classification(
            SparkSession spark, Warehouse warehouse, Path dir, Entity entity) throws IOException {
        List<String> header = entity.columns().stream().map(Column::name).toList();
        Path file = dir.resolve(entity.name() + ".csv");
        Files.writeString(file, String.join(",", header) + "\n" + ",".repeat(header.size() - 1) + "\n",
                StandardCharsets.UTF_8);
        EntitySource source = new EntitySource(entity, SourceFormat.CSV, List.of(file.toUri().toString()),
                file.getFileName().toString());
        RawInput input = new CsvReader(spark, StandardCharsets.UTF_8).read(source);
        RowRules rules = new RowRules(entity, input.columns(), ZoneId.of("UTC"),
                IngestOptions.builder(dir.toString()).build(), Map.of(), Instant.parse("2026-06-30T00:00:00Z"));
        return new BatchClassifier(warehouse).classify(entity, input, rules);
    }
}
