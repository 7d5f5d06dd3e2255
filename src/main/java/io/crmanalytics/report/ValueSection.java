package io.crmanalytics.report;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;

import io.crmanalytics.contract.GoldContract;
import io.crmanalytics.contract.GoldTable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** Customer value (gold.customer_value): the CLV distribution, value tiers and RFM segment sizes. */
final class ValueSection {
    private static final GoldTable VALUE = GoldContract.CUSTOMER_VALUE;
    private static final int BINS = 20;

    private ValueSection() {
    }

    static Section build(ReportInputs in) {
        String id = "customer_value";
        String title = "Customer lifetime value and segments";
        Optional<Dataset<Row>> table = in.gold(VALUE.name());
        if (table.isEmpty()) {
            return Section.notRun(id, title, "gold.customer_value", "crm clv");
        }
        Dataset<Row> df = table.get();
        String clv = VALUE.columnName("clv");
        Map<String, Object> figures = new LinkedHashMap<>();
        StringBuilder html = new StringBuilder();
        Row totals = df.agg(count(lit(1)), sum(col(clv)), avg(col(VALUE.columnName("probability_alive")))).first();
        long customers = totals.getLong(0);
        figures.put("customers", customers);
        if (customers > 0) {
            double totalClv = ((Number) totals.get(1)).doubleValue();
            figures.put("total_clv", totalClv);
            figures.put("mean_clv", totalClv / customers);
            html.append(Html.paragraph(String.format(java.util.Locale.ROOT,
                    "%s customers, expected lifetime value %s in total, %s on average.", Format.number(customers),
                    Format.number(totalClv), Format.number(totalClv / customers))));
            html.append(Charts.histogram("Distribution of customer lifetime value (top 1% in the last bin)",
                    histogram(df, clv), Format::number));
        }
        if (!totals.isNullAt(2)) {
            figures.put("mean_probability_alive", ((Number) totals.get(2)).doubleValue());
        }
        html.append("<div class=\"pair\">");
        for (String[] grouping : List.of(new String[] {"value_tier", "Customers per value tier"},
                new String[] {"rfm_segment", "Customers per RFM segment"})) {
            String column = VALUE.columnName(grouping[0]);
            List<Charts.Bar> bars = new ArrayList<>();
            Map<String, Long> sizes = new LinkedHashMap<>();
            for (Row row : df.groupBy(col(column)).count().orderBy(col("count").desc()).limit(30)
                    .collectAsList()) {
                String name = row.isNullAt(0) ? "(none)" : String.valueOf(row.get(0));
                bars.add(new Charts.Bar(name, row.getLong(1)));
                sizes.put(name, row.getLong(1));
            }
            html.append("<div>").append(Charts.horizontalBars(grouping[1], bars, Format::number)).append("</div>");
            figures.put(grouping[0] + "_sizes", sizes);
        }
        html.append("</div>");
        return Section.ran(id, title, html.toString(), figures);
    }

    /**
     * Equal-width bins from the minimum to the 99th percentile, the last bin also holding everything above:
     * CLV is heavy-tailed and a few very valuable customers would otherwise squeeze everyone else into one bar.
     */
    private static List<double[]> histogram(Dataset<Row> df, String clv) {
        Dataset<Row> values = df.select(col(clv).cast("double").as("v")).where(col("v").isNotNull());
        double[] q = values.stat().approxQuantile("v", new double[] {0.0, 0.99}, 0.001);
        if (q.length < 2) {
            return List.of();
        }
        double low = q[0];
        double high = q[1] > low ? q[1] : low + 1;
        double width = (high - low) / BINS;
        long[] counts = new long[BINS];
        for (Row row : values.select(least(floor(col("v").minus(low).divide(width)), lit(BINS - 1)).cast("int")
                .as("bin")).groupBy("bin").count().collectAsList()) {
            counts[Math.max(0, row.getInt(0))] += row.getLong(1);
        }
        List<double[]> bins = new ArrayList<>();
        for (int i = 0; i < BINS; i++) {
            bins.add(new double[] {low + i * width, low + (i + 1) * width, counts[i]});
        }
        return bins;
    }
}
