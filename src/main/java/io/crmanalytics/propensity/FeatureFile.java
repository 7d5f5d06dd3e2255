package io.crmanalytics.propensity;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.count_if;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.when;

import io.crmanalytics.core.UserException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.BooleanType;
import org.apache.spark.sql.types.IntegralType;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructField;

/**
 * A bring-your-own feature table: a CSV file with a header (types inferred) or Parquet (a file or a folder of
 * part files). Column names are matched case-insensitively, as everywhere in crm.
 */
final class FeatureFile {
    /** The 0/1 label column {@link #withLabel} adds. */
    static final String LABEL = "label";

    private FeatureFile() {
    }

    static Dataset<Row> read(SparkSession spark, String file) {
        Path path = new Path(file);
        String lower = file.toLowerCase(Locale.ROOT);
        try {
            FileSystem fs = path.getFileSystem(spark.sparkContext().hadoopConfiguration());
            if (!fs.exists(path)) {
                throw new UserException("feature file not found: " + file);
            }
            FileStatus status = fs.getFileStatus(path);
            if (lower.endsWith(".csv") || lower.endsWith(".csv.gz")) {
                return spark.read().option("header", "true").option("inferSchema", "true")
                        .option("mode", "FAILFAST").csv(file);
            }
            if (lower.endsWith(".parquet") || status.isDirectory()) {
                return spark.read().parquet(file);
            }
        } catch (IOException e) {
            throw new UserException("cannot read feature file " + file + ": " + e.getMessage(), e);
        }
        throw new UserException("feature file " + file + " is neither .csv nor .parquet");
    }

    /** The table's actual name for a column given in any case, or a one-line error listing the columns. */
    static String column(Dataset<Row> table, String wanted, String option) {
        for (String c : table.columns()) {
            if (c.equalsIgnoreCase(wanted)) {
                return c;
            }
        }
        throw new UserException(option + " '" + wanted + "' is not a column of the feature file (columns: "
                + String.join(", ", table.columns()) + ")");
    }

    /**
     * Adds {@code label} as 1.0/0.0 from 1/0, true/false, yes/no (any case) and drops the rows with an empty label.
     * Run {@link #inspect} first: it refuses a table whose label column holds anything else.
     */
    static Dataset<Row> withLabel(Dataset<Row> table, String labelColumn) {
        // The value goes to its own column first: the label column itself may be called "label".
        Dataset<Row> labelled = table.withColumn("__label", labelValue(labelText(labelColumn)));
        return labelled.where(col("__label").isNotNull()).withColumn(LABEL, col("__label")).drop("__label");
    }

    private static org.apache.spark.sql.Column labelText(String labelColumn) {
        return lower(trim(col(FeatureSpec.quote(labelColumn)).cast("string")));
    }

    /** 1.0 or 0.0 for a label text {@link #withLabel} reads, null for anything else. */
    private static org.apache.spark.sql.Column labelValue(org.apache.spark.sql.Column text) {
        return when(text.isin("1", "1.0", "true", "yes", "y"), 1.0).when(text.isin("0", "0.0", "false", "no", "n"), 0.0);
    }

    /** A label text that is neither empty nor one {@link #withLabel} reads. */
    private static org.apache.spark.sql.Column unreadable(org.apache.spark.sql.Column text) {
        return labelValue(text).isNull().and(text.isNotNull()).and(text.notEqual(""));
    }

    /**
     * How each column of a bring-your-own table is used. {@code codes} are integer columns with few distinct
     * values, which may be categories (a customer-type code, a region number, an income band) or small counts
     * (calls to the service line): undeclared, they are read both as a number and as a category.
     */
    record Columns(List<String> numeric, List<String> categorical, Map<String, Long> codes, List<String> declared,
                   List<String> skipped, long labelledRows) {
    }

    /** An integer column with this many distinct values or fewer (and at least 3) is read as a code. */
    static final int MAX_CODE_LEVELS = 20;

    /**
     * How each column is used, and how many rows carry a label, from one pass over the table (each Spark job costs
     * seconds on a small table, so the label's check and count ride along with the code detection). Numbers and
     * booleans are numeric, strings categorical, integer columns with 3 to {@value #MAX_CODE_LEVELS} distinct values
     * both (codes); {@code categorical} / {@code numeric} (names in any case) override that. A label that is neither
     * empty nor 0/1, true/false, yes/no is an error naming up to three such values.
     */
    static Columns inspect(Dataset<Row> table, String labelColumn, List<String> exclude, List<String> categorical,
                           List<String> numeric) {
        List<String> declaredCategorical = new ArrayList<>();
        for (String c : categorical) {
            declaredCategorical.add(column(table, c, "--categorical"));
        }
        List<String> declaredNumeric = new ArrayList<>();
        for (String c : numeric) {
            String name = column(table, c, "--numeric");
            if (declaredCategorical.contains(name)) {
                throw new UserException("column '" + name + "' is given both as --categorical and --numeric");
            }
            declaredNumeric.add(name);
        }
        List<String> integers = new ArrayList<>();
        for (StructField f : table.schema().fields()) {
            if (!exclude.contains(f.name()) && f.dataType() instanceof IntegralType
                    && !declaredCategorical.contains(f.name()) && !declaredNumeric.contains(f.name())) {
                integers.add(f.name());
            }
        }
        org.apache.spark.sql.Column text = labelText(labelColumn);
        List<org.apache.spark.sql.Column> aggregates = new ArrayList<>();
        aggregates.add(count_if(labelValue(text).isNotNull()));
        aggregates.add(count_if(unreadable(text)));
        // Counting stops mattering above the threshold, so an approximate count would do, but an exact one on a
        // table that fits a model search is cheap.
        integers.forEach(c -> aggregates.add(countDistinct(col(FeatureSpec.quote(c)))));
        Row counts = table.agg(aggregates.get(0), aggregates.subList(1, aggregates.size())
                .toArray(org.apache.spark.sql.Column[]::new)).first();
        if (counts.getLong(1) > 0) {
            List<String> values = table.where(unreadable(text)).select(text).distinct().limit(3).collectAsList()
                    .stream().map(r -> "'" + r.getString(0) + "'").toList();
            throw new UserException("label column '" + labelColumn + "' must hold 0/1, true/false or yes/no; found "
                    + String.join(", ", values));
        }
        Map<String, Long> codes = new LinkedHashMap<>();
        for (int i = 0; i < integers.size(); i++) {
            long n = counts.getLong(2 + i);
            if (n >= 3 && n <= MAX_CODE_LEVELS) {
                codes.put(integers.get(i), n);
            }
        }
        List<String> numericOut = new ArrayList<>();
        List<String> categoricalOut = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (StructField f : table.schema().fields()) {
            String name = f.name();
            if (exclude.contains(name)) {
                continue;
            }
            if (codes.containsKey(name)) {
                // A detected code may as well be a small count (service calls 0-9): it is read both ways, so a
                // tree can split it in order or single out a level, and a linear model gets a trend and a step.
                numericOut.add(name);
                categoricalOut.add(name);
            } else if (declaredCategorical.contains(name)) {
                categoricalOut.add(name);
            } else if (declaredNumeric.contains(name) || f.dataType() instanceof NumericType
                    || f.dataType() instanceof BooleanType) {
                numericOut.add(name);
            } else if (f.dataType() instanceof StringType) {
                categoricalOut.add(name);
            } else {
                skipped.add(name);
            }
        }
        List<String> declared = new ArrayList<>(declaredCategorical);
        declared.addAll(declaredNumeric);
        return new Columns(numericOut, categoricalOut, codes, declared, skipped, counts.getLong(0));
    }
}
