package io.crmanalytics.erasure;

import io.crmanalytics.warehouse.FileWalk;
import io.crmanalytics.warehouse.Warehouse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The files beside the Delta tables: Parquet exports ({@code exports/<date>/<table>/}) are rewritten without the
 * customers' rows; text files (outreach and segment CSVs, logs, JSON, Markdown, HTML) lose the lines that name
 * them; and {@link #remaining} lists any other file that still contains one of their values, so the command can
 * say so rather than claim an erasure it did not do.
 */
final class FileScrubber {
    private static final List<String> TEXT = List.of(".csv", ".log", ".json", ".md", ".txt", ".html");
    private final java.util.Map<String, Boolean> tableFolders = new java.util.HashMap<>();

    private final Warehouse warehouse;
    private final ErasureTargets targets;

    FileScrubber(Warehouse warehouse, ErasureTargets targets) {
        this.warehouse = warehouse;
        this.targets = targets;
    }

    /** Scrubs every file outside the Delta tables; returns how many files were changed. */
    int scrub() {
        int changed = 0;
        for (Path parquetFolder : parquetFolders(new Path(warehouse.folder("exports")))) {
            changed += rewriteParquet(parquetFolder) ? 1 : 0;
        }
        for (Path file : filesOutsideTables()) {
            String name = file.getName().toLowerCase(java.util.Locale.ROOT);
            // A Delta log is never edited: a table whose log names them is rewritten whole (TableRewriter).
            boolean deltaLog = file.getParent() != null && file.toString().contains("/_delta_log/");
            if (!deltaLog && TEXT.stream().anyMatch(name::endsWith) && containsTarget(file)) {
                removeLines(file);
                changed++;
            }
        }
        return changed;
    }

    /** Files outside the Delta tables' data that still contain an identifying value (Delta logs included). */
    List<String> remaining() {
        List<String> found = new ArrayList<>();
        for (Path file : filesOutsideTables()) {
            if (containsTarget(file)) {
                found.add(file.toString());
            }
        }
        return found;
    }

    private boolean rewriteParquet(Path folder) {
        Dataset<Row> rows = warehouse.spark().read().parquet(folder.toString());
        var belongs = targets.predicate(rows.schema());
        if (belongs.isEmpty() || rows.where(belongs.get()).isEmpty()) {
            return false;
        }
        Path fresh = new Path(folder.getParent(), "." + folder.getName() + "-" + UUID.randomUUID());
        rows.where(org.apache.spark.sql.functions.not(belongs.get())).coalesce(1).write().parquet(fresh.toString());
        try {
            FileSystem fs = warehouse.fileSystem(folder);
            fs.delete(folder, true);
            if (!fs.rename(fresh, folder)) {
                throw new IOException("cannot move " + fresh + " to " + folder);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return true;
    }

    /** Folders holding Parquet files under {@code root}, not following the {@code latest} link. */
    private List<Path> parquetFolders(Path root) {
        List<Path> folders = new ArrayList<>();
        try {
            FileSystem fs = warehouse.fileSystem(root);
            if (!fs.exists(root)) {
                return folders;
            }
            collectParquetFolders(fs, root, folders);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return folders;
    }

    private void collectParquetFolders(FileSystem fs, Path dir, List<Path> out) throws IOException {
        boolean hasParquet = false;
        for (FileStatus child : fs.listStatus(dir)) {
            if (isLink(child)) {
                continue;
            }
            if (child.isDirectory()) {
                collectParquetFolders(fs, child.getPath(), out);
            } else if (child.getPath().getName().endsWith(".parquet")) {
                hasParquet = true;
            }
        }
        if (hasParquet) {
            out.add(dir);
        }
    }

    private static boolean isLink(FileStatus status) {
        if ("file".equals(status.getPath().toUri().getScheme())) {
            return java.nio.file.Files.isSymbolicLink(java.nio.file.Paths.get(status.getPath().toUri()));
        }
        return status.isSymlink();
    }

    /** Every file of the warehouse except the data files of Delta tables (their rows are deleted in Delta). */
    private List<Path> filesOutsideTables() {
        List<Path> files = new ArrayList<>();
        Path root = new Path(warehouse.root());
        try {
            FileSystem fs = warehouse.fileSystem(root);
            FileWalk.files(fs, root, status -> {
                Path file = status.getPath();
                if (!insideTableData(file) && !file.getName().endsWith(".crc")) {
                    files.add(file);
                }
                return true;
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    private boolean insideTableData(Path file) {
        for (Path dir = file.getParent(); dir != null; dir = dir.getParent()) {
            if (dir.getName().equals("_delta_log")) {
                return false;
            }
            if (tableFolders.computeIfAbsent(dir.toString(), warehouse::isDeltaTable)) {
                return true;
            }
            if (dir.toString().equals(new Path(warehouse.root()).toString())) {
                return false;
            }
        }
        return false;
    }

    private boolean containsTarget(Path file) {
        try (InputStream in = warehouse.fileSystem(file).open(file)) {
            return targets.containedIn(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void removeLines(Path file) {
        try {
            FileSystem fs = warehouse.fileSystem(file);
            String text;
            try (InputStream in = fs.open(file)) {
                text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            String kept = text.lines().filter(line -> !targets.mentionedIn(line))
                    .collect(Collectors.joining("\n", "", text.endsWith("\n") ? "\n" : ""));
            Path hidden = new Path(file.getParent(), "." + file.getName() + "-" + UUID.randomUUID());
            try (OutputStream out = fs.create(hidden, false)) {
                out.write(kept.getBytes(StandardCharsets.UTF_8));
            }
            fs.delete(file, false);
            fs.delete(new Path(file.getParent(), "." + file.getName() + ".crc"), false);
            if (!fs.rename(hidden, file)) {
                throw new IOException("cannot move " + hidden + " to " + file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
