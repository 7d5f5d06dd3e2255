package io.crmanalytics.sample;

import java.io.IOException;
import java.io.Writer;

/** RFC 4180 CSV lines: a field is quoted only when it holds a comma, quote or line break. */
final class Csv {
    private Csv() {
    }

    static void writeLine(Writer out, String[] fields) throws IOException {
        for (int i = 0; i < fields.length; i++) {
            if (i > 0) {
                out.write(',');
            }
            writeField(out, fields[i] == null ? "" : fields[i]);
        }
        out.write('\n');
    }

    private static void writeField(Writer out, String value) throws IOException {
        boolean quote = false;
        for (int i = 0; i < value.length() && !quote; i++) {
            char c = value.charAt(i);
            quote = c == ',' || c == '"' || c == '\n' || c == '\r';
        }
        if (!quote) {
            out.write(value);
            return;
        }
        out.write('"');
        out.write(value.replace("\"", "\"\""));
        out.write('"');
    }
}
