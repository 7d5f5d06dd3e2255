package io.crmanalytics.sample;

import java.time.Instant;
import java.time.LocalDate;

/**
 * The generated period in epoch seconds: [start, end) covers the days up to and including the run date; the
 * propensity cut-off splits off the last 90 days.
 */
record Period(LocalDate firstDate, LocalDate runDate, long start, long end, long cutoff) {
    static final long DAY = 86_400L;
    static final long WEEK = 7 * DAY;

    static Period of(LocalDate runDate, int days) {
        LocalDate first = runDate.minusDays(days - 1L);
        long end = runDate.plusDays(1).toEpochDay() * DAY;
        return new Period(first, runDate, first.toEpochDay() * DAY, end,
                end - Truth.PROPENSITY_WINDOW_DAYS * DAY);
    }

    /** The last day of the data that models train on (run date minus the window). */
    LocalDate cutoffDate() {
        return runDate.minusDays(Truth.PROPENSITY_WINDOW_DAYS);
    }

    static String timestamp(long epochSecond) {
        return Instant.ofEpochSecond(epochSecond).toString();
    }

    static String date(long epochSecond) {
        return LocalDate.ofEpochDay(Math.floorDiv(epochSecond, DAY)).toString();
    }

    static long day(long epochSecond) {
        return Math.floorDiv(epochSecond, DAY);
    }
}
