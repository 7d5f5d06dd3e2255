package io.crmanalytics.ingest;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.is_valid_utf8;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.monotonically_increasing_id;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.when;

import io.crmanalytics.core.UserException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Reads Parquet sources, every value as text. Each part file's schema is read first: the parts must name the same
 * columns ({@link HeaderCheck#requireSameColumns}), and parts whose columns are typed alike are read together,
 * each group with its own schema, and joined by column name. Spark alone reads a folder with one part's schema:
 * another part's extra column was dropped, a missing one read as empty, and a column typed otherwise (a date
 * here, text there) failed the whole read.
 */
final class ParquetReader {
    private final SparkSession spark;

    ParquetReader(SparkSession spark) {
        this.spark = spark;
    }

    /** The source's rows, or null when its parts hold no column at all. */
    RawInput read(EntitySource source) {
        List<String> columns = null;
        String firstFile = null;
        // Parts with the same Parquet schema (names, types, repetition) are read together.
        Map<String, List<String>> byLayout = new LinkedHashMap<>();
        List<String> unreadable = new ArrayList<>();
        for (Footer footer : footers(source.files())) {
            String where = source.files().size() > 1 ? source.label() + " " + new Path(footer.file()).getName()
                    : source.label();
            if (footer.error() != null) {
                unreadable.add(where + " cannot be read as Parquet (" + footer.error() + ")");
                continue;
            }
            List<String> names = SourceReader.normalizedNames(where, footer.names());
            if (columns == null) {
                columns = names;
                firstFile = footer.file();
            } else {
                HeaderCheck.requireSameColumns(source, firstFile, columns, footer.file(), names);
            }
            byLayout.computeIfAbsent(footer.layout(), s -> new ArrayList<>()).add(footer.file());
        }
        if (!unreadable.isEmpty()) {
            throw new UserException("input rejected, nothing was written: " + String.join("; ", unreadable));
        }
        if (columns == null || columns.isEmpty()) {
            return null;
        }
        Dataset<Row> rows = null;
        for (List<String> files : byLayout.values()) {
            StructType schema = spark.read().parquet(files.toArray(String[]::new)).schema();
            Dataset<Row> part = asText(schema, files, columns);
            rows = rows == null ? part : rows.union(part);
        }
        return new RawInput(source, rows, columns);
    }

    /** One part's footer: its schema as text and its top-level column names, or why it could not be read. */
    record Footer(String file, String layout, List<String> names, String error) implements Serializable {
    }

    /**
     * Every part's footer, in the files' order, read in one Spark job (a task per part, at most 1,000 tasks): a
     * folder of hundreds of parts costs one job, not one schema inference each.
     */
    private List<Footer> footers(List<String> files) {
        return JavaSparkContext.fromSparkContext(spark.sparkContext())
                .parallelize(files, Math.max(1, Math.min(files.size(), 1_000))).map(new ReadFooter(HadoopSettings.of(spark.sparkContext().hadoopConfiguration())))
                .collect();
    }

    /** Reads one part's footer. Runs in a Spark task. */
    private static final class ReadFooter implements Function<String, Footer> {
        private final HadoopSettings settings;

        ReadFooter(HadoopSettings settings) {
            this.settings = settings;
        }

        @Override
        public Footer call(String file) {
            Configuration conf = settings.configuration();
            try (ParquetFileReader reader = ParquetFileReader.open(HadoopInputFile.fromPath(new Path(file), conf))) {
                MessageType schema = reader.getFooter().getFileMetaData().getSchema();
                return new Footer(file, schema.toString(), schema.getFields().stream().map(Type::getName).toList(),
                        null);
            } catch (Exception e) { // not Parquet: Parquet throws IOException or RuntimeException
                return new Footer(file, null, List.of(), e.getMessage());
            }
        }
    }

    /** Files of one schema, their columns as text in {@code columns}' order, with the record columns. */
    private Dataset<Row> asText(StructType schema, List<String> files, List<String> columns) {
        Dataset<Row> frame = spark.read().schema(schema).parquet(files.toArray(String[]::new));
        List<String> names = SourceReader.normalizedNames(files.get(0),
                List.of(schema.fields()).stream().map(StructField::name).toList());
        List<Column> out = new ArrayList<>();
        Column lostText = lit(false);
        for (String column : columns) {
            StructField field = schema.fields()[names.indexOf(column)];
            Column value = SourceReader.asString(col("`" + field.name().replace("`", "``") + "`"), field);
            out.add(value.as(column));
            // A Parquet string (or bytes column) holding bytes that are not UTF-8 arrives here undecoded: stored,
            // every reader would see U+FFFD. The row goes to quarantine, whose column keeps the bytes as they were
            // (`cast(name as binary)` gives them back).
            lostText = lostText.or(SourceReader.lostText(value)).or(coalesce(not(is_valid_utf8(value)), lit(false)));
        }
        out.add(col("_metadata.file_path").as(RawInput.SOURCE_FILE));
        // Within one file this grows with the row's position.
        out.add(monotonically_increasing_id().as(RawInput.POSITION));
        out.add(when(lostText, lit(Rule.BAD_ENCODING)).as(RawInput.RECORD_RULE));
        out.add(when(lostText, lit("holds bytes that are not UTF-8, a NUL or a U+FFFD character"))
                .as(RawInput.RECORD_DETAIL));
        out.add(SourceReader.nullString().as(RawInput.RAW_RECORD));
        out.add(lit(null).cast(DataTypes.BinaryType).as(RawInput.RAW_BYTES));
        return frame.select(out.toArray(Column[]::new));
    }
}
