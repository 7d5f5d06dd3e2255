package io.crmanalytics.report;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.crmanalytics.contract.GoldContract;
import io.crmanalytics.contract.GoldTable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** The root causes of complaints (gold.complaint_root_causes) and emerging issues (gold.complaint_trends). */
final class RootCauseSections {
    private static final GoldTable CAUSES = GoldContract.COMPLAINT_ROOT_CAUSES;
    private static final GoldTable TRENDS = GoldContract.COMPLAINT_TRENDS;
    private static final int TOP = 10;

    private RootCauseSections() {
    }

    static Section rootCauses(ReportInputs in) {
        String id = "root_causes";
        String title = "Top complaint root causes";
        Optional<Dataset<Row>> table = in.gold(CAUSES.name());
        if (table.isEmpty()) {
            return Section.notRun(id, title, "gold.complaint_root_causes", "crm root-causes");
        }
        Dataset<Row> df = table.get();
        df = df.where(col(CAUSES.columnName("complaint_reason")).equalTo(lit("all")));
        String factors = CAUSES.columnName("factors");
        String rank = CAUSES.columnName("rank");
        String summary = CAUSES.columnName("summary");
        List<Row> rows = df.orderBy(col(rank).asc_nulls_last()).limit(TOP).collectAsList();
        if (rows.isEmpty()) {
            return Section.ran(id, title, Html.paragraph("No over-represented group of shipments was found."),
                    Map.of("findings", 0));
        }
        // Total complaints behind the shares: complaints / complaint_share of any finding.
        double total = Double.NaN;
        for (Row row : rows) {
            double share = ReportInputs.number(row, "complaint_share");
            if (share > 0) {
                total = ReportInputs.number(row, "complaints") / share;
                break;
            }
        }
        List<Row> byComplaints = new ArrayList<>(rows);
        byComplaints.sort((a, b) -> Double.compare(ReportInputs.number(b, "complaints"),
                ReportInputs.number(a, "complaints")));
        List<Charts.Bar> bars = new ArrayList<>();
        List<String> ticks = new ArrayList<>();
        for (Row row : byComplaints) {
            bars.add(new Charts.Bar(ReportInputs.text(row, factors), ReportInputs.number(row, "complaints")));
            ticks.add("#" + ReportInputs.text(row, rank));
        }
        StringBuilder html = new StringBuilder();
        html.append(Charts.pareto("Complaints per finding (#rank) and cumulative share of all complaints",
                bars, ticks, total));
        html.append(Html.note("Findings can overlap (a shipment belongs to several groups), so the cumulative line "
                + "is an upper bound, capped at 100%."));
        String explainedBy = CAUSES.columnName("explained_by");
        html.append(stories(rows, factors, summary, explainedBy));
        List<String> headers = List.of("#rank", "factors", "#shipment share", "#complaint share", "#lift (95% CI)",
                "#adjusted lift", "#q-value", "explained by (lift outside it, 95% CI)");
        List<List<String>> cells = new ArrayList<>();
        for (Row row : rows) {
            cells.add(List.of(Format.cell(row.getAs(rank)), ReportInputs.text(row, factors),
                    Format.percent(ReportInputs.number(row, "shipment_share")),
                    Format.percent(ReportInputs.number(row, "complaint_share")),
                    Format.number(ReportInputs.number(row, "lift")) + " (" + Format.number(
                            ReportInputs.number(row, "lift_ci_low")) + "–" + Format.number(
                            ReportInputs.number(row, "lift_ci_high")) + ")",
                    Format.number(ReportInputs.number(row, "adjusted_lift")),
                    Format.number(ReportInputs.number(row, "q_value")), explanation(row, explainedBy)));
        }
        html.append(Html.table(headers, cells));

        Row top = rows.get(0);
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("findings", rows.size());
        figures.put("total_complaints", Double.isNaN(total) ? null : Math.round(total));
        Map<String, Object> first = new LinkedHashMap<>();
        first.put("factors", ReportInputs.text(top, factors));
        first.put("shipment_share", nullIfNaN(ReportInputs.number(top, "shipment_share")));
        first.put("complaint_share", nullIfNaN(ReportInputs.number(top, "complaint_share")));
        first.put("lift", nullIfNaN(ReportInputs.number(top, "lift")));
        first.put("summary", ReportInputs.text(top, summary));
        figures.put("top_finding", first);
        return Section.ran(id, title, html.toString(), figures);
    }

