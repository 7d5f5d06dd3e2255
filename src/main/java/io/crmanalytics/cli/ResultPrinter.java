package io.crmanalytics.cli;

import io.crmanalytics.job.JobResult;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Prints a job's result for a person: tables written, headline figures, then the job's rows as {@link ResultLines} renders them. */
final class ResultPrinter {
    private ResultPrinter() {
    }

    static void print(JobResult result, PrintWriter out) {
        out.printf(Locale.ROOT, "%s finished in %.1fs%n", result.job(), result.seconds());
        for (Map.Entry<String, Long> table : result.tablesWritten().entrySet()) {
            out.printf(Locale.ROOT, "  wrote %-40s %,12d rows%n", table.getKey(), table.getValue());
        }
        for (Map.Entry<String, Object> figure : result.figures().entrySet()) {
            out.printf(Locale.ROOT, "  %-46s %s%n", figure.getKey(), format(figure.getValue()));
        }
        List<String> lines = ResultLines.of(result);
        if (!lines.isEmpty()) {
            out.println();
            lines.forEach(out::println);
        }
        out.flush();
    }

    static String format(Object value) {
        if (value instanceof Double d) {
            return String.format(Locale.ROOT, "%.4g", d);
        }
        if (value instanceof Long || value instanceof Integer) {
            return String.format(Locale.ROOT, "%,d", ((Number) value).longValue());
        }
        return String.valueOf(value);
    }
}
