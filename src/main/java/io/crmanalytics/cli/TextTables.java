package io.crmanalytics.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;

/** The aligned plain-text table of query results, for people (CSV goes through {@link io.crmanalytics.warehouse.SafeCsv}). */
public final class TextTables {
    private TextTables() {
    }

    public static void writeTable(String[] columns, List<Row> rows, PrintWriter out) {
        int[] widths = new int[columns.length];
        List<String[]> cells = new ArrayList<>();
        for (int i = 0; i < columns.length; i++) {
            widths[i] = columns[i].length();
        }
        for (Row row : rows) {
            String[] line = new String[columns.length];
            for (int i = 0; i < columns.length; i++) {
                line[i] = row.isNullAt(i) ? "NULL" : String.valueOf(row.get(i));
                widths[i] = Math.min(60, Math.max(widths[i], line[i].length()));
            }
            cells.add(line);
        }
        out.println(formatLine(columns, widths));
        StringBuilder rule = new StringBuilder();
        for (int i = 0; i < widths.length; i++) {
            rule.append(i == 0 ? "" : "-+-").append("-".repeat(widths[i]));
        }
        out.println(rule);
        cells.forEach(line -> out.println(formatLine(line, widths)));
    }

    private static String formatLine(String[] values, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < values.length; i++) {
            String value = values[i].length() > widths[i] ? values[i].substring(0, widths[i] - 1) + "…" : values[i];
            line.append(i == 0 ? "" : " | ").append(value).append(" ".repeat(widths[i] - value.length()));
        }
        return line.toString().stripTrailing();
    }
}
