package io.crmanalytics.report;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/** Collected rows of a gold table as an HTML table of their scalar columns, numbers right-aligned. */
final class RowTables {
    private RowTables() {
    }

    /** The scalar columns of {@code df} except {@code run_date} and those named in {@code skip}. */
    static List<String> scalarColumns(Dataset<Row> df, List<String> skip) {
        List<String> columns = new ArrayList<>();
        for (StructField field : df.schema().fields()) {
            boolean nested = field.dataType() instanceof ArrayType || field.dataType() instanceof MapType
                    || field.dataType() instanceof StructType;
            if (!nested && !field.name().equals("run_date") && !skip.contains(field.name())) {
                columns.add(field.name());
            }
        }
        return columns;
    }

    static String html(Dataset<Row> df, List<Row> rows, List<String> columns) {
        List<String> headers = new ArrayList<>();
        for (String column : columns) {
            headers.add((ReportInputs.isNumeric(df, column) ? "#" : "") + column);
        }
        List<List<String>> cells = new ArrayList<>();
        for (Row row : rows) {
            List<String> line = new ArrayList<>();
            for (String column : columns) {
                line.add(Format.cell(row.getAs(column)));
            }
            cells.add(line);
        }
        return Html.table(headers, cells);
    }
}
