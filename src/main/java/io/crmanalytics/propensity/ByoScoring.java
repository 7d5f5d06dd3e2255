package io.crmanalytics.propensity;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.monotonically_increasing_id;

import io.crmanalytics.core.Progress;
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
import java.util.Map;
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

    private static final String ROW = "__row";

    private ByoScoring() {
    }

    public static Summary score(SparkSession spark, String modelDir, String featureFile, String outFile,
                                Progress progress) {
        PropensityModel model = PropensityModel.load(spark.sparkContext().hadoopConfiguration(), modelDir);
        Object idSetting = model.info().details().get("id_column");
        if (idSetting == null) {
            throw new UserException(modelDir + " holds a warehouse model, not one from `crm propensity train`");
        }
        Dataset<Row> table = FeatureFile.read(spark, featureFile);
        String id = FeatureFile.column(table, idSetting.toString(), "the model's id column");
        List<String> missing = new ArrayList<>();
        FeatureSpec spec = model.spec();
        int[] positions = spec.positions(table.schema());
        List<String> wanted = new ArrayList<>(spec.numeric());
        wanted.addAll(spec.strings());
        for (int i = 0; i < positions.length; i++) {
            if (positions[i] < 0) {
                missing.add(wanted.get(i));
            }
        }
        // The input order, remembered before Spark is free to reorder rows.
        Dataset<Row> ordered = table.withColumn(ROW, monotonically_increasing_id());
        Dataset<Row> scored = EncodedRows.score(ordered, List.of(id, ROW), Map.of("propensity", model), false,
                progress).select(col(FeatureSpec.quote(id)).cast("string"), col(Evaluation.PROPENSITY), col(ROW))
                .orderBy(ROW);
        long rows = write(spark, scored, id, outFile);
        return new Summary(rows, missing);
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
