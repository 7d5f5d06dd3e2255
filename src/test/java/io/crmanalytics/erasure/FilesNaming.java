package io.crmanalytics.erasure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.example.GroupReadSupport;

/**
 * Which files under a folder still hold any of some values. A plain byte search is not enough: Parquet pages are
 * compressed (snappy, zstd), and a customer id in a dictionary of similar ids is usually stored as a back-reference,
 * never as its own bytes, so a search of the raw file finds nothing while the value is still there. Parquet files
 * (table data, Delta checkpoints, exports) are therefore searched twice, raw (their footers keep min/max statistics
 * uncompressed) and decoded record by record; every other file (Delta JSON commits, CSVs, HTML, logs) raw.
 */
final class FilesNaming {
    /** One Hadoop configuration for every file: each new one parses Hadoop's default XML resources again. */
    private static final Configuration HADOOP = new Configuration();

    private FilesNaming() {
    }

    /** "file (value name)" for every file (links not followed) that holds a value, raw or decoded. */
    static List<String> search(Path dir, Map<String, String> values) {
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.filter(f -> Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)).toList()) {
                String raw = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                String decoded = file.getFileName().toString().endsWith(".parquet") ? decodedParquet(file) : "";
                for (Map.Entry<String, String> value : values.entrySet()) {
                    String bytes = new String(value.getValue().getBytes(StandardCharsets.UTF_8),
                            StandardCharsets.ISO_8859_1);
                    if (raw.contains(bytes) || decoded.contains(value.getValue())) {
                        found.add(dir.relativize(file) + " (" + value.getKey() + ")");
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return found;
    }

    /** Every record of a Parquet file as text (strings decoded as UTF-8), one per line. */
    private static String decodedParquet(Path file) throws IOException {
        StringBuilder text = new StringBuilder();
        try (ParquetReader<Group> reader = ParquetReader.builder(new GroupReadSupport(),
                new org.apache.hadoop.fs.Path(file.toUri())).withConf(HADOOP).build()) {
            for (Group record = reader.read(); record != null; record = reader.read()) {
                text.append(record).append('\n');
            }
        }
        return text.toString();
    }
}
