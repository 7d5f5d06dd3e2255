package io.crmanalytics.quality;

import java.util.Locale;

/**
 * The outcome of one data-quality gate on one table.
 *
 * @param measured  the measured figure (a share, a count or a relative change; see {@code gate})
 * @param threshold the largest value of {@code measured} that passes
 * @param detail    one readable sentence: what was measured, or why the gate was not applicable
 */
public record GateResult(String table, String gate, boolean passed, double measured, double threshold,
                         String detail) {

    public String line() {
        return String.format(Locale.ROOT, "%-4s %-28s %-26s %s", passed ? "ok" : "FAIL", table, gate, detail);
    }
}
