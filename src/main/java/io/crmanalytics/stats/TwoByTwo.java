package io.crmanalytics.stats;

/**
 * A 2x2 table in cohort form: events (e.g. complaints) among the units of a group (e.g. shipments of one carrier)
 * and among the units outside it. Counts are longs because groups in a nightly run reach tens of millions.
 *
 * @param groupEvents events in the group (a)
 * @param groupTotal  units in the group (n1 = a + b)
 * @param otherEvents events outside the group (c)
 * @param otherTotal  units outside the group (n0 = c + d)
 */
public record TwoByTwo(long groupEvents, long groupTotal, long otherEvents, long otherTotal) {

    public TwoByTwo {
        if (groupEvents < 0 || otherEvents < 0 || groupEvents > groupTotal || otherEvents > otherTotal) {
            throw new IllegalArgumentException("events must be between 0 and the unit count: " + describe(
                    groupEvents, groupTotal, otherEvents, otherTotal));
        }
    }

    /** The table for a group given the group's counts and the population's totals. */
    public static TwoByTwo ofGroup(long groupEvents, long groupTotal, long allEvents, long allTotal) {
        return new TwoByTwo(groupEvents, groupTotal, allEvents - groupEvents, allTotal - groupTotal);
    }

    public long groupNonEvents() {
        return groupTotal - groupEvents;
    }

    public long otherNonEvents() {
        return otherTotal - otherEvents;
    }

    public long total() {
        return groupTotal + otherTotal;
    }

    public long events() {
        return groupEvents + otherEvents;
    }

    public double groupRate() {
        return groupTotal == 0 ? Double.NaN : (double) groupEvents / groupTotal;
    }

    public double otherRate() {
        return otherTotal == 0 ? Double.NaN : (double) otherEvents / otherTotal;
    }

    /** Whether any of the four cells is zero: ratio estimates then need a continuity correction. */
    boolean hasZeroCell() {
        return groupEvents == 0 || groupNonEvents() == 0 || otherEvents == 0 || otherNonEvents() == 0;
    }

    private static String describe(long a, long n1, long c, long n0) {
        return "group " + a + "/" + n1 + ", other " + c + "/" + n0;
    }
}
