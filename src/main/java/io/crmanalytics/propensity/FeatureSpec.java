package io.crmanalytics.propensity;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.when;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The feature layout of a model: numeric columns with the training mean that stands in for a missing value, and
 * categorical columns with the levels frequent enough to get their own one-hot slot (rarer and unseen levels share
 * an {@code other} slot, a missing value has its own {@code missing} slot). Learned from the training rows only and
 * saved inside the model, so scoring (in any process, on any executor) encodes a row exactly as training did.
 *
 * <p>The encoded vector is: every numeric column in order, then per categorical column its levels, other, missing.
 */
public record FeatureSpec(@JsonProperty("numeric") List<String> numeric, @JsonProperty("means") List<Double> means,
                          @JsonProperty("levels") Map<String, List<String>> levels) implements Serializable {

    /** A level needs this many training rows (and this share of them) to get its own slot. */
    static final long MIN_LEVEL_ROWS = 10;
    static final double MIN_LEVEL_SHARE = 0.005;
    /** More levels than this are bucketed into "other" even when frequent: keeps the vector small. */
    static final int MAX_LEVELS = 40;
    static final String OTHER = "other";
    static final String MISSING = "missing";

    public FeatureSpec {
        numeric = List.copyOf(numeric);
        means = List.copyOf(means);
        levels = new LinkedHashMap<>(levels);
        if (means.size() != numeric.size()) {
            throw new IllegalArgumentException("one mean per numeric column");
        }
    }

    public List<String> strings() {
        return new ArrayList<>(levels.keySet());
    }

    /**
     * Learns the spec from training rows in two queries (one aggregate, one for the categorical levels): drops
     * columns missing on every row (nothing to learn), keeps the frequent levels, takes the numeric means.
     */
    public static FeatureSpec learn(Dataset<Row> rows, List<String> numericCandidates, List<String> categoricalCandidates) {
        List<Column> aggregates = new ArrayList<>();
        aggregates.add(count(lit(1)));
        for (String name : numericCandidates) {
            aggregates.add(count(col(quote(name))));
            aggregates.add(avg(expr("TRY_CAST(" + quote(name) + " AS DOUBLE)")));
        }
        for (String name : categoricalCandidates) {
            aggregates.add(count(col(quote(name))));
        }
        Row stats = rows.agg(aggregates.get(0), aggregates.subList(1, aggregates.size()).toArray(Column[]::new)).first();
        long total = stats.getLong(0);
        List<String> numeric = new ArrayList<>();
        List<Double> means = new ArrayList<>();
        int at = 1;
        for (String name : numericCandidates) {
            boolean present = stats.getLong(at) > 0 && !stats.isNullAt(at + 1);
            if (present) {
                numeric.add(name);
                means.add(stats.getDouble(at + 1));
            }
            at += 2;
        }
        long minRows = Math.max(MIN_LEVEL_ROWS, (long) Math.ceil(total * MIN_LEVEL_SHARE));
        List<String> present = new ArrayList<>();
        for (String name : categoricalCandidates) {
            if (stats.getLong(at++) > 0) {
                present.add(name);
            }
        }
        Map<String, List<String>> levels = new LinkedHashMap<>();
        List<List<String>> frequent = frequentLevels(rows, present, minRows);
        for (int i = 0; i < present.size(); i++) {
            levels.put(present.get(i), frequent.get(i));
        }
        return new FeatureSpec(numeric, means, levels);
    }

    /**
     * Every column's levels seen on at least {@code minRows} rows, in the order of {@code names}, most frequent
     * first (ties by the level's text), at most {@value #MAX_LEVELS}. One query for all columns: each row gives one
     * (column, level) pair per non-missing cell. A query per column cost a Spark job each, seconds apiece on a small
     * table (25 of them were most of `crm propensity train` on a 6,000 x 85 table). The pairs that come back are
     * bounded by the share rule: at most 1 / {@value #MIN_LEVEL_SHARE} per column.
     */
    private static List<List<String>> frequentLevels(Dataset<Row> rows, List<String> names, long minRows) {
        if (names.isEmpty()) {
            return List.of();
        }
        StructType schema = rows.schema();
        Column[] pairs = new Column[names.size()];
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            pairs[i] = when(col(quote(name)).isNotNull(),
                    struct(lit(i).as("c"), levelText(name, schema.apply(name).dataType()).as("v")));
        }
        List<Row> counted = rows.select(explode(array(pairs)).as("p")).where(col("p").isNotNull())
                .groupBy(col("p.c").as("c"), col("p.v").as("v")).count().where(col("count").geq(minRows))
                .collectAsList();
        // Spark's order for the ties: its strings compare as UTF-8 bytes.
        Comparator<Row> order = Comparator.<Row>comparingLong(r -> -r.getLong(2))
                .thenComparing((a, b) -> Arrays.compareUnsigned(a.getString(1).getBytes(StandardCharsets.UTF_8),
                        b.getString(1).getBytes(StandardCharsets.UTF_8)));
        List<List<String>> byColumn = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            int column = i;
            byColumn.add(counted.stream().filter(r -> r.getInt(0) == column).sorted(order).limit(MAX_LEVELS)
                    .map(r -> r.getString(1)).toList());
        }
        return byColumn;
    }

    /** A value's level text in Spark, the same text {@link #levelOf} gives on the JVM (3.0 and 3 are both "3"). */
    private static Column levelText(String name, DataType type) {
        String q = quote(name);
        if (type instanceof NumericType) {
            return expr("CASE WHEN " + q + " = FLOOR(" + q + ") THEN CAST(CAST(" + q + " AS BIGINT) AS STRING) ELSE CAST("
                    + q + " AS STRING) END");
        }
        return col(q).cast("string");
    }

    static String levelOf(Object value) {
        if (value instanceof Number n && !(value instanceof java.math.BigDecimal)) {
            double d = n.doubleValue();
            return d == Math.floor(d) && !Double.isInfinite(d) ? Long.toString((long) d) : value.toString();
        }
        if (value instanceof java.math.BigDecimal b) {
            return b.stripTrailingZeros().scale() <= 0 ? b.toBigInteger().toString() : b.toPlainString();
        }
        return value.toString();
    }

    /** Length of the encoded vector. */
    @JsonIgnore
    public int width() {
        int w = numeric.size();
        for (List<String> kept : levels.values()) {
            w += kept.size() + 2;
        }
        return w;
    }

    /** Readable names of the encoded positions: {@code balance}, {@code job=retired}, {@code job=other}. */
    @JsonIgnore
    public List<String> names() {
        List<String> names = new ArrayList<>(numeric);
        for (Map.Entry<String, List<String>> e : levels.entrySet()) {
            for (String level : e.getValue()) {
                names.add(e.getKey() + "=" + level);
            }
            names.add(e.getKey() + "=" + OTHER);
            names.add(e.getKey() + "=" + MISSING);
        }
        return names;
    }

    /** Which encoded positions are one-hot slots (the rest are numbers). */
    @JsonIgnore
    public boolean[] oneHot() {
        boolean[] out = new boolean[width()];
        for (int i = numeric.size(); i < out.length; i++) {
            out[i] = true;
        }
        return out;
    }

    /**
     * Where each spec column sits in a row schema (names matched case-insensitively, as everywhere in crm), -1 when
     * the schema lacks it: numeric columns first, then categorical, as in {@link #encode}.
     */
    public int[] positions(StructType schema) {
        List<String> all = new ArrayList<>(numeric);
        all.addAll(levels.keySet());
        int[] out = new int[all.size()];
        StructField[] fields = schema.fields();
        for (int i = 0; i < all.size(); i++) {
            out[i] = -1;
            for (int j = 0; j < fields.length; j++) {
                if (fields[j].name().equals(all.get(i))) {
                    out[i] = j;
                    break;
                }
                if (out[i] < 0 && fields[j].name().equalsIgnoreCase(all.get(i))) {
                    out[i] = j;
                }
            }
        }
        return out;
    }

    /** The encoded vector of one row; {@code positions} from {@link #positions} for the row's schema. */
    public double[] encode(Row row, int[] positions) {
        double[] x = new double[width()];
        int n = numeric.size();
        for (int i = 0; i < n; i++) {
            double v = positions[i] < 0 ? Double.NaN : number(row.get(positions[i]));
            x[i] = Double.isNaN(v) || Double.isInfinite(v) ? means.get(i) : v;
        }
        int slot = n;
        int c = n;
        for (List<String> kept : levels.values()) {
            Object value = positions[c] < 0 ? null : row.get(positions[c]);
            int index;
            if (value == null) {
                index = kept.size() + 1;
            } else {
                index = kept.indexOf(levelOf(value));
                index = index < 0 ? kept.size() : index;
            }
            x[slot + index] = 1.0;
            slot += kept.size() + 2;
            c++;
        }
        return x;
    }

    /** A number from any cell: numbers as they are, booleans 1/0, text parsed (not a number: missing). */
    private static double number(Object value) {
        if (value == null) {
            return Double.NaN;
        }
        if (value instanceof Number n) {
            return n.doubleValue();
        }
        if (value instanceof Boolean b) {
            return b ? 1.0 : 0.0;
        }
        String text = value.toString().trim().toLowerCase(Locale.ROOT);
        switch (text) {
            case "true", "yes" -> {
                return 1.0;
            }
            case "false", "no" -> {
                return 0.0;
            }
            default -> {
                try {
                    return Double.parseDouble(text);
                } catch (NumberFormatException e) {
                    return Double.NaN;
                }
            }
        }
    }

    /** Backtick-quotes a column name so names with dots or spaces work in Spark expressions. */
    static String quote(String name) {
        return "`" + name.replace("`", "``") + "`";
    }
}
