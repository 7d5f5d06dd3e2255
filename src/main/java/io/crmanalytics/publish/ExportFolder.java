package io.crmanalytics.publish;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.crmanalytics.core.UserException;
import io.crmanalytics.job.Concurrently;
import io.crmanalytics.job.JobContext;
import io.crmanalytics.quality.PiiColumns;
import io.crmanalytics.warehouse.AtomicFile;
import io.crmanalytics.warehouse.Layer;
import io.crmanalytics.warehouse.Tables;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * {@code <warehouse>/exports/}: one folder per run date with a Parquet snapshot of each gold table, plus the
 * {@code latest} pointer. A run's folder is assembled under a hidden staging name and renamed into place, so a BI
 * tool never reads half an export; {@code LATEST} (a one-line file, on every file system) and, on a local
 * warehouse, the {@code latest} symlink move only after that, and never backwards to an older run date
 * (a backfill leaves them alone).
 */
public final class ExportFolder {
    public static final String LATEST_FILE = "LATEST";
    public static final String LATEST_LINK = "latest";
    public static final String DICTIONARY = "DATA_DICTIONARY.md";
    public static final String QUALITY = "quality.json";
    /** Rows per Parquet file: few, large files suit BI connectors. */
    private static final long ROWS_PER_FILE = 1_000_000;

    private final JobContext ctx;
    private final String root;

    public ExportFolder(JobContext ctx) {
        this.ctx = ctx;
        this.root = ctx.warehouse().folder("exports");
    }

    public String runFolder() {
        return root + "/" + ctx.runDate();
    }

    /** The run date's rows of a gold table (all rows of a table without run_date). */
    public Dataset<Row> rowsOf(String table) {
        Dataset<Row> all = ctx.warehouse().read(Layer.GOLD, table);
        if (!Arrays.asList(all.columns()).contains(Tables.RUN_DATE)) {
            return all;
        }
        return all.where(col(Tables.RUN_DATE).equalTo(lit(java.sql.Date.valueOf(ctx.runDate()))));
    }

    /**
     * Writes the snapshots, the dictionary and the gate results, moves the folder into place and advances the
     * latest pointer. Returns the latest run date after the move.
     */
    public LocalDate publish(List<DataDictionary.ExportedTable> tables, String dictionary, String qualityJson) {
        String staging = root + "/.staging-" + ctx.runDate() + "-" + UUID.randomUUID();
        try {
            FileSystem fs = fs(new Path(root));
            fs.mkdirs(new Path(staging));
            // Each snapshot is its own folder: they are written at once (see Concurrently).
            List<Callable<Void>> writes = new ArrayList<>();
            for (DataDictionary.ExportedTable table : tables) {
                writes.add(() -> {
                    Dataset<Row> rows = rowsOf(table.name());
                    List<String> pii = PiiColumns.find(rows.columns());
                    if (!pii.isEmpty()) { // the gates stop this earlier; this guard keeps the rule local to the writer
                        throw new UserException("gold." + table.name() + " has personal-data column(s) " + pii
                                + ": not exported");
                    }
                    int files = (int) Math.max(1, Math.min(200, table.rows() / ROWS_PER_FILE + 1));
                    rows.coalesce(files).write().mode("overwrite").parquet(staging + "/" + table.name());
                    return null;
                });
            }
            Concurrently.run(ctx.spark(), writes);
            writeText(new Path(staging, DICTIONARY), dictionary);
            writeText(new Path(staging, QUALITY), qualityJson);
            Path target = new Path(runFolder());
            if (fs.exists(target)) {
                fs.delete(target, true); // a re-run of the same date replaces its export
            }
            if (!fs.rename(new Path(staging), target)) {
                throw new UserException("cannot move the export into place: " + target);
            }
            return advanceLatest();
        } catch (IOException e) {
            throw new UserException("cannot write exports under " + root + ": " + e.getMessage(), e);
        } finally {
            deleteQuietly(new Path(staging));
        }
    }

    /** The run date the latest pointer names, if any. */
    public Optional<LocalDate> latest() {
        Path file = new Path(root, LATEST_FILE);
        try {
            FileSystem fs = fs(file);
            if (!fs.exists(file)) {
                return Optional.empty();
            }
            try (InputStream in = fs.open(file)) {
                return Optional.of(LocalDate.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8).trim()));
            }
        } catch (IOException | java.time.format.DateTimeParseException e) {
            throw new UserException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private LocalDate advanceLatest() throws IOException {
        Optional<LocalDate> current = latest();
        if (current.isPresent() && current.get().isAfter(ctx.runDate())) {
            return current.get();
        }
        Path file = new Path(root, LATEST_FILE);
        writeText(file, ctx.runDate() + "\n");
        if ("file".equals(file.toUri().getScheme())) {
            // A relative symlink swapped in with one rename: readers see the old or the new export, never none.
            java.nio.file.Path dir = Paths.get(file.getParent().toUri());
            java.nio.file.Path link = dir.resolve("." + LATEST_LINK + "-" + UUID.randomUUID());
            Files.createSymbolicLink(link, Paths.get(ctx.runDate().toString()));
            Files.move(link, dir.resolve(LATEST_LINK), StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
        }
        return ctx.runDate();
    }

    private void writeText(Path path, String text) {
        AtomicFile.write(ctx.spark().sparkContext().hadoopConfiguration(), path.toString(),
                text.getBytes(StandardCharsets.UTF_8));
    }

    private void deleteQuietly(Path path) {
        try {
            fs(path).delete(path, true);
        } catch (IOException ignored) {
            // only a leftover hidden staging folder; the next run's staging has another name
        }
    }

    private FileSystem fs(Path path) throws IOException {
        return ctx.warehouse().fileSystem(path);
    }
}
