package io.crmanalytics.rootcause;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The engine's input: one row per shipment with the dimension columns ({@code categories}, an array, standing for
 * category), {@code reasons} (the distinct complaint reasons it drew, empty when none) and
 * {@value EncodedUnits#TREND_WINDOW} (which trend window its reference date falls in, if any).
 */
final class AnalysisUnits {
    private AnalysisUnits() {
    }

    /**
     * From shipments with the dimension columns, {@code categories} (array), {@code complaint_reasons} (array or
     * null) and {@code reference_date}.
     */
    static Dataset<Row> build(Dataset<Row> shipments, Column trendWindow) {
        List<Column> columns = new ArrayList<>();
        for (String dimension : Dimensions.ALL) {
            columns.add(col(Dimensions.CATEGORY.equals(dimension) ? "categories" : dimension));
        }
        columns.add(coalesce(col("complaint_reasons"), array().cast("array<string>")).as("reasons"));
        columns.add(trendWindow.as(EncodedUnits.TREND_WINDOW));
        return shipments.select(columns.toArray(Column[]::new));
    }
}
