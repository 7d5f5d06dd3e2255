package io.crmanalytics.value;

import io.crmanalytics.core.InvalidOption;
import java.util.Locale;

/** The time unit of frequency/recency/T and of the model parameters: purchase occasions are calendar days. */
public enum TimeUnit {
    DAY(1), WEEK(7);

    private final int days;

    TimeUnit(int days) {
        this.days = days;
    }

    public int days() {
        return days;
    }

    /** Length of this unit in years (365.25 days), for discounting. */
    public double years() {
        return days / 365.25;
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static TimeUnit parse(String text) {
        for (TimeUnit unit : values()) {
            if (unit.label().equalsIgnoreCase(text.trim())) {
                return unit;
            }
        }
        throw new InvalidOption("timeUnit", InvalidOption.OPTION + " must be day or week, not '" + text + "'");
    }
}
