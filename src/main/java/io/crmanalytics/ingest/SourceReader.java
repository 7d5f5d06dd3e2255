package io.crmanalytics.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.monotonically_increasing_id;
import static org.apache.spark.sql.functions.to_json;

import io.crmanalytics.core.UserException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Reads a source into {@link RawInput}: every value a string, exactly as given, so that bronze keeps the raw
 * input and a rejected row can be quarantined whole. Typing happens later, in Spark SQL expressions.
 */
final class SourceReader {
    private final SparkSession spark;

    SourceReader(SparkSession spark) {
        this.spark = spark;
    }

    RawInput read(EntitySource source) {
        if (source.files().isEmpty()) {
            return empty(source);
        }
        String[] files = source.files().toArray(String[]::new);
        Dataset<Row> frame = switch (source.format()) {
            case CSV -> spark.read()
                    .option("header", "true")
                    // Quoted fields may hold line breaks; RFC 4180 escapes a quote by doubling it.
                    .option("multiLine", "true")
                    .option("quote", "\"")
                    .option("escape", "\"")
                    .option("encoding", "UTF-8")
                    .option("mode", "PERMISSIVE")
                    .csv(files);
            // Every JSON scalar as its text: "007" and 7 stay what they were, typing is ours.
            case JSON -> spark.read().option("primitivesAsString", "true").option("mode", "PERMISSIVE").json(files);
            case PARQUET -> spark.read().parquet(files);
        };
        if (frame.columns().length == 0) {
            return empty(source); // a 0-byte CSV has not even a header
        }
        List<String> names = normalizedNames(source, frame.schema());
        List<Column> columns = new ArrayList<>();
        StructField[] fields = frame.schema().fields();
        for (int i = 0; i < fields.length; i++) {
            columns.add(asString(col("`" + fields[i].name().replace("`", "``") + "`"), fields[i]).as(names.get(i)));
        }
        columns.add(col("_metadata.file_path").as(RawInput.SOURCE_FILE));
        // Within one file this grows with the row's position (a CSV file is one partition in multiLine mode).
        columns.add(monotonically_increasing_id().as(RawInput.POSITION));
        return new RawInput(source, frame.select(columns.toArray(Column[]::new)), names);
    }

    private RawInput empty(EntitySource source) {
        StructType schema = new StructType()
                .add(RawInput.SOURCE_FILE, DataTypes.StringType)
                .add(RawInput.POSITION, DataTypes.LongType);
        return new RawInput(source, spark.createDataFrame(List.of(), schema), List.of());
    }

    /** Header names trimmed and lower-cased (a UTF-8 byte order mark is not part of the first name). */
    private static List<String> normalizedNames(EntitySource source, StructType schema) {
        List<String> names = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String raw : schema.fieldNames()) {
            String name = raw.replace("\uFEFF", "").strip().toLowerCase(Locale.ROOT);
            if (name.isEmpty()) {
                throw new UserException(source.label() + ": a column has an empty header name");
            }
            if (!seen.add(name)) {
                throw new UserException(source.label() + ": column '" + name + "' appears twice in the header");
            }
            names.add(name);
        }
        return names;
    }

    /** A Parquet or JSON value as text. Timestamps carry their offset so the instant survives re-parsing. */
    private static Column asString(Column value, StructField field) {
        if (field.dataType() instanceof StructType || field.dataType() instanceof ArrayType
                || field.dataType() instanceof MapType) {
            return to_json(value);
        }
        if (field.dataType().equals(DataTypes.TimestampType)) {
            return date_format(value, "yyyy-MM-dd'T'HH:mm:ss.SSSSSSXXX");
        }
        if (field.dataType().equals(DataTypes.StringType)) {
            return value;
        }
        return value.cast(DataTypes.StringType);
    }

    static Column nullString() {
        return lit(null).cast(DataTypes.StringType);
    }
}
