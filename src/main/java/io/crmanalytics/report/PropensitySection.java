package io.crmanalytics.report;

import static org.apache.spark.sql.functions.col;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.StructField;

/**
 * Propensity models (gold.propensity_evaluation): AUC and lift per category and the cumulative gains curves.
 * Gains may be stored as an array column (one value per decile), one row per decile (a {@code decile} column),
 * or one column per decile ({@code ..._1} to {@code ..._10}); all three are read.
 */
final class PropensitySection {
    private static final Pattern NUMBERED = Pattern.compile(".*?(\\d+)$");

    private PropensitySection() {
    }

    static Section build(ReportInputs in) {
        String id = "propensity";
        String title = "Propensity to buy: model quality and gains";
        Optional<Dataset<Row>> table = in.gold("propensity_evaluation");
        if (table.isEmpty()) {
            return Section.notRun(id, title, "gold.propensity_evaluation", "crm propensity");
        }
        Dataset<Row> df = table.get();
        String category = ReportInputs.column(df, "product_category", "category").orElse(df.columns()[0]);
        Optional<String> decile = ReportInputs.column(df, "decile");
        Optional<String> arrayGains = Optional.empty();
        for (StructField field : df.schema().fields()) {
            if (field.dataType() instanceof ArrayType && field.name().toLowerCase().contains("gain")) {
                arrayGains = Optional.of(field.name());
                break;
            }
        }
        List<String> numberedGains = new ArrayList<>();
        for (String column : df.columns()) {
            if (column.toLowerCase().contains("gain") && NUMBERED.matcher(column).matches()
                    && ReportInputs.isNumeric(df, column)) {
                numberedGains.add(column);
            }
        }
        numberedGains.sort(Comparator.comparingInt(PropensitySection::trailingNumber));
        Optional<String> rowGain = decile.isPresent() ? ReportInputs.column(df, "cumulative_gain", "gain")
                .filter(c -> ReportInputs.isNumeric(df, c)) : Optional.empty();

        List<Row> rows = df.orderBy(col(category)).limit(2000).collectAsList();
        Map<String, List<double[]>> curves = new TreeMap<>();
        for (Row row : rows) {
            String name = ReportInputs.text(row, category);
            if (arrayGains.isPresent() && !row.isNullAt(row.fieldIndex(arrayGains.get()))) {
                List<Object> values = row.getList(row.fieldIndex(arrayGains.get()));
                List<double[]> points = new ArrayList<>();
                for (int i = 0; i < values.size(); i++) {
                    points.add(new double[] {(i + 1.0) / values.size(), ((Number) values.get(i)).doubleValue()});
                }
                curves.put(name, points);
            } else if (!numberedGains.isEmpty()) {
                List<double[]> points = new ArrayList<>();
                for (String column : numberedGains) {
                    points.add(new double[] {trailingNumber(column) / (double) numberedGains.size(),
                            ReportInputs.number(row, column)});
                }
                curves.put(name, points);
            } else if (decile.isPresent() && rowGain.isPresent()) {
                curves.computeIfAbsent(name, k -> new ArrayList<>()).add(new double[] {
                        ReportInputs.number(row, decile.get()) / 10.0, ReportInputs.number(row, rowGain.get())});
            }
        }
        List<Charts.Series> series = new ArrayList<>();
        curves.forEach((name, points) -> {
            points.sort(Comparator.comparingDouble(p -> p[0]));
            series.add(new Charts.Series(name, points));
        });

        // The per-category figures: one row per category (the first row when gains are stored per decile).
        List<String> skip = new ArrayList<>(numberedGains);
        decile.ifPresent(skip::add);
        rowGain.ifPresent(skip::add);
        List<String> columns = RowTables.scalarColumns(df, skip);
        Map<String, Row> perCategory = new LinkedHashMap<>();
        rows.forEach(row -> perCategory.putIfAbsent(ReportInputs.text(row, category), row));
        Optional<String> auc = ReportInputs.column(df, "auc", "roc_auc");
        Map<String, Object> aucs = new LinkedHashMap<>();
        perCategory.forEach((name, row) -> aucs.put(name, auc.map(c -> ReportInputs.number(row, c)).orElse(null)));

        String html = (series.isEmpty() ? Html.note("No gains by decile in gold.propensity_evaluation.")
                : Charts.gains("Cumulative gains: share of buyers reached by contacting the top-scored customers",
                        series))
                + RowTables.html(df, new ArrayList<>(perCategory.values()), columns);
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("categories", perCategory.size());
        figures.put("auc_by_category", aucs);
        return Section.ran(id, title, html, figures);
    }

    private static int trailingNumber(String column) {
        Matcher m = NUMBERED.matcher(column);
        return m.matches() ? Integer.parseInt(m.group(1)) : 0;
    }
}
