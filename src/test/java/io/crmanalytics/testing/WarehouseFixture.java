package io.crmanalytics.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.crmanalytics.warehouse.Layer;
import io.crmanalytics.warehouse.Warehouse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;

/** A small generated input, ingested: the warehouse the fault, lease and erasure tests start from. */
public final class WarehouseFixture {
    public static final String DAY1 = "2026-10-01";
    public static final String DAY2 = "2026-10-02";

    /** A generated input folder and the warehouse of its ingest on {@link #DAY1}. */
    public record Ingested(Path input, Path warehouse) {
    }

    private static Ingested shared;
    private static Path withClv;

    private WarehouseFixture() {
    }

    /**
     * 60 generated customers, ingested on {@link #DAY1}: made once per test JVM and shared by the test classes that
     * start from a small warehouse, each of which copies it before changing it and never writes to the input. The
     * lease test made its own (25 customers) until 2026-12-02: its generate and ingest took 79.5 s of its 105 s
     * (shared 2-core machine), almost all of it fixed cost (Spark planning and Delta commits), not rows.
     */
    public static synchronized Ingested shared() {
        if (shared == null) {
            Path input = generatedInput("shared", 60);
            shared = new Ingested(input, ingested("shared-base", input));
        }
        return shared;
    }

    /**
     * The {@link #shared()} warehouse after {@code crm clv} on {@link #DAY1}: a gold table and a ledger entry, which
     * several tests need before they start. Made once; callers copy it.
     */
    public static synchronized Path withClv() {
        if (withClv == null) {
            withClv = copyOf(shared().warehouse(), "shared-clv");
            ok("clv", "--warehouse", withClv.toString(), "--run-date", DAY1);
        }
        return withClv;
    }

    public static Path generatedInput(String name, int customers) {
        return generatedInput(name, customers, 11);
    }

    public static Path generatedInput(String name, int customers, int seed) {
        Path input = SharedSpark.newWarehouseDir(name + "-input");
        Cli.Result generated = Cli.run("generate", "--out", input.toString(), "--customers",
                String.valueOf(customers), "--days", "240", "--seed", String.valueOf(seed));
        assertEquals(0, generated.exitCode(), generated.err());
        return input;
    }

    public static Path ingested(String name, Path input) {
        Path warehouse = SharedSpark.newWarehouseDir(name);
        ok("ingest", "--warehouse", warehouse.toString(), "--input", input.toString(), "--run-date", DAY1);
        return warehouse;
    }

    /** A copy of a warehouse in a new folder: one ingest serves every test of a class. */
    public static Path copyOf(Path warehouse, String name) {
        Path copy = SharedSpark.newWarehouseDir(name);
        Folders.copy(warehouse, copy);
        return copy;
    }

    public static Cli.Result ok(String... args) {
        Cli.Result result = Cli.run(args);
        assertEquals(0, result.exitCode(), String.join(" ", args) + ": " + result.err());
        return result;
    }

    /** Every row of a table, as sorted strings: what "the same table" means in these tests. */
    public static List<String> rows(Warehouse warehouse, Layer layer, String table) {
        return warehouse.read(layer, table).collectAsList().stream().map(Row::toString).sorted().toList();
    }

    /** The newest Delta commit file of a table. */
    public static Path lastCommit(Path warehouse, Layer layer, String table) {
        try (Stream<Path> files = Files.list(warehouse.resolve(layer.dirName()).resolve(table).resolve("_delta_log"))) {
            return files.filter(f -> f.getFileName().toString().matches("\\d{20}\\.json")).sorted()
                    .reduce((a, b) -> b).orElseThrow();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
