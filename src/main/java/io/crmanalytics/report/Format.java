package io.crmanalytics.report;

import java.util.Locale;

/** Number formatting for people: thousands separators, shares as percentages, 3 significant digits. */
final class Format {
    private Format() {
    }

    static String number(double value) {
        if (Double.isNaN(value)) {
            return "–";
        }
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return String.format(Locale.ROOT, "%,d", (long) value);
        }
        double abs = Math.abs(value);
        if (abs >= 1000) {
            return String.format(Locale.ROOT, "%,.0f", value);
        }
        if (abs >= 10) {
            return String.format(Locale.ROOT, "%.1f", value);
        }
        return String.format(Locale.ROOT, "%.3g", value);
    }

    static String percent(double share) {
        return Double.isNaN(share) ? "–" : String.format(Locale.ROOT, "%.1f%%", share * 100);
    }

    /** Any cell value: numbers formatted, null as an en dash. */
    static String cell(Object value) {
        if (value == null) {
            return "–";
        }
        if (value instanceof Number n && !(value instanceof java.math.BigInteger)) {
            return number(n.doubleValue());
        }
        return String.valueOf(value);
    }
}
