package io.crmanalytics.rootcause;

import io.crmanalytics.stats.MultipleTesting;
import io.crmanalytics.stats.RatioEstimate;
import io.crmanalytics.stats.RiskRatio;
import io.crmanalytics.stats.TwoByTwo;
import io.crmanalytics.stats.TwoByTwoTests;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntConsumer;

/**
 * The search of the explanation engine, MacroBase-style: Apriori over factor terms with an exposure floor (a group
 * is examined for a reason only if it has at least that reason's minimum number of shipments, see
 * {@link ExposureFloor}, and a combination only if all its parts had), one counting pass per level for all reasons
 * together, and a risk ratio with a 95% interval and an exact p-value for every group examined. {@link #judge} then adds
 * Benjamini-Hochberg q-values over all hypotheses (after equivalent groups are merged, {@link Aliases}) and the
 * rule that a combination is reported only when it explains more than its parts: the lower bound of its lift lies
 * above the lift of every part. Complaint counts never prune: the minimum number of complaints is a reporting
 * threshold applied after the tests.
 */
public final class ExplanationSearch {
    private final Reasons reasons;
    private final int maxFactors;
    private final long minShipments;

    /** The groups tested, and the counts of every group tested for some reason (all reasons). */
    record Result(List<Finding> tested, Map<Itemset, GroupCounts> counts, GroupCounts totals) {
    }

    /** @param minShipments exposure floor for every reason; 0 for the power-calculated floor of each reason */
    public ExplanationSearch(Reasons reasons, int maxFactors, long minShipments) {
        this.reasons = reasons;
        this.maxFactors = maxFactors;
        this.minShipments = minShipments;
    }

    /** The floor of each reason: the given minimum, or the power calculation at the reason's base rate. */
    long[] floors(GroupCounts totals) {
        long[] floors = new long[reasons.size()];
        for (int r = 0; r < floors.length; r++) {
            floors[r] = minShipments > 0 ? minShipments
                    : ExposureFloor.shipments((double) totals.complaints(r) / Math.max(1, totals.shipments()));
        }
        return floors;
    }

    /** Every hypothesis tested, without q-values yet. */
    Result run(LevelCounter counter, IntConsumer levelDone) {
        GroupCounts totals = counter.totals();
        long[] floors = floors(totals);
        List<Finding> tested = new ArrayList<>();
        Map<Itemset, GroupCounts> testedCounts = new HashMap<>();
        // Per reason: the frequent itemsets of the previous level.
        List<Set<Itemset>> previous = new ArrayList<>();
        for (int r = 0; r < reasons.size(); r++) {
            previous.add(Set.of());
        }
        for (int level = 1; level <= maxFactors; level++) {
            Map<Integer, Set<Itemset>> candidatesPerReason = new HashMap<>();
            Set<Itemset> allCandidates = new LinkedHashSet<>();
            if (level > 1) {
                for (int r = 0; r < reasons.size(); r++) {
                    Set<Itemset> candidates = candidates(previous.get(r));
                    candidatesPerReason.put(r, candidates);
                    allCandidates.addAll(candidates);
                }
                if (allCandidates.isEmpty()) {
                    break;
                }
            }
            Map<Itemset, GroupCounts> counts = counter.count(level, allCandidates);
            List<Set<Itemset>> current = new ArrayList<>();
            for (int r = 0; r < reasons.size(); r++) {
                Set<Itemset> frequent = new HashSet<>();
                long reasonComplaints = totals.complaints(r);
                for (Map.Entry<Itemset, GroupCounts> entry : counts.entrySet()) {
                    if (level > 1 && !candidatesPerReason.get(r).contains(entry.getKey())) {
                        continue;
                    }
                    GroupCounts group = entry.getValue();
                    if (reasonComplaints == 0 || group.shipments() < floors[r]
                            || group.shipments() >= totals.shipments()) {
                        continue;
                    }
                    frequent.add(entry.getKey());
                    tested.add(evaluate(reasons.name(r), entry.getKey(), group, totals, r));
                    testedCounts.put(entry.getKey(), group);
                }
                current.add(frequent);
            }
            previous = current;
            levelDone.accept(level);
        }
        return new Result(tested, testedCounts, totals);
    }

    /**
     * Q-values (Benjamini-Hochberg over every hypothesis in {@code merged}: one per group of equivalent itemsets)
     * and the reporting rule: over-represented, a combination above its parts ({@code everyTested} holds the parts,
     * aliases included), and at least {@code minComplaints} complaints.
     */
    static List<Finding> judge(List<Finding> merged, List<Finding> everyTested, long minComplaints) {
        double[] q = MultipleTesting.benjaminiHochberg(merged.stream().mapToDouble(Finding::pValue).toArray());
        Map<String, Map<Itemset, Finding>> byReason = new HashMap<>();
        for (Finding f : everyTested) {
            byReason.computeIfAbsent(f.reason(), k -> new HashMap<>()).put(f.itemset(), f);
        }
        List<Finding> result = new ArrayList<>(merged.size());
        for (int i = 0; i < merged.size(); i++) {
            Finding f = merged.get(i).withQValue(q[i]);
            result.add(f.withReported(f.complaints() >= minComplaints
                    && overRepresented(f, byReason.get(f.reason()))));
        }
        return result;
    }

    private static boolean overRepresented(Finding f, Map<Itemset, Finding> sameReason) {
        if (!(f.lift() > 1.0)) {
            return false;
        }
        for (Itemset part : f.itemset().size() > 1 ? f.itemset().parts() : List.<Itemset>of()) {
            Finding partFinding = sameReason.get(part);
            if (partFinding == null || !(f.liftCiLow() > partFinding.lift())) {
                return false;
            }
        }
        return true;
    }

    /**
     * The group's risk ratio (Katz CI) and its p-value by Fisher's exact test, whatever the counts. Not the
     * chi-square: a search's discoveries are its smallest p-values, and there, for the groups of a hundred or so
     * shipments that pairs make, the chi-square understates the upper tail of the complaint count 3-5 fold (a
     * group of 117 shipments with 30 complaints against 12% elsewhere: chi-square 4.0e-5, exact 1.7e-4). Chance
     * pairs then passed Benjamini-Hochberg in about 6% of worlds without any cause (NoCauseWorldTest).
     */
    private static Finding evaluate(String reason, Itemset itemset, GroupCounts group, GroupCounts totals, int r) {
        TwoByTwo table = TwoByTwo.ofGroup(group.complaints(r), group.shipments(), totals.complaints(r),
                totals.shipments());
        RatioEstimate rr = RiskRatio.of(table);
        return new Finding(reason, itemset, group.shipments(), group.complaints(r),
                (double) group.shipments() / totals.shipments(),
                (double) group.complaints(r) / totals.complaints(r),
                (double) group.complaints(r) / group.shipments(),
                rr.ratio(), rr.ciLow(), rr.ciHigh(), TwoByTwoTests.fisherExact(table), Double.NaN, null, null, null,
                false, List.of(), null);
    }

    /** Apriori generation: unions of two frequent sets one term larger whose every part is frequent. */
    static Set<Itemset> candidates(Set<Itemset> frequent) {
        Set<Itemset> result = new HashSet<>();
        List<Itemset> list = new ArrayList<>(frequent);
        for (int i = 0; i < list.size(); i++) {
            for (int j = i + 1; j < list.size(); j++) {
                Itemset joined = list.get(i).join(list.get(j));
                if (joined != null && !result.contains(joined) && frequent.containsAll(joined.parts())) {
                    result.add(joined);
                }
            }
        }
        return result;
    }
}
