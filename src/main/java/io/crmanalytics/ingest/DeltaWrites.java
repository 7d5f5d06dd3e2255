package io.crmanalytics.ingest;

import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

/** Comparisons between a batch and what a Delta table already holds. */
final class DeltaWrites {
    private DeltaWrites() {
    }

    /**
     * The rows of {@code source} that {@code target} does not hold with equal values in {@code columns}
     * (null equals null). A column the target lacks counts as null there, so a new extra column with values
     * makes its rows new.
     */
    static Dataset<Row> notIn(Dataset<Row> source, Dataset<Row> target, List<String> columns) {
        List<String> targetColumns = Arrays.asList(target.columns());
        Column condition = functions.lit(true);
        for (String name : columns) {
            String quoted = "`" + name.replace("`", "``") + "`";
            Column there = targetColumns.contains(name) ? target.col(quoted) : functions.lit(null);
            condition = condition.and(source.col(quoted).eqNullSafe(there));
        }
        return source.join(target, condition, "left_anti");
    }
}
