package io.crmanalytics.report;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One part of the report: its HTML and its headline figures for summary.json. A section whose gold table is
 * absent is "not run", saying which table and which job would produce it.
 */
record Section(String id, String title, boolean ran, String html, Map<String, Object> summary) {

    static Section notRun(String id, String title, String table, String command) {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("status", "not run");
        summary.put("missing_table", table);
        return new Section(id, title, false,
                Html.note("Not run: " + table + " does not exist for this run date (produced by `" + command + "`)."),
                summary);
    }

    static Section ran(String id, String title, String html, Map<String, Object> figures) {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("status", "ok");
        summary.putAll(figures);
        return new Section(id, title, true, html, summary);
    }
}
