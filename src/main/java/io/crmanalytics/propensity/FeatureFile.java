package io.crmanalytics.propensity;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.when;

import io.crmanalytics.core.UserException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.BooleanType;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructField;

/**
 * A bring-your-own feature table: a CSV file with a header (types inferred) or Parquet (a file or a folder of
 * part files). Column names are matched case-insensitively, as everywhere in crm.
 */
final class FeatureFile {
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
     * Adds {@code label} as 1.0/0.0 from 1/0, true/false, yes/no (any case); a row with an empty label is
     * dropped, any other value is an error naming it.
     */
    static Dataset<Row> withLabel(Dataset<Row> table, String labelColumn) {
        // The text goes to its own column first: the label column itself may be called "label".
        Dataset<Row> withText = table.withColumn("__label_text",
                lower(trim(col(FeatureSpec.quote(labelColumn)).cast("string"))));
        org.apache.spark.sql.Column text = col("__label_text");
        org.apache.spark.sql.Column label = when(text.isin("1", "1.0", "true", "yes", "y"), 1.0)
                .when(text.isin("0", "0.0", "false", "no", "n"), 0.0);
        Dataset<Row> labelled = withText.withColumn("__label", label);
        List<Row> bad = labelled.where(col("__label").isNull().and(text.isNotNull()).and(text.notEqual("")))
                .select(text).distinct().limit(3).collectAsList();
        if (!bad.isEmpty()) {
            List<String> values = bad.stream().map(r -> "'" + r.getString(0) + "'").toList();
            throw new UserException("label column '" + labelColumn + "' must hold 0/1, true/false or yes/no; found "
                    + String.join(", ", values));
        }
        return labelled.where(col("__label").isNotNull()).withColumn(ModelSearch.LABEL, col("__label"))
                .drop("__label", "__label_text");
    }

    /** The columns usable as features: numbers and booleans as numeric, strings as categorical. */
    static List<List<String>> featureColumns(Dataset<Row> table, List<String> exclude) {
        List<String> numeric = new ArrayList<>();
        List<String> strings = new ArrayList<>();
        for (StructField f : table.schema().fields()) {
            if (exclude.contains(f.name())) {
                continue;
            }
            if (f.dataType() instanceof NumericType || f.dataType() instanceof BooleanType) {
                numeric.add(f.name());
            } else if (f.dataType() instanceof StringType) {
                strings.add(f.name());
            }
        }
        return List.of(numeric, strings);
    }
}
