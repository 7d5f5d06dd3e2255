package io.crmanalytics.ingest;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.from_json;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.monotonically_increasing_id;
import static org.apache.spark.sql.functions.udf;
import static org.apache.spark.sql.functions.when;

import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Reads JSON Lines sources so that every non-blank physical line becomes exactly one row: Spark reads the lines
 * as bytes, {@link JsonLine} judges each one (one object, malformed, or not text), and Spark's JSON parser then
 * reads the objects, every scalar as text ("007" and 7 stay what they were; typing is ours). The columns are
 * the union of the objects' keys, found by Spark's schema inference over the same lines.
 */
final class JsonLinesReader {
    private static final String BYTES = "_line_bytes";
    private static final String JUDGED = "_line";
    /** A "__" name, which no input column may have (HeaderCheck), so a key "_corrupt_record" is a column like any. */
    private static final String CORRUPT = "__corrupt_record";
    private static final StructType JUDGED_TYPE = new StructType()
            .add("kind", DataTypes.StringType)
            .add("json", DataTypes.StringType)
            .add("text", DataTypes.StringType)
            .add("detail", DataTypes.StringType);

    private final SparkSession spark;
    private final Charset charset;

    JsonLinesReader(SparkSession spark, Charset charset) {
        this.spark = spark;
        this.charset = charset;
    }

    RawInput read(EntitySource source) {
        UserDefinedFunction judge = udf(new Judge(charset.name()), JUDGED_TYPE);
        // The text source hands each line over as its bytes, undecoded; "\n" ends a line in any encoding we take
        // (ASCII-compatible), and a CR before it is white space to JSON.
        Dataset<Row> lines = spark.read().option("lineSep", "\n").text(source.files().toArray(String[]::new))
                .select(col("value").cast(DataTypes.BinaryType).as(BYTES),
                        col("_metadata.file_path").as(RawInput.SOURCE_FILE),
                        // Within one file this grows with the line's position.
                        monotonically_increasing_id().as(RawInput.POSITION))
                .select(col(BYTES), col(RawInput.SOURCE_FILE), col(RawInput.POSITION),
                        judge.apply(col(BYTES)).as(JUDGED))
                .where(col(JUDGED + ".kind").notEqual(lit(JsonLine.Kind.BLANK.name())));
        Column kind = col(JUDGED + ".kind");
        Column json = col(JUDGED + ".json");

        List<StructField> fields = Arrays.stream(spark.read().option("primitivesAsString", "true")
                        .option("columnNameOfCorruptRecord", CORRUPT)
                        .json(lines.where(kind.equalTo(lit(JsonLine.Kind.OBJECT.name()))).select(json)
                                .as(Encoders.STRING()))
                        .schema().fields())
                .filter(f -> !f.name().equals(CORRUPT)).toList();
        if (fields.isEmpty() && !lines.isEmpty()) {
            // Lines, but not one object with a key: there is no header to learn the columns from, so the lines
            // are the contract's columns, all malformed (or not text), and are quarantined, not taken for an
            // empty file.
            fields = source.entity().columns().stream()
                    .map(c -> DataTypes.createStructField(c.name(), DataTypes.StringType, true)).toList();
        }
        List<String> names = SourceReader.normalizedNames(source.label(),
                fields.stream().map(StructField::name).toList());
        StructType schema = new StructType(fields.toArray(StructField[]::new)).add(CORRUPT, DataTypes.StringType);
        Column parsed = from_json(json, schema, Map.of("mode", "PERMISSIVE", "columnNameOfCorruptRecord", CORRUPT));

        Column undecodable = kind.equalTo(lit(JsonLine.Kind.UNDECODABLE.name()));
        // JsonLine accepts only what Spark's parser accepts, so a refused object is not expected; if one comes, it
        // is still one row, malformed, and not a row of nulls.
        Column malformed = kind.equalTo(lit(JsonLine.Kind.MALFORMED.name()))
                .or(kind.equalTo(lit(JsonLine.Kind.OBJECT.name())).and(parsed.getField(CORRUPT).isNotNull()));
        Column whole = undecodable.or(malformed);
        List<Column> columns = new ArrayList<>();
        Column lostText = lit(false);
        for (int i = 0; i < fields.size(); i++) {
            Column value = SourceReader.asString(parsed.getField(fields.get(i).name()), fields.get(i));
            columns.add(when(whole.unary_$bang(), value).as(names.get(i)));
            lostText = lostText.or(SourceReader.lostText(value));
        }
        columns.add(col(RawInput.SOURCE_FILE));
        columns.add(col(RawInput.POSITION));
        columns.add(when(undecodable, lit(Rule.BAD_ENCODING)).when(malformed, lit(Rule.MALFORMED_RECORD))
                .when(lostText, lit(Rule.BAD_ENCODING)).as(RawInput.RECORD_RULE));
        columns.add(when(whole, coalesce(col(JUDGED + ".detail"), lit("not a JSON object")))
                .when(lostText, lit("holds a NUL or a U+FFFD character")).as(RawInput.RECORD_DETAIL));
        columns.add(when(malformed, col(JUDGED + ".text")).as(RawInput.RAW_RECORD));
        columns.add(when(undecodable, col(BYTES)).as(RawInput.RAW_BYTES));
        return new RawInput(source, lines.select(columns.toArray(Column[]::new)), names);
    }

    /** {@link JsonLine#judge} as a Spark function of the line's bytes. */
    private static final class Judge implements UDF1<byte[], Row> {
        private final String charsetName;
        private transient Charset charset;

        Judge(String charsetName) {
            this.charsetName = charsetName;
        }

        @Override
        public Row call(byte[] bytes) {
            if (charset == null) {
                charset = Charset.forName(charsetName);
            }
            JsonLine.Judged line = JsonLine.judge(bytes, charset);
            return RowFactory.create(line.kind().name(), line.json(), line.text(), line.detail());
        }
    }
}
