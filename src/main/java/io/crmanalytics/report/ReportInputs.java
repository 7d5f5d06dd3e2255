package io.crmanalytics.report;

import io.crmanalytics.core.UserException;
import io.crmanalytics.job.JobContext;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;

/**
 * What the report reads: the gold tables as of the run date, when they exist. Sections read columns by the names
 * {@link io.crmanalytics.contract.GoldContract} declares, which every job's output is checked against.
 */
final class ReportInputs {
    private final JobContext context;

    ReportInputs(JobContext context) {
        this.context = context;
    }

    JobContext context() {
        return context;
    }

    /** gold.&lt;table&gt; at the newest run date on or before ours, if the job that writes it has run. */
    Optional<Dataset<Row>> gold(String table) {
        if (!context.goldExists(table)) {
            return Optional.empty();
        }
        try {
            return Optional.of(context.readGoldAsOf(table));
        } catch (UserException noRowsForThisDate) {
            return Optional.empty();
        }
    }

    static boolean isNumeric(Dataset<Row> df, String column) {
        for (StructField field : df.schema().fields()) {
            if (field.name().equals(column)) {
                return field.dataType() instanceof NumericType;
            }
        }
        return false;
    }

    /** A cell as a double; NaN when null or not a number. */
    static double number(Row row, String column) {
        Object value = row.getAs(column);
        return value instanceof Number n ? n.doubleValue() : Double.NaN;
    }

    static String text(Row row, String column) {
        Object value = row.getAs(column);
        return value == null ? "" : String.valueOf(value);
    }
}
