package io.crmanalytics.report;

import static org.apache.spark.sql.functions.col;

import io.crmanalytics.contract.DataContract;
import io.crmanalytics.contract.Entity;
import io.crmanalytics.contract.GoldContract;
import io.crmanalytics.ingest.QuarantineWriter;
import io.crmanalytics.warehouse.Layer;
import io.crmanalytics.warehouse.Warehouse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Data quality: per contract entity, the rows in silver and in quarantine with the rules they broke (read from the
 * warehouse, so it is there whenever ingest ran); plus the data-quality gate results when a job wrote them.
 */
final class QualitySection {
    private static final String GATES = GoldContract.DATA_QUALITY.name();

    private QualitySection() {
    }

    static Section build(ReportInputs in) {
        String id = "data_quality";
        String title = "Data quality";
        Warehouse warehouse = in.context().warehouse();
        List<List<String>> cells = new ArrayList<>();
        List<Charts.Bar> bars = new ArrayList<>();
        Map<String, Object> entities = new LinkedHashMap<>();
        for (Entity entity : DataContract.ENTITIES) {
            boolean silver = warehouse.exists(Layer.SILVER, entity.name());
            boolean quarantine = warehouse.exists(Layer.QUARANTINE, entity.name());
            if (!silver && !quarantine) {
                continue;
            }
            long good = silver ? warehouse.read(Layer.SILVER, entity.name()).count() : 0;
            long rejected = 0;
            String rules = "";
            if (quarantine) {
                Dataset<Row> q = warehouse.read(Layer.QUARANTINE, entity.name());
                rejected = q.count();
                if (rejected > 0) {
                    List<String> top = new ArrayList<>();
                    for (Row row : q.groupBy(col(QuarantineWriter.RULE)).count().orderBy(col("count").desc()).limit(4)
                            .collectAsList()) {
                        top.add(row.get(0) + " " + Format.number(row.getLong(1)));
                    }
                    rules = String.join(", ", top);
                }
            }
            double share = good + rejected == 0 ? 0 : rejected / (double) (good + rejected);
            cells.add(List.of(entity.name(), Format.number(good), Format.number(rejected), Format.percent(share), rules));
            bars.add(new Charts.Bar(entity.name(), share, share > 0.05));
            Map<String, Object> figures = new LinkedHashMap<>();
            figures.put("silver_rows", good);
            figures.put("quarantined_rows", rejected);
            figures.put("reject_share", share);
            entities.put(entity.name(), figures);
        }
        StringBuilder html = new StringBuilder();
        Optional<Dataset<Row>> table = in.gold(GATES);
        if (table.isPresent()) {
            List<Row> rows = table.get().limit(100).collectAsList();
            html.append("<h3>Quality gates (gold.").append(GATES).append(")</h3>")
                    .append(RowTables.html(table.get(), rows, RowTables.scalarColumns(table.get(), List.of())));
        }
        if (entities.isEmpty() && html.length() == 0) {
            return Section.notRun(id, title, "silver and quarantine tables", "crm ingest");
        }
        if (!entities.isEmpty()) {
            html.insert(0, Charts.horizontalBars("Share of input rows quarantined per entity (red above 5%)", bars,
                    Format::percent)
                    + Html.table(List.of("entity", "#rows in silver", "#rows quarantined", "#quarantined share",
                            "top rules broken"), cells));
        }
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("entities", entities);
        return Section.ran(id, title, html.toString(), figures);
    }
}
