package io.crmanalytics.report;

import java.util.List;

/** HTML text helpers: escaping and plain tables. Everything user- or data-provided goes through {@link #escape}. */
final class Html {
    private Html() {
    }

    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** A table; cells are already-formatted text. Columns whose header starts with '#' are right-aligned. */
    static String table(List<String> headers, List<List<String>> rows) {
        StringBuilder out = new StringBuilder("<table><thead><tr>");
        for (String header : headers) {
            boolean numeric = header.startsWith("#");
            out.append(numeric ? "<th class=\"num\">" : "<th>").append(escape(numeric ? header.substring(1) : header))
                    .append("</th>");
        }
        out.append("</tr></thead><tbody>");
        for (List<String> row : rows) {
            out.append("<tr>");
            for (int i = 0; i < row.size(); i++) {
                boolean numeric = i < headers.size() && headers.get(i).startsWith("#");
                out.append(numeric ? "<td class=\"num\">" : "<td>").append(escape(row.get(i))).append("</td>");
            }
            out.append("</tr>");
        }
        return out.append("</tbody></table>").toString();
    }

    static String paragraph(String text) {
        return "<p>" + escape(text) + "</p>";
    }

    static String note(String text) {
        return "<p class=\"note\">" + escape(text) + "</p>";
    }
}
