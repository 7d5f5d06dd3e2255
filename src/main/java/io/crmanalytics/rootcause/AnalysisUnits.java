package io.crmanalytics.rootcause;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The engine's input: one row per shipment with {@code items} (its {@code dimension=value} terms over the chosen
 * dimensions; one category term per category of the order), {@code reasons} (the distinct complaint reasons it drew,
 * empty when none), {@code reference_date} (for the trends), and the dimension columns themselves (for
 * stratification), {@code categories} standing for category.
 */
public final class AnalysisUnits {
    private AnalysisUnits() {
    }

    /**
     * From shipments with the dimension columns, {@code categories} (array), {@code complaint_reasons} (array or
     * null) and {@code reference_date}.
     */
    public static Dataset<Row> build(Dataset<Row> shipments, List<String> dimensions) {
        List<Column> terms = new ArrayList<>();
        for (String dimension : dimensions) {
            if (Dimensions.CATEGORY.equals(dimension)) {
                terms.add(expr("transform(coalesce(categories, array()), c -> concat('category=', c))"));
            } else {
                terms.add(when(col(dimension).isNotNull(), array(concat(lit(dimension + "="), col(dimension))))
                        .otherwise(array().cast("array<string>")));
            }
        }
        List<Column> columns = new ArrayList<>();
        columns.add(concat(terms.toArray(Column[]::new)).as("items"));
        columns.add(coalesce(col("complaint_reasons"), array().cast("array<string>")).as("reasons"));
        columns.add(col("reference_date"));
        for (String dimension : Dimensions.ALL) {
            columns.add(col(Dimensions.CATEGORY.equals(dimension) ? "categories" : dimension));
        }
        return shipments.select(columns.toArray(Column[]::new));
    }
}
