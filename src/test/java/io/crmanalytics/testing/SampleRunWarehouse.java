package io.crmanalytics.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The warehouse of the full lane's sample run: `bin/crm run` on sample-data with scripts/sample-run.yaml, which
 * scripts/sample-run-test.sh leaves in target/sample-run-warehouse before the failsafe classes run (pre-integration-
 * test). A whole nightly costs minutes on 2 cores, so a test that needs one copies this warehouse instead of running
 * its own. Run on its own (or after a build newer than that run), a test gets the same run made here, in this JVM.
 */
public final class SampleRunWarehouse {
    private static final Path INPUT = Path.of("sample-data");
    private static final Path CONFIG = Path.of("scripts", "sample-run.yaml");
    private static final Path LEFT_BY_THE_SCRIPT = Path.of("target", "sample-run-warehouse");
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
        Folders.copy(source(), copy);
        return copy;
    }

    private static Path source() {
        if (made != null) {
            return made;
        }
        if (completeAndCurrent(LEFT_BY_THE_SCRIPT)) {
            made = LEFT_BY_THE_SCRIPT.toAbsolutePath();
            return made;
        }
        Path warehouse = SharedSpark.newWarehouseDir("sample-run");
        Cli.Result run = Cli.run("run", "--input", input().toString(), "--run-date", runDate(), "--warehouse",
                warehouse.toString(), "--config", CONFIG.toAbsolutePath().toString());
        if (run.exitCode() != 0) {
            throw new IllegalStateException("the sample run failed: " + run.err() + run.out());
        }
        made = warehouse;
        return made;
    }

    /** The script's run succeeded and is newer than the build under test (not left by an older build). */
    private static boolean completeAndCurrent(Path warehouse) {
        Path summary = warehouse.resolve("runs").resolve(runDate()).resolve("run_summary.json");
        try {
            if (!Files.isRegularFile(summary)
                    || !"succeeded".equals(new ObjectMapper().readTree(summary.toFile()).path("status").asText())) {
                return false;
            }
            Optional<FileTime> built = newestClass();
            return built.isPresent() && Files.getLastModifiedTime(summary).compareTo(built.get()) > 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Optional<FileTime> newestClass() throws IOException {
        try (Stream<Path> files = Files.walk(Path.of("target", "classes"))) {
            return files.filter(Files::isRegularFile).map(f -> {
                try {
                    return Files.getLastModifiedTime(f);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).max(FileTime::compareTo);
        }
    }
}
