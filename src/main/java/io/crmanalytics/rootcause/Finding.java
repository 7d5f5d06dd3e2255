package io.crmanalytics.rootcause;

import io.crmanalytics.stats.RatioEstimate;
import java.util.List;

/**
 * One tested group for one complaint reason with its statistics. {@code aliases} are the other itemsets that
 * select exactly the same shipments ({@link Aliases}); {@code adjustedLift} (single factors only), {@code rank} and
 * {@code placement} (ranked findings only) are filled in by later steps; null until then or when not applicable.
 */
public record Finding(String reason, Itemset itemset, long shipments, long complaints, double shipmentShare,
                      double complaintShare, double complaintRate, double lift, double liftCiLow,
                      double liftCiHigh, double pValue, double qValue, Double adjustedLift, String adjustedFor,
                      Integer rank, boolean reported, List<Itemset> aliases, Placement placement) {

    /**
     * What the conditional ranking found ({@link ConditionalRanking}): the information gain the finding added
     * given the findings ranked above it, and, when a finding ranked above it took most of its excess, that
     * finding ({@code explainedBy}) with this finding's lift outside it ({@code residualLift}, with 95% CI).
     */
    public record Placement(double informationGain, Itemset explainedBy, RatioEstimate residualLift) {
    }

    public Finding {
        aliases = List.copyOf(aliases);
    }

    public boolean significant(double alpha) {
        return qValue < alpha && lift > 1.0;
    }

    /**
     * Complaints the group has beyond what its shipments would have at the rate of the other shipments:
     * complaints x (1 - 1/lift), using the confounder-adjusted lift when there is one.
     */
    public double excessComplaints() {
        double ratio = adjustedLift != null && !adjustedLift.isNaN() ? adjustedLift : lift;
        return ratio > 0 ? complaints * (1.0 - 1.0 / ratio) : 0.0;
    }

    Finding withQValue(double q) {
        return new Finding(reason, itemset, shipments, complaints, shipmentShare, complaintShare, complaintRate,
                lift, liftCiLow, liftCiHigh, pValue, q, adjustedLift, adjustedFor, rank, reported, aliases, placement);
    }

    Finding withReported(boolean value) {
        return new Finding(reason, itemset, shipments, complaints, shipmentShare, complaintShare, complaintRate,
                lift, liftCiLow, liftCiHigh, pValue, qValue, adjustedLift, adjustedFor, rank, value, aliases,
                placement);
    }

    Finding withAdjustment(double value, String controlledFor) {
        return new Finding(reason, itemset, shipments, complaints, shipmentShare, complaintShare, complaintRate,
                lift, liftCiLow, liftCiHigh, pValue, qValue, value, controlledFor, rank, reported, aliases, placement);
    }

    Finding withAliases(List<Itemset> value) {
        return new Finding(reason, itemset, shipments, complaints, shipmentShare, complaintShare, complaintRate,
                lift, liftCiLow, liftCiHigh, pValue, qValue, adjustedLift, adjustedFor, rank, reported, value,
                placement);
    }

    Finding withRank(Integer value, Placement how) {
        return new Finding(reason, itemset, shipments, complaints, shipmentShare, complaintShare, complaintRate,
                lift, liftCiLow, liftCiHigh, pValue, qValue, adjustedLift, adjustedFor, value, reported, aliases, how);
    }
}
