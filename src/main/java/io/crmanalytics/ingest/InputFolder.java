package io.crmanalytics.ingest;

import io.crmanalytics.contract.DataContract;
import io.crmanalytics.contract.Entity;
import io.crmanalytics.core.UserException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;

/**
 * Finds each contract entity in the input folder: {@code <entity>.csv|.parquet|.json} or a folder
 * {@code <entity>/} (or {@code <entity>.parquet/} as Spark writes it) of such part files. Names are matched
 * case-insensitively; Hadoop's file system API is
 * used so the input may also live on HDFS or S3.
 */
final class InputFolder {
    private final SparkSession spark;
    private final String root;

    InputFolder(SparkSession spark, String root) {
        this.spark = spark;
        this.root = root;
    }

    /**
     * What the folder holds: the contract entities, in dependency order, and every other entry (a file in
     * a format the contract does not read, such as customers.xlsx, or a name that is no entity), which is
     * listed so that nothing is skipped without a word. Names starting with {@code .} or {@code _} are
     * writers' markers and are not listed.
     */
    record Listing(List<EntitySource> sources, List<String> unknown) {
    }

    Listing list() {
        Path dir = new Path(root);
        FileStatus[] children;
        try {
            FileSystem fs = dir.getFileSystem(spark.sparkContext().hadoopConfiguration());
            if (!fs.exists(dir) || !fs.getFileStatus(dir).isDirectory()) {
                throw new UserException("input folder not found: " + root);
            }
            children = fs.listStatus(dir);
            Arrays.sort(children, Comparator.comparing(c -> c.getPath().getName()));
            List<EntitySource> found = new ArrayList<>();
            for (Entity entity : DataContract.ENTITIES) {
                source(fs, entity, children).ifPresent(found::add);
            }
            List<String> unknown = new ArrayList<>();
            for (FileStatus child : children) {
                String name = child.getPath().getName();
                if (!name.startsWith(".") && !name.startsWith("_") && !isEntity(child)) {
                    unknown.add(name + (child.isDirectory() ? "/" : ""));
                }
            }
            return new Listing(found, unknown);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list input folder " + root, e);
        }
    }

    private static boolean isEntity(FileStatus child) {
        String name = child.getPath().getName();
        return DataContract.ENTITIES.stream().anyMatch(e -> matches(e, child, name.toLowerCase(Locale.ROOT)));
    }

    /** {@code orders.csv}, {@code Orders.CSV.gz}, a folder {@code orders/} or {@code orders.parquet/}. */
    private static boolean matches(Entity entity, FileStatus child, String lower) {
        if (child.isDirectory()) {
            return lower.equals(entity.name()) || (SourceFormat.ofFileName(lower).isPresent()
                    && SourceFormat.stem(lower).equals(entity.name()));
        }
        return child.isFile() && SourceFormat.ofFileName(lower).isPresent()
                && SourceFormat.stem(lower).equals(entity.name());
    }

    private static Optional<EntitySource> source(FileSystem fs, Entity entity, FileStatus[] children)
            throws IOException {
        List<EntitySource> candidates = new ArrayList<>();
        for (FileStatus child : children) {
            String name = child.getPath().getName();
            String lower = name.toLowerCase(Locale.ROOT);
            // Spark and other writers name a folder of part files like a file: orders.parquet/.
            if (!matches(entity, child, lower)) {
                continue;
            }
            if (child.isDirectory()) {
                candidates.add(folder(fs, entity, child));
            } else {
                candidates.add(new EntitySource(entity, SourceFormat.ofFileName(name).orElseThrow(),
                        List.of(child.getPath().toString()), name));
            }
        }
        if (candidates.size() > 1) {
            throw new UserException("entity " + entity.name() + " is given more than once in the input folder ("
                    + String.join(", ", candidates.stream().map(EntitySource::label).toList()) + "): keep one");
        }
        return candidates.stream().findFirst();
    }

    private static EntitySource folder(FileSystem fs, Entity entity, FileStatus dir) throws IOException {
        FileStatus[] parts = fs.listStatus(dir.getPath());
        // Part files in name order: that order is the input order the duplicate-key policy refers to.
        Arrays.sort(parts, Comparator.comparing(p -> p.getPath().getName()));
        Set<SourceFormat> formats = new TreeSet<>();
        List<String> files = new ArrayList<>();
        for (FileStatus part : parts) {
            String name = part.getPath().getName();
            // Writers leave markers and checksums beside the data (_SUCCESS, .part-0.crc, _temporary/): not data.
            if (name.startsWith("_") || name.startsWith(".")) {
                continue;
            }
            // Part files are read from the folder itself; a folder inside (2024/, or region=North/ as a
            // partitioned export writes it) was skipped without a word, its rows with it.
            if (part.isDirectory()) {
                throw new UserException("input rejected, nothing was written: folder " + dir.getPath().getName()
                        + "/ holds a folder " + name + "/; ingest reads the part files directly inside "
                        + dir.getPath().getName() + "/ (a partitioned export, region=North/..., is not read): "
                        + "move them up or leave them out");
            }
            if (!part.isFile()) {
                continue;
            }
            Optional<SourceFormat> format = SourceFormat.ofFileName(name);
            if (format.isEmpty()) {
                throw new UserException("folder " + entity.name() + "/ holds " + name
                        + ", which is not .csv, .parquet or .json (.csv.gz and .json.gz are read too)");
            }
            formats.add(format.get());
            files.add(part.getPath().toString());
        }
        if (formats.size() > 1) {
            throw new UserException("folder " + entity.name() + "/ mixes file formats " + formats + ": use one");
        }
        SourceFormat format = formats.isEmpty() ? SourceFormat.CSV : formats.iterator().next();
        String label = dir.getPath().getName() + "/ (" + files.size() + " " + format.extension() + " files)";
        return new EntitySource(entity, format, files, label);
    }
}
