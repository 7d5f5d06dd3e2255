package io.crmanalytics.propensity;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.desc;
import static org.apache.spark.sql.functions.expr;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.Serializable;
import java.util.ArrayList;
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
     * Learns the spec from training rows in one aggregate plus one small query per categorical column: drops
     * columns missing on every row (nothing to learn), keeps the frequent levels, takes the numeric means.
     */
    public static FeatureSpec learn(Dataset<Row> rows, List<String> numericCandidates, List<String> categoricalCandidates) {
        List<Column> aggregates = new ArrayList<>();
        aggregates.add(count(org.apache.spark.sql.functions.lit(1)));
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
        Map<String, List<String>> levels = new LinkedHashMap<>();
        StructType schema = rows.schema();
        for (String name : categoricalCandidates) {
            if (stats.getLong(at++) == 0) {
                continue;
            }
            Column level = levelText(name, schema.apply(name).dataType());
            List<String> kept = new ArrayList<>();
            for (Row r : rows.where(col(quote(name)).isNotNull()).groupBy(level.as("v")).count()
                    .where(col("count").geq(minRows)).orderBy(desc("count"), col("v")).limit(MAX_LEVELS)
                    .collectAsList()) {
                kept.add(r.getString(0));
            }
            levels.put(name, kept);
        }
        return new FeatureSpec(numeric, means, levels);
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
