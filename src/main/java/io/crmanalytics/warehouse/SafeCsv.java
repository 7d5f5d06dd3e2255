package io.crmanalytics.warehouse;

import java.io.PrintWriter;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The one CSV writer for files people open in spreadsheets (segment exports, {@code crm sql --format csv}, the
 * outreach list): RFC 4180 quoting, and formula injection neutralised by the OWASP rule. A text cell that starts
 * with {@code =}, {@code +}, {@code -}, {@code @}, a tab or a carriage return gets a leading single quote, so
 * Excel, LibreOffice and Google Sheets show it as text instead of evaluating it ({@code =HYPERLINK(...)},
 * {@code @SUM(...)}, DDE payloads). Numbers, dates and booleans cannot be formulas and are written as they are;
 * the cost of the rule is that text such as a phone number {@code +1 555 0101} carries the quote too.
 */
public final class SafeCsv {
    private SafeCsv() {
    }

    /** The header and every row of {@code rows}, streamed partition by partition through the driver; returns the rows. */
    public static long write(Dataset<Row> rows, PrintWriter out) {
        String[] columns = rows.columns();
        out.println(line(List.of((Object[]) columns)));
        Iterator<Row> it = rows.toLocalIterator();
        Object[] values = new Object[columns.length];
        long count = 0;
        while (it.hasNext()) {
            count++;
            Row row = it.next();
            for (int i = 0; i < columns.length; i++) {
                values[i] = row.isNullAt(i) ? null : row.get(i);
            }
            out.println(line(java.util.Arrays.asList(values)));
        }
        return count;
    }

    /** One line, without the line break: text cells neutralised, every cell quoted as needed, null empty. */
    public static String line(List<?> values) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                line.append(',');
            }
            Object value = values.get(i);
            if (value != null) {
                line.append(quoted(value instanceof String text ? neutralised(text) : String.valueOf(value)));
            }
        }
        return line.toString();
    }

    /** The text with a leading single quote when a spreadsheet would read it as a formula. */
    public static String neutralised(String text) {
        if (text.isEmpty()) {
            return text;
        }
        char first = text.charAt(0);
        boolean formula = first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r';
        return formula ? "'" + text : text;
    }

    private static String quoted(String cell) {
        if (cell.contains(",") || cell.contains("\"") || cell.contains("\n") || cell.contains("\r")) {
            return "\"" + cell.replace("\"", "\"\"") + "\"";
        }
        return cell;
    }
}
