package io.crmanalytics.ingest;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.when;

import io.crmanalytics.contract.Entity;
import io.crmanalytics.contract.Reference;
import io.crmanalytics.warehouse.Layer;
import io.crmanalytics.warehouse.Warehouse;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;

/**
 * Gives every distinct input row its verdict: the first rule it breaks ({@link #RULE}, null when it is
 * accepted) and its typed values. Exact duplicates (identical in every input column) are folded into one row
 * whose {@link #COPIES} counts them, so that rows in = accepted + quarantined + exact duplicates holds by
 * construction. All of it is one Spark plan: no data is brought to the driver.
 */
final class BatchClassifier {
    static final String RULE = "_rule";
    static final String RULE_COLUMN = "_rule_column";
    static final String COPIES = "_copies";
    static final String CUSTOMER_KNOWN = "customer_known";
    /** (source file, position) of the last copy: "last in input order" for the duplicate-key policy. */
    private static final String LAST = "_last";

    private final Warehouse warehouse;

    BatchClassifier(Warehouse warehouse) {
        this.warehouse = warehouse;
    }

    Dataset<Row> classify(Entity entity, RawInput input, RowRules rules) {
        List<Column> rawColumns = new ArrayList<>(input.columns().stream().map(BatchClassifier::quoted).toList());
        // A record without fields is told apart by its raw text or bytes: two different malformed lines are
        // not duplicates of each other.
        rawColumns.addAll(List.of(col(RawInput.RECORD_RULE), col(RawInput.RAW_RECORD), col(RawInput.RAW_BYTES)));
        Dataset<Row> distinct = input.rows()
                .groupBy(rawColumns.toArray(Column[]::new))
                .agg(count(lit(1)).as(COPIES),
                        max(struct(col(RawInput.SOURCE_FILE), col(RawInput.POSITION))).as(LAST),
                        max(col(RawInput.RECORD_DETAIL)).as(RawInput.RECORD_DETAIL));

        List<Column> cleaned = new ArrayList<>(rawColumns);
        cleaned.add(col(RawInput.RECORD_DETAIL));
        cleaned.add(col(LAST + "." + RawInput.SOURCE_FILE).as(RawInput.SOURCE_FILE));
        cleaned.add(col(LAST));
        cleaned.add(col(COPIES));
        for (int i = 0; i < rules.fields().size(); i++) {
            String source = rules.sourceColumns().get(i);
            Column raw = source == null ? SourceReader.nullString() : quoted(source);
            cleaned.add(ValueParsers.clean(raw).as(RowRules.cleanName(rules.fields().get(i).name())));
        }
        Dataset<Row> rows = distinct.select(cleaned.toArray(Column[]::new));
        for (RowRules.Field field : rules.fields()) {
            rows = rows.withColumn(RowRules.typedName(field.name()), field.typed().cast(field.type()));
        }
        // A record that could not be read into fields breaks its record rule before any value rule.
        Column recordRule = col(RawInput.RECORD_RULE);
        rows = rows.withColumn(RULE, when(recordRule.isNotNull(), recordRule).otherwise(firstBroken(rules, true)))
                .withColumn(RULE_COLUMN, when(recordRule.isNotNull(), col(RawInput.RECORD_DETAIL))
                        .otherwise(firstBroken(rules, false)));
        if (!entity.key().isEmpty()) {
            rows = markDuplicateKeys(entity, rows);
        }
        for (Reference reference : entity.references()) {
            rows = checkReference(rows, reference);
        }
        List<Column> out = new ArrayList<>(rawColumns);
        out.add(col(RawInput.SOURCE_FILE));
        out.add(col(COPIES));
        rules.fields().forEach(f -> out.add(col(RowRules.typedName(f.name()))));
        if (entity.references().stream().anyMatch(r -> !r.rejectOrphans())) {
            out.add(col(CUSTOMER_KNOWN));
        }
        out.add(col(RULE));
        out.add(col(RULE_COLUMN));
        return rows.select(out.toArray(Column[]::new));
    }

    /** The first broken check's rule (or its column): one CASE WHEN chain, evaluated in check order. */
    private static Column firstBroken(RowRules rules, boolean ruleName) {
        Column chain = null;
        for (RowRules.Check check : rules.checks()) {
            Column label = lit(ruleName ? check.rule() : check.column());
            chain = chain == null ? when(check.failed(), label) : chain.when(check.failed(), label);
        }
        return chain == null ? SourceReader.nullString() : chain;
    }

    /**
     * Among otherwise valid rows sharing a key, the last in input order (file name, then position in the
     * file) is kept and the others are quarantined as duplicate_key: a later correction in the same export
     * wins, as a later batch does through the MERGE.
     */
    private static Dataset<Row> markDuplicateKeys(Entity entity, Dataset<Row> rows) {
        List<Column> partition = new ArrayList<>();
        entity.key().forEach(k -> partition.add(col(RowRules.typedName(k))));
        partition.add(col(RULE).isNull());
        Column rank = row_number().over(Window.partitionBy(partition.toArray(Column[]::new))
                .orderBy(col(LAST).desc()));
        Column duplicate = col(RULE).isNull().and(rank.gt(1));
        return rows.withColumn("__duplicate", duplicate)
                .withColumn(RULE, when(col("__duplicate"), lit(Rule.DUPLICATE_KEY)).otherwise(col(RULE)))
                .withColumn(RULE_COLUMN, when(col("__duplicate"), lit(String.join("+", entity.key())))
                        .otherwise(col(RULE_COLUMN)))
                .drop("__duplicate");
    }

    /**
     * Looks the reference up in the target's silver table, which already holds this batch's accepted rows
     * because entities are ingested in dependency order. A rejecting reference quarantines orphans; the other
     * kind (an interaction's customer) only sets {@link #CUSTOMER_KNOWN}.
     */
    private Dataset<Row> checkReference(Dataset<Row> rows, Reference reference) {
        String keyColumn = "__ref_" + reference.column();
        String found = "__found_" + reference.column();
        Column value = col(RowRules.typedName(reference.column()));
        Dataset<Row> joined;
        if (warehouse.exists(Layer.SILVER, reference.targetEntity())) {
            Dataset<Row> keys = warehouse.read(Layer.SILVER, reference.targetEntity())
                    .select(col(reference.targetColumn()).as(keyColumn)).distinct()
                    .withColumn(found, lit(true));
            joined = rows.join(keys, value.equalTo(col(keyColumn)), "left").drop(keyColumn);
        } else {
            joined = rows.withColumn(found, lit(null).cast(DataTypes.BooleanType));
        }
        Column known = coalesce(col(found), lit(false));
        if (!reference.rejectOrphans()) {
            return joined.withColumn(CUSTOMER_KNOWN, known).drop(found);
        }
        Column orphan = col(RULE).isNull().and(value.isNotNull()).and(known.unary_$bang());
        return joined
                .withColumn(RULE_COLUMN, when(orphan, lit(reference.column())).otherwise(col(RULE_COLUMN)))
                .withColumn(RULE, when(orphan, lit(Rule.unknown(reference.targetColumn()))).otherwise(col(RULE)))
                .drop(found);
    }

    static Column quoted(String name) {
        return col("`" + name.replace("`", "``") + "`");
    }
}
