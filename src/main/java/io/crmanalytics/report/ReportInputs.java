package io.crmanalytics.report;

import io.crmanalytics.job.JobContext;
import io.crmanalytics.core.UserException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;

/**
 * What the report reads: the gold tables as of the run date, when they exist, and their columns found by
 * name. Jobs own their schemas; the report looks columns up by their documented names (with a few spellings)
 * so that an added column never breaks it and a renamed one only empties that part of a section.
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

    /** The first column whose name equals a candidate (case-insensitive), else the first that contains one. */
    static Optional<String> column(Dataset<Row> df, String... candidates) {
        List<String> columns = Arrays.asList(df.columns());
        for (String candidate : candidates) {
            for (String column : columns) {
                if (column.equalsIgnoreCase(candidate)) {
                    return Optional.of(column);
                }
            }
        }
        for (String candidate : candidates) {
            for (String column : columns) {
                if (column.toLowerCase(Locale.ROOT).contains(candidate.toLowerCase(Locale.ROOT))) {
                    return Optional.of(column);
                }
            }
        }
        return Optional.empty();
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
