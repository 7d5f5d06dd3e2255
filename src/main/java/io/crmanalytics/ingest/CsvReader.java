package io.crmanalytics.ingest;

import io.crmanalytics.core.UserException;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Reads CSV sources with {@link CsvRecordScanner}, so that every physical record becomes exactly one row:
 * well-formed records with their fields, malformed or badly encoded ones with their raw text or bytes and the
 * rule they broke. Headers are read on the driver first; the part files of a folder are mapped to the first
 * part's columns by name, and a part whose header names other columns rejects the input before anything is
 * written. The records themselves are scanned in Spark tasks, one per file, and a large file's records are
 * then spread over several partitions ({@link #partitions}).
 */
final class CsvReader {
    private final SparkSession spark;
    private final Charset charset;

    CsvReader(SparkSession spark, Charset charset) {
        this.spark = spark;
        this.charset = charset;
    }

    RawInput read(EntitySource source) {
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        List<String> columns = null;
        String firstFile = null;
        Map<String, int[]> positions = new LinkedHashMap<>();
        for (String file : source.files()) {
            List<String> names = header(conf, source, file);
            if (names == null) {
                continue; // an empty part: no header, no rows
            }
            if (columns == null) {
                columns = names;
                firstFile = file;
            } else {
                HeaderCheck.requireSameColumns(source, firstFile, columns, file, names);
            }
            int[] position = new int[columns.size()];
            for (int i = 0; i < columns.size(); i++) {
                position[i] = names.indexOf(columns.get(i));
            }
            positions.put(file, position);
        }
        if (columns == null) {
            return null;
        }
        StructType schema = schema(columns);
        List<String> files = new ArrayList<>(positions.keySet());
        JavaRDD<Row> rows = JavaSparkContext.fromSparkContext(spark.sparkContext())
                .parallelize(files, files.size())
                .flatMap(new FileRecords(HadoopSettings.of(conf), charset.name(), positions));
        Dataset<Row> frame = spark.createDataFrame(rows, schema);
        int spread = partitions(bytes(conf, files), spark.sessionState().conf().filesMaxPartitionBytes(),
                files.size());
        // Hash on the record's line, not round-robin: round-robin sorts every row of the file first to be
        // repeatable, in the same single task this is meant to relieve.
        return new RawInput(source, spread > files.size()
                ? frame.repartition(spread, functions.col(RawInput.POSITION)) : frame, columns);
    }

    /**
     * How many partitions a CSV source's records go on in. The scanner reads each file in one task from its first
     * byte, since where a record ends is only known after reading every quote before it; so a large file is one
     * partition, and before this, bronze's write and the classification's partial aggregate of a 700 MB shipments
     * file ran in a single task whatever the cluster's size. Large files are spread after the scan as Spark's own
     * file sources split them: one partition per {@code spark.sql.files.maxPartitionBytes} (128 MB by default),
     * at most 10,000 (a bound, not a tuning: 1.2 TB in one source at the default split).
     */
    static int partitions(long bytes, long maxPartitionBytes, int files) {
        long wanted = (bytes + maxPartitionBytes - 1) / Math.max(1, maxPartitionBytes);
        return (int) Math.max(files, Math.min(wanted, 10_000));
    }

    private static long bytes(Configuration conf, List<String> files) {
        long total = 0;
        for (String file : files) {
            Path path = new Path(file);
            try {
                total += path.getFileSystem(conf).getFileStatus(path).getLen();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
        }
        return total;
    }

    private static StructType schema(List<String> columns) {
        StructType schema = new StructType();
        for (String column : columns) {
            schema = schema.add(column, DataTypes.StringType);
        }
        return schema.add(RawInput.SOURCE_FILE, DataTypes.StringType)
                .add(RawInput.POSITION, DataTypes.LongType)
                .add(RawInput.RECORD_RULE, DataTypes.StringType)
                .add(RawInput.RECORD_DETAIL, DataTypes.StringType)
                .add(RawInput.RAW_RECORD, DataTypes.StringType)
                .add(RawInput.RAW_BYTES, DataTypes.BinaryType);
    }

    /** The normalised header names of one file, or null when the file is empty. */
    private List<String> header(Configuration conf, EntitySource source, String file) {
        String where = source.files().size() > 1 ? source.label() + " " + new Path(file).getName() : source.label();
        try (CsvRecordScanner scanner = new CsvRecordScanner(open(conf, file), charset)) {
            CsvRecordScanner.CsvRecord header = scanner.header();
            if (header == null) {
                return null;
            }
            if (!header.wellFormed()) {
                throw new UserException("input rejected, nothing was written: the header of " + where + " is "
                        + (header.rule().equals(Rule.BAD_ENCODING) ? "not " + charset.name()
                        + " text (say --encoding if the file uses another encoding)"
                        : "malformed (" + header.detail() + ")"));
            }
            return SourceReader.normalizedNames(where, header.fields());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** The file's bytes, gunzipped when its name ends in .gz (in any case). */
    static InputStream open(Configuration conf, String file) throws IOException {
        Path path = new Path(file);
        FileSystem fs = path.getFileSystem(conf);
        InputStream in = fs.open(path);
        return path.getName().toLowerCase(Locale.ROOT).endsWith(".gz") ? new GZIPInputStream(in, 64 * 1024) : in;
    }

    /** The records of one file as rows of the schema above (its header skipped). Runs in a Spark task. */
    private static final class FileRecords implements FlatMapFunction<String, Row>, Serializable {
        private final HadoopSettings settings;
        private final String charset;
        private final Map<String, int[]> positions;

        FileRecords(HadoopSettings settings, String charset, Map<String, int[]> positions) {
            this.settings = settings;
            this.charset = charset;
            this.positions = positions;
        }

        @Override
        public Iterator<Row> call(String file) throws IOException {
            Configuration conf = settings.configuration();
            int[] position = positions.get(file);
            CsvRecordScanner scanner = new CsvRecordScanner(open(conf, file), Charset.forName(charset));
            scanner.header();
            return new Iterator<>() {
                @Override
                public boolean hasNext() {
                    boolean more = scanner.hasNext();
                    if (!more) {
                        try {
                            scanner.close();
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    }
                    return more;
                }

                @Override
                public Row next() {
                    return row(file, position, scanner.next());
                }
            };
        }

        private static Row row(String file, int[] position, CsvRecordScanner.CsvRecord record) {
            Object[] values = new Object[position.length + 6];
            if (record.wellFormed()) {
                for (int i = 0; i < position.length; i++) {
                    values[i] = record.fields().get(position[i]);
                }
            }
            int at = position.length;
            values[at] = file;
            values[at + 1] = record.line();
            values[at + 2] = record.rule();
            values[at + 3] = record.detail();
            values[at + 4] = record.rawText();
            values[at + 5] = record.rawBytes();
            return RowFactory.create(values);
        }
    }
}
