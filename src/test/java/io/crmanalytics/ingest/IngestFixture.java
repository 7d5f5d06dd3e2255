package io.crmanalytics.ingest;

import io.crmanalytics.core.Progress;
import io.crmanalytics.job.JobContext;
import io.crmanalytics.job.JobResult;
import io.crmanalytics.testing.SharedSpark;
import io.crmanalytics.warehouse.Layer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** An input folder written by a test plus a warehouse to ingest it into. */
final class IngestFixture {
    final Path input;
    final Path warehouseDir;
    private ZoneId zone = ZoneId.of("UTC");

    private IngestFixture(String name) {
        warehouseDir = SharedSpark.newWarehouseDir(name);
        input = warehouseDir.resolve("input");
        try {
            Files.createDirectories(input);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static IngestFixture create(String name) {
        return new IngestFixture(name);
    }

    IngestFixture zone(String zoneId) {
        zone = ZoneId.of(zoneId);
        return this;
    }

    /** Writes {@code lines} joined with '\n' (and a final newline) as UTF-8 to input/fileName. */
    IngestFixture csv(String fileName, String... lines) {
        return file(fileName, String.join("\n", lines) + "\n");
    }

    IngestFixture file(String fileName, String content) {
        return bytes(fileName, content.getBytes(StandardCharsets.UTF_8));
    }

    IngestFixture bytes(String fileName, byte[] content) {
        try {
            Path file = input.resolve(fileName);
            Files.createDirectories(file.getParent());
            Files.write(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    IngestFixture delete(String fileName) {
        try {
            Files.delete(input.resolve(fileName));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    JobContext context() {
        JobContext base = SharedSpark.context(warehouseDir.resolve("wh"), LocalDate.parse("2024-06-30"));
        return new JobContext(base.spark(), base.warehouse(), base.runDate(), zone, Progress.silent());
    }

    JobResult ingest() {
        return ingest(0.5);
    }

    JobResult ingest(double maxRejectRate) {
        return new IngestJob(IngestOptions.builder(input.toString()).maxRejectRate(maxRejectRate).build()).run(context());
    }

    JobResult ingest(IngestOptions options) {
        return new IngestJob(options).run(context());
    }

    String warehouse() {
        return warehouseDir.resolve("wh").toString();
    }

    Dataset<Row> table(Layer layer, String name) {
        return context().warehouse().read(layer, name);
    }

    boolean exists(Layer layer, String name) {
        return context().warehouse().exists(layer, name);
    }

    List<Row> rows(Layer layer, String name, String orderBy) {
        return table(layer, name).orderBy(orderBy).collectAsList();
    }

    long version(Layer layer, String name) {
        return io.delta.tables.DeltaTable.forPath(SharedSpark.session(), context().warehouse().path(layer, name))
                .history(1).select("version").first().getLong(0);
    }

    /** The rule each quarantined row of an entity broke, keyed by the given raw column. */
    java.util.Map<String, String> rules(String entity, String keyColumn) {
        java.util.Map<String, String> rules = new java.util.HashMap<>();
        for (Row row : table(Layer.QUARANTINE, entity).select(keyColumn, "rule").collectAsList()) {
            rules.put(row.getString(0), row.getString(1));
        }
        return rules;
    }
}
