package io.crmanalytics.sample;

import io.crmanalytics.core.UserException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Writes a contract input folder for a synthetic company, with its ground truth. Customers are split into
 * partitions generated in parallel, each streaming rows into its own part files; the parts are then joined in
 * partition order behind one header, so every entity is one CSV and the bytes do not depend on the threads.
 */
public final class SampleGenerator {
    static final String PARTS_FOLDER = ".generate-parts";

    private SampleGenerator() {
    }

    /** What a run wrote: rows per file (clean + injected) and the ground truth. */
    public record Summary(Map<String, Long> rowsPerFile, Path groundTruth, double seconds) {
    }

    public static Summary generate(GeneratorOptions options, Consumer<String> progress) {
        long started = System.nanoTime();
        Path out = options.out();
        Path parts = out.resolve(PARTS_FOLDER);
        try {
            if (Files.exists(out) && !Files.isDirectory(out)) {
                throw new UserException("--out " + out + " exists and is not a folder");
            }
            Files.createDirectories(out);
            deleteTree(parts);
            Files.createDirectories(parts);
        } catch (IOException e) {
            throw new UserException("cannot create output folder " + out + ": " + reason(e), e);
        }
        Period period = Period.of(options.runDate(), options.days());
        World world = new World(options.seed(), options.customers());

        Tally total = new Tally();
        try (PartitionOutput catalog = new PartitionOutput(parts, "catalog", total)) {
            catalog.useFaults(new FaultInjector(options.dirtyRate(), new Rng(Rng.mix(options.seed(), -2)), "P"));
            writeProducts(world, catalog);
        }

        int partitions = options.partitions();
        int threads = Math.max(1, Math.min(partitions, Runtime.getRuntime().availableProcessors()));
        ExecutorService pool = Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, "generate");
            thread.setDaemon(true);
            return thread;
        });
        List<Future<Tally>> futures = new ArrayList<>();
        CustomerSimulator simulator = new CustomerSimulator(options.seed(), options.dirtyRate(), period, world);
        int[] done = {0};
        for (int k = 0; k < partitions; k++) {
            int partition = k;
            int from = (int) ((long) k * options.customers() / partitions);
            int to = (int) ((long) (k + 1) * options.customers() / partitions);
            futures.add(pool.submit(() -> {
                Tally tally = new Tally();
                try (PartitionOutput output = new PartitionOutput(parts, String.valueOf(partition), tally)) {
                    for (int i = from; i < to; i++) {
                        simulator.simulate(i, options.badTimestampCustomer(i), output);
                    }
                }
                synchronized (done) {
                    done[0]++;
                    if (partitions > 1) {
                        progress.accept(String.format(Locale.ROOT, "partition %d/%d done (%d customers)",
                                done[0], partitions, to - from));
                    }
                }
                return tally;
            }));
        }
        try {
            for (Future<Tally> future : futures) {
                total.merge(future.get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UserException("generation interrupted", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }

        Map<String, Long> rows = new LinkedHashMap<>();
        for (OutputTable table : OutputTable.values()) {
            join(parts, table, partitions, out);
            long injected = total.dirtyRows.getOrDefault(table.baseName(), Map.of()).values().stream()
                    .mapToLong(Long::longValue).sum();
            rows.put(table.fileName(), total.cleanRows[table.ordinal()] + injected);
        }
        deleteTree(parts);
        Path truth = out.resolve("ground_truth.json");
        GroundTruth.write(truth, options, period, total);
        return new Summary(rows, truth, (System.nanoTime() - started) / 1e9);
    }

    private static void writeProducts(World world, PartitionOutput out) {
        OutputTable table = OutputTable.PRODUCTS;
        for (World.Product product : world.products) {
            String[] row = table.newRow();
            row[table.column("product_id")] = product.id();
            row[table.column("category")] = product.category();
            row[table.column("name")] = product.name();
            row[table.column("unit_price")] = CustomerSimulator.cents(Math.round(product.price() * 100));
            out.emit(table, row);
        }
    }

    /** Header, then the catalog part, then the partitions' parts in order. */
    private static void join(Path parts, OutputTable table, int partitions, Path out) {
        Path target = out.resolve(table.fileName());
        try (OutputStream sink = Files.newOutputStream(target, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
            sink.write((String.join(",", table.header()) + "\n").getBytes(StandardCharsets.UTF_8));
            List<String> labels = new ArrayList<>();
            labels.add("catalog");
            for (int k = 0; k < partitions; k++) {
                labels.add(String.valueOf(k));
            }
            for (String label : labels) {
                Path part = PartitionOutput.partFile(parts, table, label);
                Files.copy(part, sink);
            }
        } catch (IOException e) {
            throw new UserException("cannot write " + target + ": " + reason(e), e);
        }
    }

    /** The OS's reason ("Permission denied"), where Java's message would only repeat the path. */
    private static String reason(IOException e) {
        if (e instanceof java.nio.file.NoSuchFileException missing) {
            return "no such file or folder: " + missing.getFile();
        }
        if (e instanceof FileSystemException fileSystem && fileSystem.getReason() != null) {
            return fileSystem.getReason();
        }
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage());
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
