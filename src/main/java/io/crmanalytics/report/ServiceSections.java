package io.crmanalytics.report;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;

import io.crmanalytics.contract.GoldContract;
import io.crmanalytics.contract.GoldTable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** The contact center: the IVR funnel (gold.ivr_funnel) and the agent KPI table (gold.agent_scorecard). */
final class ServiceSections {
    private static final GoldTable IVR = GoldContract.IVR_FUNNEL;
    private static final GoldTable AGENTS = GoldContract.AGENT_SCORECARD;
    private static final int MAX_NODES = 40;
    private static final int MAX_AGENTS = 25;

    private ServiceSections() {
    }

    static Section ivrFunnel(ReportInputs in) {
        String id = "ivr_funnel";
        String title = "IVR funnel";
        Optional<Dataset<Row>> table = in.gold(IVR.name());
        if (table.isEmpty()) {
            return Section.notRun(id, title, "gold.ivr_funnel", "crm service");
        }
        Dataset<Row> df = table.get();
        String node = IVR.columnName("node");
        String entries = IVR.columnName("entries");
        String flagged = IVR.columnName("flagged");
        String zeroOut = IVR.columnName("zero_out_rate");
        String abandon = IVR.columnName("abandon_rate");
        // Menu order: a node's path sorts right after its parent's, so the funnel reads top-down.
        List<Row> rows = df.orderBy(col(node)).limit(MAX_NODES).collectAsList();
        List<Charts.Bar> volume = new ArrayList<>();
        List<Charts.Bar> leaks = new ArrayList<>();
        List<String> flaggedNodes = new ArrayList<>();
        for (Row row : rows) {
            String name = ReportInputs.text(row, node);
            boolean alert = Boolean.TRUE.equals(row.getAs(flagged));
            if (alert) {
                flaggedNodes.add(name);
            }
            volume.add(new Charts.Bar(name, ReportInputs.number(row, entries), alert));
            double rate = zeroIfNaN(ReportInputs.number(row, zeroOut)) + zeroIfNaN(ReportInputs.number(row, abandon));
            leaks.add(new Charts.Bar(name, rate, alert));
        }
        StringBuilder html = new StringBuilder();
        html.append(Html.paragraph(flaggedNodes.isEmpty() ? "No menu node is flagged."
                : "Flagged (abnormal zero-out or abandon rate): " + String.join(", ", flaggedNodes) + "."));
        html.append("<div class=\"pair\"><div>")
                .append(Charts.horizontalBars("Callers entering each menu node (flagged in red)", volume,
                        Format::number))
                .append("</div><div>")
                .append(Charts.horizontalBars("Zero-out + abandon rate per node", leaks, Format::percent))
                .append("</div></div>");
        html.append(RowTables.html(df, rows, RowTables.scalarColumns(df, List.of())));
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("nodes", df.count());
        figures.put("flagged_nodes", flaggedNodes);
        return Section.ran(id, title, html.toString(), figures);
    }

    static Section agents(ReportInputs in) {
        String id = "agent_kpis";
        String title = "Agent KPIs";
        Optional<Dataset<Row>> table = in.gold(AGENTS.name());
        if (table.isEmpty()) {
            return Section.notRun(id, title, "gold.agent_scorecard", "crm service");
        }
        Dataset<Row> df = table.get();
        String month = AGENTS.columnName("month");
        String period = "";
        Row newest = df.agg(max(col(month))).first();
        if (!newest.isNullAt(0)) {
            period = String.valueOf(newest.get(0));
            df = df.where(col(month).equalTo(lit(newest.get(0))));
        }
        Dataset<Row> ordered = df.orderBy(col(AGENTS.columnName("contacts_handled")).desc_nulls_last());
        List<Row> rows = ordered.limit(MAX_AGENTS).collectAsList();
        // Percentile columns double the width; the KPI values are what a manager reads first.
        List<String> columns = new ArrayList<>();
        for (String column : RowTables.scalarColumns(df, List.of())) {
            if (!column.toLowerCase(Locale.ROOT).contains("percentile")) {
                columns.add(column);
            }
        }
        long agents = df.count();
        String html = Html.paragraph(agents + " agents" + (period.isEmpty() ? "" : " in " + period)
                + (agents > MAX_AGENTS ? ", the " + MAX_AGENTS + " with the most contacts shown" : "") + ".")
                + RowTables.html(df, rows, columns);
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("agents", agents);
        if (!period.isEmpty()) {
            figures.put("month", period);
        }
        return Section.ran(id, title, html, figures);
    }

    private static double zeroIfNaN(double value) {
        return Double.isNaN(value) ? 0 : value;
    }
}
