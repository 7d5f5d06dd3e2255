package io.crmanalytics.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The full lane's sample run: {@code crm run} on sample-data with scripts/sample-run.yaml (the quick variant of the
 * README's first command), made once per test JVM, in-process on the shared session. A whole nightly costs minutes
 * on 2 cores, so the tests that need one share this run: sample.SampleRunTest checks it against the sample's ground
 * truth, and a test that changes a warehouse copies it. Until 2026-12-04 the run was a {@code bin/crm} process in
 * pre-integration-test; in the failsafe JVM it pays no JVM start of its own, and the JIT warm-up it pays serves the
 * classes after it (bench/results/nightly.md).
 */
public final class SampleRunWarehouse {
    private static final Path INPUT = Path.of("sample-data");
    private static final Path CONFIG = Path.of("scripts", "sample-run.yaml");
    private static Path made;

    private SampleRunWarehouse() {
    }

    /** The sample's run date (sample-data/ground_truth.json). */
    public static String runDate() {
        try {
            JsonNode truth = new ObjectMapper().readTree(INPUT.resolve("ground_truth.json").toFile());
            return truth.get("run_date").asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Path input() {
        return INPUT.toAbsolutePath();
    }

    /** A fresh copy of a complete sample-run warehouse, for the caller to change. */
    public static synchronized Path copy(String name) {
        Path copy = SharedSpark.newWarehouseDir(name);
        Folders.copy(warehouse(), copy);
        return copy;
    }

    /** The run's own warehouse, made on first use: only to read (copy it to change anything). */
    public static synchronized Path warehouse() {
        if (made != null) {
            return made;
        }
        Path warehouse = SharedSpark.newWarehouseDir("sample-run");
        System.out.println("sample run: crm run --input sample-data --run-date " + runDate() + " --config " + CONFIG
                + " (in this JVM)");
        long start = System.nanoTime();
        Cli.Result run = Cli.run("run", "--input", input().toString(), "--run-date", runDate(), "--warehouse",
                warehouse.toString(), "--config", CONFIG.toAbsolutePath().toString());
        if (run.exitCode() != 0) {
            throw new IllegalStateException("the sample run failed: " + run.err() + run.out());
        }
        System.out.printf(Locale.ROOT, "%s%ssample run: pipeline took %.1f s%n", run.err(), run.out(),
                (System.nanoTime() - start) / 1e9);
        made = warehouse;
        return made;
    }
}
