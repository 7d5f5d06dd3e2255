package io.crmanalytics.report;

import static org.apache.spark.sql.functions.col;

import io.crmanalytics.contract.GoldContract;
import io.crmanalytics.contract.GoldTable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Propensity models (gold.propensity_evaluation): AUC and lift per category and the cumulative gains curves (the
 * {@code cumulative_gains} array holds one value per decile).
 */
final class PropensitySection {
    private static final GoldTable EVALUATION = GoldContract.PROPENSITY_EVALUATION;

    private PropensitySection() {
    }

    static Section build(ReportInputs in) {
        String id = "propensity";
        String title = "Propensity to buy: model quality and gains";
        Optional<Dataset<Row>> table = in.gold(EVALUATION.name());
        if (table.isEmpty()) {
            return Section.notRun(id, title, "gold.propensity_evaluation", "crm propensity");
        }
        Dataset<Row> df = table.get();
        String category = EVALUATION.columnName("product_category");
        String gains = EVALUATION.columnName("cumulative_gains");

        List<Row> rows = df.orderBy(col(category)).limit(2000).collectAsList();
        Map<String, List<double[]>> curves = new TreeMap<>();
        for (Row row : rows) {
            if (!row.isNullAt(row.fieldIndex(gains))) {
                List<Object> values = row.getList(row.fieldIndex(gains));
                List<double[]> points = new ArrayList<>();
                for (int i = 0; i < values.size(); i++) {
                    points.add(new double[] {(i + 1.0) / values.size(), ((Number) values.get(i)).doubleValue()});
                }
                curves.put(ReportInputs.text(row, category), points);
            }
        }
        List<Charts.Series> series = new ArrayList<>();
        curves.forEach((name, points) -> {
            points.sort(Comparator.comparingDouble(p -> p[0]));
            series.add(new Charts.Series(name, points));
        });

        // The per-category figures: one row per category.
        List<String> columns = RowTables.scalarColumns(df, List.of());
        Map<String, Row> perCategory = new LinkedHashMap<>();
        rows.forEach(row -> perCategory.putIfAbsent(ReportInputs.text(row, category), row));
        String auc = EVALUATION.columnName("auc");
        Map<String, Object> aucs = new LinkedHashMap<>();
        perCategory.forEach((name, row) -> aucs.put(name, ReportInputs.number(row, auc)));

        String html = (series.isEmpty() ? Html.note("No gains by decile in gold.propensity_evaluation.")
                : Charts.gains("Cumulative gains: share of buyers reached by contacting the top-scored customers",
                        series))
                + RowTables.html(df, new ArrayList<>(perCategory.values()), columns);
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("categories", perCategory.size());
        figures.put("auc_by_category", aucs);
        return Section.ran(id, title, html, figures);
    }
}