    static Section emerging(ReportInputs in) {
        String id = "emerging_issues";
        String title = "Emerging issues";
        Optional<Dataset<Row>> table = in.gold(TRENDS.name());
        if (table.isEmpty()) {
            return Section.notRun(id, title, "gold.complaint_trends", "crm root-causes");
        }
        Dataset<Row> df = table.get();
        String ratio = TRENDS.columnName("rate_ratio");
        Dataset<Row> emerging = df.where(col(TRENDS.columnName("emerging")).equalTo(lit(true)))
                .orderBy(col(ratio).desc_nulls_last());
        List<Row> rows = emerging.limit(TOP).collectAsList();
        long tested = df.count();
        if (rows.isEmpty()) {
            return Section.ran(id, title, Html.paragraph("No emerging issue: none of the " + tested + " groups tested "
                    + "became significantly over-represented in the recent window."),
                    Map.of("emerging", 0, "tested", tested));
        }
        String factors = TRENDS.columnName("factors");
        String reasonColumn = TRENDS.columnName("complaint_reason");
        List<Charts.Bar> bars = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (Row row : rows) {
            String reason = ReportInputs.text(row, reasonColumn);
            String label = ReportInputs.text(row, factors) + (reason.isEmpty() || reason.equals("all") ? "" : " (" + reason + ")");
            bars.add(new Charts.Bar(label, ReportInputs.number(row, ratio), true));
            names.add(label);
        }
        String html = Charts.horizontalBars("Recent complaint rate ÷ baseline rate", bars, Format::number)
                + RowTables.html(df, rows, RowTables.scalarColumns(df, List.of()));
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("emerging", emerging.count());
        figures.put("tested", tested);
        figures.put("issues", names);
        return Section.ran(id, title, html, figures);
    }

    /**
     * One sentence per finding, in rank order, except that a finding explained by another shown finding (a part
     * of an interaction, a confounded carrier) is told under it, as one story: the interaction, then each part
     * with its lift outside the interaction.
     */
    private static String stories(List<Row> rows, String factors, String summary, String explainedBy) {
        Map<String, List<Row>> under = new LinkedHashMap<>();
        java.util.Set<String> shown = new java.util.HashSet<>();
        rows.forEach(row -> shown.add(ReportInputs.text(row, factors)));
        for (Row row : rows) {
            String by = ReportInputs.text(row, explainedBy);
            if (!by.isEmpty() && shown.contains(by)) {
                under.computeIfAbsent(by, k -> new ArrayList<>()).add(row);
            }
        }
        java.util.Set<Row> nested = new java.util.HashSet<>();
        under.values().forEach(nested::addAll);
        StringBuilder html = new StringBuilder("<ol class=\"sentences\">");
        for (Row row : rows) {
            if (nested.contains(row)) {
                continue;
            }
            html.append("<li>").append(Html.escape(ReportInputs.text(row, summary)));
            List<Row> parts = under.getOrDefault(ReportInputs.text(row, factors), List.of());
            if (!parts.isEmpty()) {
                html.append("<ul>");
                for (Row part : parts) {
                    html.append("<li>").append(Html.escape(ReportInputs.text(part, summary))).append("</li>");
                }
                html.append("</ul>");
            }
            html.append("</li>");
        }
        return html.append("</ol>").toString();
    }

    private static String explanation(Row row, String column) {
        String by = ReportInputs.text(row, column);
        if (by.isEmpty()) {
            return "";
        }
        return by + " (" + Format.number(ReportInputs.number(row, "residual_lift")) + ", "
                + Format.number(ReportInputs.number(row, "residual_lift_ci_low")) + "–"
                + Format.number(ReportInputs.number(row, "residual_lift_ci_high")) + ")";
    }

    private static Double nullIfNaN(double value) {
        return Double.isNaN(value) ? null : value;
    }
}
