package io.crmanalytics.job;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a job reports back: the tables it wrote with their row counts, headline figures (in insertion order,
 * printed by the CLI and collected by {@code crm run}), and small named lists of rows (top findings, segment
 * sizes, skipped categories...) that the CLI renders. A result holds data only: how it reads on a console is the
 * CLI's business.
 */
public final class JobResult {
    private final String job;
    private final Map<String, Long> tablesWritten = new LinkedHashMap<>();
    private final Map<String, Object> figures = new LinkedHashMap<>();
    private final Map<String, List<Map<String, Object>>> rows = new LinkedHashMap<>();
    private double seconds;

    public JobResult(String job) {
        this.job = job;
    }

    public JobResult table(String qualifiedName, long rows) {
        tablesWritten.put(qualifiedName, rows);
        return this;
    }

    public JobResult figure(String name, Object value) {
        figures.put(name, value);
        return this;
    }

    /**
     * Appends one row to the named list; {@code namesAndValues} alternates field names and values (a value may be
     * null), and the fields keep that order.
     */
    public JobResult row(String list, Object... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("row of " + list + ": names and values must alternate");
        }
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            row.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        rows.computeIfAbsent(list, k -> new ArrayList<>()).add(Collections.unmodifiableMap(row));
        return this;
    }

    public JobResult seconds(double value) {
        this.seconds = value;
        return this;
    }

    public String job() {
        return job;
    }

    public Map<String, Long> tablesWritten() {
        return Collections.unmodifiableMap(tablesWritten);
    }

    public Map<String, Object> figures() {
        return Collections.unmodifiableMap(figures);
    }

    /** The rows of the named list, in the order added; empty when the job added none. */
    public List<Map<String, Object>> rows(String list) {
        return Collections.unmodifiableList(rows.getOrDefault(list, List.of()));
    }

    /** The names of the row lists, in the order first added. */
    public List<String> rowLists() {
        return List.copyOf(rows.keySet());
    }

    public double seconds() {
        return seconds;
    }

    public long rowsWritten() {
        return tablesWritten.values().stream().mapToLong(Long::longValue).sum();
    }
}
