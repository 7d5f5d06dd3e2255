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

    /** The sources present, in the contract's dependency order. */
    List<EntitySource> sources() {
        Path dir = new Path(root);
        FileStatus[] children;
        try {
            FileSystem fs = dir.getFileSystem(spark.sparkContext().hadoopConfiguration());
            if (!fs.exists(dir) || !fs.getFileStatus(dir).isDirectory()) {
                throw new UserException("input folder not found: " + root);
            }
            children = fs.listStatus(dir);
            List<EntitySource> found = new ArrayList<>();
            for (Entity entity : DataContract.ENTITIES) {
                source(fs, entity, children).ifPresent(found::add);
            }
            return found;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list input folder " + root, e);
        }
    }

    private static Optional<EntitySource> source(FileSystem fs, Entity entity, FileStatus[] children)
            throws IOException {
        List<EntitySource> candidates = new ArrayList<>();
        for (FileStatus child : children) {
            String name = child.getPath().getName();
            String lower = name.toLowerCase(Locale.ROOT);
            // Spark and other writers name a folder of part files like a file: orders.parquet/.
            if (child.isDirectory() && (lower.equals(entity.name())
                    || SourceFormat.ofFileName(lower).filter(f -> lower.equals(entity.name() + "." + f.extension()))
                    .isPresent())) {
                candidates.add(folder(fs, entity, child));
            } else if (child.isFile()) {
                Optional<SourceFormat> format = SourceFormat.ofFileName(name);
                if (format.isPresent() && lower.equals(entity.name() + "." + format.get().extension())) {
                    candidates.add(new EntitySource(entity, format.get(), List.of(child.getPath().toString()), name));
                }
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
            // Writers leave markers and checksums beside the data (_SUCCESS, .part-0.crc): not data.
            if (!part.isFile() || name.startsWith("_") || name.startsWith(".")) {
                continue;
            }
            Optional<SourceFormat> format = SourceFormat.ofFileName(name);
            if (format.isEmpty()) {
                throw new UserException("folder " + entity.name() + "/ holds " + name
                        + ", which is not .csv, .parquet or .json");
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
