package io.crmanalytics.rootcause;

/**
 * One tested group for one complaint reason with its statistics. {@code adjustedLift} (single factors only) and
 * {@code rank} (significant findings only) are filled in by later steps; null until then or when not applicable.
 */
public record Finding(String reason, Itemset itemset, long shipments, long complaints, double shipmentShare,
                      double complaintShare, double complaintRate, double lift, double liftCiLow,
                      double liftCiHigh, double pValue, double qValue, Double adjustedLift, String adjustedFor,
                      Integer rank, boolean reported) {

    public boolean significant(double alpha) {
        return qValue < alpha && lift > 1.0;
    }

    /**
     * Complaints the group has beyond what its shipments would have at the rate of the other shipments:
     * complaints x (1 - 1/lift), using the confounder-adjusted lift when there is one, so that a factor whose
     * excess is explained by another factor stops looking important.
     */
    public double excessComplaints() {
        double ratio = adjustedLift != null && !adjustedLift.isNaN() ? adjustedLift : lift;
        return ratio > 0 ? complaints * (1.0 - 1.0 / ratio) : 0.0;
    }

    Finding withQValue(double q) {
        return new Finding(reason, itemset, shipments, complaints, shipmentShare, complaintShare, complaintRate,
                lift, liftCiLow, liftCiHigh, pValue, q, adjustedLift, adjustedFor, rank, reported);
    }

    Finding withReported(boolean value) {
        return new Finding(reason, itemset, shipments, complaints, shipmentShare, complaintShare, complaintRate,
                lift, liftCiLow, liftCiHigh, pValue, qValue, adjustedLift, adjustedFor, rank, value);
    }

    Finding withAdjustment(double value, String controlledFor) {
        return new Finding(reason, itemset, shipments, complaints, shipmentShare, complaintShare, complaintRate,
                lift, liftCiLow, liftCiHigh, pValue, qValue, value, controlledFor, rank, reported);
    }

    Finding withRank(Integer value) {
        return new Finding(reason, itemset, shipments, complaints, shipmentShare, complaintShare, complaintRate,
                lift, liftCiLow, liftCiHigh, pValue, qValue, adjustedLift, adjustedFor, value, reported);
    }
}
