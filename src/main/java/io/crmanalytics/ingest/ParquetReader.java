package io.crmanalytics.ingest;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.is_valid_utf8;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.monotonically_increasing_id;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.when;

import io.crmanalytics.core.UserException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.Path;
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
        Map<StructType, List<String>> byType = new LinkedHashMap<>();
        for (String file : source.files()) {
            String where = source.files().size() > 1 ? source.label() + " " + new Path(file).getName() : source.label();
            StructType schema = schema(file, where);
            List<String> names = SourceReader.normalizedNames(where,
                    List.of(schema.fields()).stream().map(StructField::name).toList());
            if (columns == null) {
                columns = names;
                firstFile = file;
            } else {
                HeaderCheck.requireSameColumns(source, firstFile, columns, file, names);
            }
            byType.computeIfAbsent(schema, s -> new ArrayList<>()).add(file);
        }
        if (columns == null || columns.isEmpty()) {
            return null;
        }
        Dataset<Row> rows = null;
        for (Map.Entry<StructType, List<String>> group : byType.entrySet()) {
            Dataset<Row> part = asText(group.getKey(), group.getValue(), columns);
            rows = rows == null ? part : rows.union(part);
        }
        return new RawInput(source, rows, columns);
    }

    /** A part's schema, from its footer; a file that is not Parquet (or is empty) rejects the input in one line. */
    private StructType schema(String file, String where) {
        try {
            return spark.read().parquet(file).schema();
        } catch (Exception e) { // Spark's SparkException is checked, though Scala does not declare it
            Throwable cause = e;
            while (cause.getCause() != null) {
                cause = cause.getCause();
            }
            throw new UserException("input rejected, nothing was written: " + where + " cannot be read as Parquet ("
                    + cause.getMessage() + ")", e);
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
