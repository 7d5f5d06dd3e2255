package io.crmanalytics.propensity;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.desc;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Which columns of a feature table a model uses: numeric columns as they are, string columns with the levels
 * frequent enough to get their own one-hot slot (the rest share one "other" slot). Learned from the training
 * rows only and saved with the model, so scoring sees exactly the training layout.
 */
public record FeatureSpec(@JsonProperty("numeric") List<String> numeric,
                          @JsonProperty("levels") Map<String, List<String>> levels) {

    /** A level needs this many training rows (and this share of them) to get its own slot. */
    static final long MIN_LEVEL_ROWS = 10;
    static final double MIN_LEVEL_SHARE = 0.005;
    /** More levels than this are bucketed into "other" even when frequent: keeps the vector small. */
    static final int MAX_LEVELS = 40;

    public FeatureSpec {
        numeric = List.copyOf(numeric);
        levels = new LinkedHashMap<>(levels);
    }

    public List<String> strings() {
        return new ArrayList<>(levels.keySet());
    }

    /**
     * Learns the spec from training rows: drops columns that are missing on every row (nothing to learn, and
     * the imputer could not fill them) and keeps the frequent levels of each string column.
     */
    public static FeatureSpec learn(Dataset<Row> rows, List<String> numericCandidates, List<String> stringCandidates) {
        List<String> all = new ArrayList<>(numericCandidates);
        all.addAll(stringCandidates);
        List<String> numeric = new ArrayList<>();
        List<String> strings = new ArrayList<>();
        long total;
        if (all.isEmpty()) {
            total = rows.count();
        } else {
            List<Column> counts = new ArrayList<>();
            counts.add(count(org.apache.spark.sql.functions.lit(1)));
            for (String name : all) {
                counts.add(count(col(quote(name))));
            }
            Row present = rows.agg(counts.get(0), counts.subList(1, counts.size()).toArray(Column[]::new)).first();
            total = present.getLong(0);
            for (int i = 0; i < all.size(); i++) {
                if (present.getLong(i + 1) > 0) {
                    (i < numericCandidates.size() ? numeric : strings).add(all.get(i));
                }
            }
        }
        long minRows = Math.max(MIN_LEVEL_ROWS, (long) Math.ceil(total * MIN_LEVEL_SHARE));
        Map<String, List<String>> levels = new LinkedHashMap<>();
        for (String name : strings) {
            List<String> kept = new ArrayList<>();
            for (Row r : rows.where(col(quote(name)).isNotNull()).groupBy(col(quote(name)).cast("string").as("v"))
                    .count().where(col("count").geq(minRows)).orderBy(desc("count"), col("v"))
                    .limit(MAX_LEVELS).collectAsList()) {
                kept.add(r.getString(0));
            }
            levels.put(name, kept);
        }
        return new FeatureSpec(numeric, levels);
    }

    /** Backtick-quotes a column name so names with dots or spaces work in Spark expressions. */
    static String quote(String name) {
        return "`" + name.replace("`", "``") + "`";
    }
}
