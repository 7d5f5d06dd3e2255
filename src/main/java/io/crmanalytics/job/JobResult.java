package io.crmanalytics.job;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a job reports back: the tables it wrote with their row counts, headline figures (in insertion
 * order, printed by the CLI and collected by {@code crm run}), and free-form lines such as a top-findings table.
 */
public final class JobResult {
    private final String job;
    private final Map<String, Long> tablesWritten = new LinkedHashMap<>();
    private final Map<String, Object> figures = new LinkedHashMap<>();
    private final List<String> lines = new ArrayList<>();
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

    public JobResult line(String text) {
        lines.add(text);
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

    public List<String> lines() {
        return Collections.unmodifiableList(lines);
    }

    public double seconds() {
        return seconds;
    }

    public long rowsWritten() {
        return tablesWritten.values().stream().mapToLong(Long::longValue).sum();
    }
}
