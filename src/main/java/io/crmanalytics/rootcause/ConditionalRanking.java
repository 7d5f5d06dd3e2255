package io.crmanalytics.rootcause;

import io.crmanalytics.stats.RatioEstimate;
import io.crmanalytics.stats.RiskRatio;
import io.crmanalytics.stats.TwoByTwo;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The rank rule, within each complaint reason, in the manner of explanation tables (El Gebaly et al., VLDB 2014):
 * findings are chosen greedily, each time the one with the largest information gain given those already chosen.
 * The model is the maximum-entropy (log-linear) estimate of each shipment's expected complaints that matches the
 * observed complaints of every chosen finding and of all shipments, fitted by iterative scaling over the
 * membership patterns of the pool (the significant, reported findings). A candidate's gain is the log-likelihood
 * it adds when its own rate is fitted on top of the model: y ln(y / e) - (y - e), with y its complaints and e what
 * the model expects, in nats. A single factor whose excess lies inside an interaction chosen before it gains
 * almost nothing once the interaction is in the model, so it falls below it; it is reported as
 * {@code explained_by} that finding (the one chosen above it whose choice took the largest share, at least
 * {@value #EXPLAINED_SHARE}, of its gain) with its residual lift: the risk ratio of its shipments outside that finding against the other
 * shipments outside it, with a 95% CI. Findings that involve delivery_status come after the others, because a
 * late delivery is how a cause shows, not the cause a manager can act on. Only the {@value #MAX_POOL} findings
 * with the most excess complaints per reason are ranked (a pattern is a 64-bit mask).
 */
final class ConditionalRanking {
    static final int MAX_POOL = 63;
    /**
     * Share of a finding's own gain that one finding chosen before it must take to explain it. Three quarters: on
     * the sample the parts of the planted interaction lose over 90% of their gain to it, while delivery_status=late
     * loses 58% to the carrier behind many late parcels yet stays 12x outside it (not "explained").
     */
    static final double EXPLAINED_SHARE = 0.75;
    private static final int MAX_SCALING_ROUNDS = 500;

    private ConditionalRanking() {
    }

    static List<Finding> rank(List<Finding> findings, EncodedUnits units, double alpha) {
        Reasons reasons = units.reasons();
        Map<String, List<Finding>> pools = new HashMap<>();
        for (Finding f : findings) {
            if (f.reported() && f.significant(alpha)) {
                pools.computeIfAbsent(f.reason(), k -> new ArrayList<>()).add(f);
            }
        }
        List<String> order = new ArrayList<>(pools.keySet());
        List<List<Itemset>> itemsets = new ArrayList<>();
        for (String reason : order) {
            List<Finding> pool = pools.get(reason);
            pool.sort(Comparator.comparingDouble(Finding::excessComplaints).reversed()
                    .thenComparing(f -> f.itemset().factors()));
            if (pool.size() > MAX_POOL) {
                pool.subList(MAX_POOL, pool.size()).clear();
            }
            itemsets.add(pool.stream().map(Finding::itemset).toList());
        }
        List<Map<Long, GroupCounts>> patterns = order.isEmpty() ? List.of() : units.membership(itemsets);
        GroupCounts totals = units.totals();
        Map<Finding, Finding> placed = new HashMap<>();
        for (int p = 0; p < order.size(); p++) {
            int r = reasons.names().indexOf(order.get(p));
            List<Finding> pool = pools.get(order.get(p));
            new Greedy(pool, Cells.of(patterns.get(p), totals, r)).run(placed);
        }
        List<Finding> result = new ArrayList<>(findings.size());
        for (Finding f : findings) {
            result.add(placed.getOrDefault(f, f.withRank(null, null)));
        }
        return result;
    }

    /** Membership patterns (pattern 0 included) with their shipments and complaints of one reason. */
    record Cells(long[] masks, double[] shipments, double[] complaints) {
        static Cells of(Map<Long, GroupCounts> patterns, GroupCounts totals, int reason) {
            int n = patterns.size() + 1;
            long[] masks = new long[n];
            double[] shipments = new double[n];
            double[] complaints = new double[n];
            double restShipments = totals.shipments();
            double restComplaints = totals.complaints(reason);
            int i = 1;
            // In mask order: the sums below (and every statistic fitted from these cells) are floating point, so
            // the order of the patterns must not depend on how the partitions' tallies happened to be merged.
            for (Map.Entry<Long, GroupCounts> e : new java.util.TreeMap<>(patterns).entrySet()) {
                masks[i] = e.getKey();
                shipments[i] = e.getValue().shipments();
                complaints[i] = e.getValue().complaints(reason);
                restShipments -= shipments[i];
                restComplaints -= complaints[i];
                i++;
            }
            shipments[0] = restShipments;
            complaints[0] = restComplaints;
            return new Cells(masks, shipments, complaints);
        }

        int size() {
            return masks.length;
        }

        double sum(double[] values, long all, long none) {
            double s = 0;
            for (int c = 0; c < masks.length; c++) {
                if ((masks[c] & all) == all && (masks[c] & none) == 0) {
                    s += values[c];
                }
            }
            return s;
        }
    }

    /** The greedy choice over one reason's pool. */
    private static final class Greedy {
        private final List<Finding> pool;
        private final Cells cells;
        private final double[] expected;
        private final List<Integer> chosen = new ArrayList<>();

        Greedy(List<Finding> pool, Cells cells) {
            this.pool = pool;
            this.cells = cells;
            this.expected = new double[cells.size()];
        }

        void run(Map<Finding, Finding> placed) {
            fit();
            int n = pool.size();
            double[] firstGain = new double[n];
            double[] lastGain = new double[n];
            double[] largestDrop = new double[n];
            int[] droppedBy = new int[n];
            java.util.Arrays.fill(droppedBy, -1);
            boolean[] done = new boolean[n];
            for (int i = 0; i < n; i++) {
                firstGain[i] = gain(i);
                lastGain[i] = firstGain[i];
            }
            for (int rank = 1; rank <= n; rank++) {
                int best = -1;
                double[] gains = new double[n];
                for (int i = 0; i < n; i++) {
                    if (done[i]) {
                        continue;
                    }
                    gains[i] = gain(i);
                    if (!chosen.isEmpty()) {
                        double drop = lastGain[i] - gains[i];
                        if (drop > largestDrop[i]) {
                            largestDrop[i] = drop;
                            droppedBy[i] = chosen.get(chosen.size() - 1);
                        }
                    }
                    lastGain[i] = gains[i];
                    if (best < 0 || better(i, gains[i], best, gains[best])) {
                        best = i;
                    }
                }
                done[best] = true;
                chosen.add(best);
                fit();
                Finding f = pool.get(best);
                Itemset explainedBy = null;
                RatioEstimate residual = null;
                if (droppedBy[best] >= 0 && largestDrop[best] >= EXPLAINED_SHARE * firstGain[best]) {
                    explainedBy = pool.get(droppedBy[best]).itemset();
                    residual = residualLift(best, droppedBy[best]);
                }
                placed.put(f, f.withRank(rank, new Finding.Placement(gains[best], explainedBy, residual)));
            }
        }

        private boolean better(int i, double gain, int j, double bestGain) {
            boolean iOutcome = Ranking.involvesOutcome(pool.get(i));
            boolean jOutcome = Ranking.involvesOutcome(pool.get(j));
            if (iOutcome != jOutcome) {
                return !iOutcome;
            }
            if (gain != bestGain) {
                return gain > bestGain;
            }
            return pool.get(i).itemset().factors().compareTo(pool.get(j).itemset().factors()) < 0;
        }

        /** The gain of fitting finding i's own rate on top of the current model, in nats. */
        private double gain(int i) {
            long bit = 1L << i;
            double y = cells.sum(cells.complaints(), bit, 0);
            double e = cells.sum(expected, bit, 0);
            if (e <= 0) {
                return 0;
            }
            return (y > 0 ? y * Math.log(y / e) : 0) - (y - e);
        }

        /** Iterative scaling: every chosen finding's and the total's expected complaints match the observed. */
        private void fit() {
            double total = cells.sum(cells.complaints(), 0, 0);
            double shipments = cells.sum(cells.shipments(), 0, 0);
            for (int c = 0; c < expected.length; c++) {
                expected[c] = cells.shipments()[c] * total / shipments;
            }
            for (int round = 0; round < MAX_SCALING_ROUNDS && !chosen.isEmpty(); round++) {
                double change = 0;
                for (int i : chosen) {
                    change = Math.max(change, scale(1L << i));
                }
                change = Math.max(change, scale(0));
                if (change < 1e-10) {
                    break;
                }
            }
        }

        private double scale(long bit) {
            double observed = cells.sum(cells.complaints(), bit, 0);
            double fitted = cells.sum(expected, bit, 0);
            if (fitted <= 0) {
                return 0;
            }
            double factor = observed / fitted;
            for (int c = 0; c < expected.length; c++) {
                if ((cells.masks()[c] & bit) == bit) {
                    expected[c] *= factor;
                }
            }
            return Math.abs(factor - 1);
        }

        /** Finding i's shipments outside finding e against the other shipments outside e. */
        private RatioEstimate residualLift(int i, int e) {
            long own = 1L << i;
            long outside = 1L << e;
            double inComplaints = cells.sum(cells.complaints(), own, outside);
            double inShipments = cells.sum(cells.shipments(), own, outside);
            double allComplaints = cells.sum(cells.complaints(), 0, outside);
            double allShipments = cells.sum(cells.shipments(), 0, outside);
            return RiskRatio.of(TwoByTwo.ofGroup(Math.round(inComplaints), Math.round(inShipments),
                    Math.round(allComplaints), Math.round(allShipments)));
        }
    }
}
