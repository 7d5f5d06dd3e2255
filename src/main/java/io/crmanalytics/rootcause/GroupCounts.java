package io.crmanalytics.rootcause;

/**
 * Counts of one group (or of all shipments): shipments, and complained shipments per complaint reason, indexed as
 * the run's {@link Reasons} (index 0 is {@code all}). A shipment with several complaints counts once per reason:
 * repeat contacts about one parcel are one problem.
 */
public record GroupCounts(long shipments, long[] complaints) {
    public long complaints(int reason) {
        return complaints[reason];
    }
}
