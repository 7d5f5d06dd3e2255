package io.crmanalytics.ingest;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.is_valid_utf8;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.monotonically_increasing_id;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.to_json;
import static org.apache.spark.sql.functions.when;

import io.crmanalytics.core.UserException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
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
    private static final String CORRUPT = "_corrupt_record";

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
        String[] files = source.files().toArray(String[]::new);
        Dataset<Row> frame = switch (source.format()) {
            case JSON -> json(files);
            case PARQUET -> spark.read().parquet(files);
            case CSV -> throw new IllegalStateException("CSV is read above");
        };
        boolean corrupt = Arrays.asList(frame.columns()).contains(CORRUPT);
        List<StructField> fields = Arrays.stream(frame.schema().fields())
                .filter(f -> !f.name().equals(CORRUPT)).toList();
        if (fields.isEmpty()) {
            return empty(source); // a 0-byte file has not even a header
        }
        List<String> names = normalizedNames(source.label(), fields.stream().map(StructField::name).toList());
        List<Column> columns = new ArrayList<>();
        Column lostText = lit(false);
        for (int i = 0; i < fields.size(); i++) {
            Column value = asString(col("`" + fields.get(i).name().replace("`", "``") + "`"), fields.get(i));
            columns.add(value.as(names.get(i)));
            // A Parquet string (or bytes column) holding bytes that are not UTF-8 arrives here undecoded: stored,
            // every reader would see U+FFFD. The row goes to quarantine, whose column keeps the bytes as they were
            // (`cast(name as binary)` gives them back).
            lostText = lostText.or(coalesce(value.contains("\uFFFD").or(value.contains("\u0000"))
                    .or(not(is_valid_utf8(value))), lit(false)));
        }
        columns.add(col("_metadata.file_path").as(RawInput.SOURCE_FILE));
        // Within one file this grows with the row's position.
        columns.add(monotonically_increasing_id().as(RawInput.POSITION));
        Column raw = corrupt ? col(CORRUPT) : nullString();
        // Spark's JSON parser refuses a line with invalid bytes whole and keeps the line's bytes as they were in
        // the corrupt-record column (read as UTF-8, it is not decoded at all; read in another charset, a byte with
        // no character there is already U+FFFD). Either way the row is bad_encoding, with its exact bytes.
        Column undecodable = raw.isNotNull().and(not(is_valid_utf8(raw)).or(raw.contains("\uFFFD")));
        columns.add(when(undecodable, lit(Rule.BAD_ENCODING)).when(raw.isNotNull(), lit(Rule.MALFORMED_RECORD))
                .when(lostText, lit(Rule.BAD_ENCODING)).as(RawInput.RECORD_RULE));
        columns.add(when(undecodable, lit("not valid " + charset.name()))
                .when(raw.isNotNull(), lit("not a JSON object"))
                .when(lostText, lit("holds bytes that are not UTF-8, a NUL or a U+FFFD character"))
                .as(RawInput.RECORD_DETAIL));
        // Text that is not valid UTF-8 must not reach a string column: its bytes go to the binary column instead.
        columns.add(when(not(undecodable), raw).as(RawInput.RAW_RECORD));
        columns.add(when(undecodable, raw.cast(DataTypes.BinaryType)).as(RawInput.RAW_BYTES));
        Dataset<Row> rows = frame.select(columns.toArray(Column[]::new));
        if (corrupt) {
            // A malformed JSON line has null fields: clear any value Spark salvaged so it is only raw text or bytes.
            List<Column> cleared = new ArrayList<>();
            for (String name : names) {
                cleared.add(when(col(RawInput.RAW_RECORD).isNull().and(col(RawInput.RAW_BYTES).isNull()),
                        BatchClassifier.quoted(name)).as(name));
            }
            for (String internal : List.of(RawInput.SOURCE_FILE, RawInput.POSITION, RawInput.RECORD_RULE,
                    RawInput.RECORD_DETAIL, RawInput.RAW_RECORD, RawInput.RAW_BYTES)) {
                cleared.add(col(internal));
            }
            rows = rows.select(cleared.toArray(Column[]::new));
        }
        return new RawInput(source, rows, names);
    }

    /**
     * Every JSON scalar as its text: "007" and 7 stay what they were, typing is ours. A line that is not a JSON
     * object keeps its text in the corrupt-record column and becomes a malformed_record.
     *
     * <p>A bare number reaches us as its exact text only when Spark hands the line's bytes to the JSON parser,
     * which it does when no {@code encoding} option is set. With the option it decodes the line through a Reader,
     * and the parser re-writes a bare number from a double: {@code 77994478778325.770400} became
     * {@code 77994478778325.77} (IngestRoundTripTest). So UTF-8, the contract's encoding, is left to the parser's
     * own detection; another {@code --encoding} still needs the option (docs/ingest.md says what it costs).
     */
    private Dataset<Row> json(String[] files) {
        var reader = spark.read().option("primitivesAsString", "true").option("mode", "PERMISSIVE")
                .option("columnNameOfCorruptRecord", CORRUPT)
                // Spark needs the line separator spelled out for any encoding but UTF-8.
                .option("lineSep", "\n");
        if (!charset.equals(StandardCharsets.UTF_8)) {
            reader = reader.option("encoding", charset.name());
        }
        return reader.json(files);
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

    /** Header names trimmed and lower-cased (a UTF-8 byte order mark is not part of the first name). */
    static List<String> normalizedNames(String where, List<String> header) {
        List<String> names = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String raw : header) {
            String name = raw.replace("\uFEFF", "").strip().toLowerCase(Locale.ROOT);
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
