package io.crmanalytics.ingest;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.to_json;

import io.crmanalytics.core.UserException;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Reads a source into {@link RawInput}: every value a string, exactly as given, so that bronze keeps the raw
 * input and a rejected row can be quarantined whole. Typing happens later, in Spark SQL expressions. CSV is read
 * by {@link CsvReader}, JSON Lines by {@link JsonLinesReader}, Parquet by {@link ParquetReader}.
 */
final class SourceReader {
    private final SparkSession spark;
    private final Charset charset;

    SourceReader(SparkSession spark, Charset charset) {
        this.spark = spark;
        this.charset = charset;
    }

    RawInput read(EntitySource source) {
        if (source.files().isEmpty()) {
            return empty(source);
        }
        if (source.format() == SourceFormat.CSV) {
            RawInput csv = new CsvReader(spark, charset).read(source);
            return csv == null ? empty(source) : csv;
        }
        if (source.format() == SourceFormat.JSON) {
            return new JsonLinesReader(spark, charset).read(source);
        }
        RawInput parquet = new ParquetReader(spark).read(source);
        return parquet == null ? empty(source) : parquet;
    }

    /** A value holding U+FFFD (text already lost by an earlier tool) or NUL: never stored as silver text. */
    static Column lostText(Column value) {
        return coalesce(value.contains("\uFFFD").or(value.contains("\u0000")), lit(false));
    }

    private RawInput empty(EntitySource source) {
        StructType schema = new StructType()
                .add(RawInput.SOURCE_FILE, DataTypes.StringType)
                .add(RawInput.POSITION, DataTypes.LongType)
                .add(RawInput.RECORD_RULE, DataTypes.StringType)
                .add(RawInput.RECORD_DETAIL, DataTypes.StringType)
                .add(RawInput.RAW_RECORD, DataTypes.StringType)
                .add(RawInput.RAW_BYTES, DataTypes.BinaryType);
        return new RawInput(source, spark.createDataFrame(List.of(), schema), List.of());
    }

    /** A header name or JSON key as a column name: trimmed and lower-cased, a byte order mark dropped. */
    static String normalizedName(String raw) {
        return raw.replace("\uFEFF", "").strip().toLowerCase(Locale.ROOT);
    }

    /** Header names trimmed and lower-cased (a UTF-8 byte order mark is not part of the first name). */
    static List<String> normalizedNames(String where, List<String> header) {
        List<String> names = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String raw : header) {
            String name = normalizedName(raw);
            if (name.isEmpty()) {
                throw new UserException("input rejected, nothing was written: " + where
                        + ": a column has an empty header name");
            }
            if (!seen.add(name)) {
                throw new UserException("input rejected, nothing was written: " + where + ": column '" + name
                        + "' appears twice in the header");
            }
            names.add(name);
        }
        return names;
    }

    /** A Parquet or JSON value as text. Timestamps carry their offset so the instant survives re-parsing. */
    static Column asString(Column value, StructField field) {
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
