package io.crmanalytics.propensity;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.monotonically_increasing_id;

import io.crmanalytics.core.UserException;
import io.crmanalytics.warehouse.AtomicFile;
import io.crmanalytics.warehouse.SafeCsv;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * {@code crm propensity score}: applies a saved bring-your-own model to a feature file and writes one CSV file
 * (not a Spark folder) with the id column and {@code propensity}, one row per input row, in input order.
 * A feature column the file lacks is scored as missing (imputed), an unseen string level as "other".
 */
public final class ByoScoring {
    /** Rows written and the feature columns the file lacked. */
    public record Summary(long rows, List<String> missingColumns) {
    }

    private ByoScoring() {
    }

    public static Summary score(SparkSession spark, String modelDir, String featureFile, String outFile) {
        PropensityModel model = PropensityModel.load(spark, modelDir);
        Object idSetting = model.info().details().get("id_column");
        if (idSetting == null) {
            throw new UserException(modelDir + " holds a warehouse model, not one from `crm propensity train`");
        }
        Dataset<Row> table = FeatureFile.read(spark, featureFile);
        String id = FeatureFile.column(table, idSetting.toString(), "the model's id column");
        List<String> missing = new ArrayList<>();
        FeatureSpec spec = model.info().spec();
        for (String c : spec.numeric()) {
            table = ensure(table, c, "double", missing);
        }
        for (String c : spec.strings()) {
            table = ensure(table, c, "string", missing);
        }
        // The input order, remembered before Spark is free to reorder rows.
        Dataset<Row> ordered = table.withColumn("__row", monotonically_increasing_id());
        Dataset<Row> scored = model.score(ordered).select(col(FeatureSpec.quote(id)).cast("string"),
                col(Evaluation.PROPENSITY), col("__row")).orderBy("__row");
        long rows = write(spark, scored, id, outFile);
        return new Summary(rows, missing);
    }

    private static Dataset<Row> ensure(Dataset<Row> table, String column, String type, List<String> missing) {
        for (String c : table.columns()) {
            if (c.equalsIgnoreCase(column)) {
                return c.equals(column) ? table : table.withColumnRenamed(c, column);
            }
        }
        missing.add(column);
        return table.withColumn(column, lit(null).cast(type));
    }

    /**
     * Streams the rows to one file, partition by partition, so the driver never holds them all; through
     * {@link SafeCsv} (an id such as {@code =cmd} cannot run in a spreadsheet) and {@link AtomicFile}.
     */
    private static long write(SparkSession spark, Dataset<Row> scored, String id, String outFile) {
        long[] rows = {0};
        AtomicFile.write(spark.sparkContext().hadoopConfiguration(), outFile, stream -> {
            BufferedWriter out = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8));
            out.write(SafeCsv.line(List.of(id, "propensity")) + "\n");
            Iterator<Row> it = scored.toLocalIterator();
            while (it.hasNext()) {
                Row r = it.next();
                out.write(SafeCsv.line(java.util.Arrays.asList(r.isNullAt(0) ? null : r.getString(0),
                        String.format(Locale.ROOT, "%.6f", r.getDouble(1)))));
                out.write('\n');
                rows[0]++;
            }
            out.flush();
        });
        return rows[0];
    }
}
