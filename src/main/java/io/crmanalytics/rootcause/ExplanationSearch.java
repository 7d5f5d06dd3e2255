package io.crmanalytics.rootcause;

import io.crmanalytics.stats.MultipleTesting;
import io.crmanalytics.stats.RatioEstimate;
import io.crmanalytics.stats.RiskRatio;
import io.crmanalytics.stats.TwoByTwo;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntConsumer;

/**
 * The search of the explanation engine, MacroBase-style: Apriori over factor terms with minimum-support pruning
 * (a group is examined for a reason only if it holds at least {@code minSupport} of that reason's complaints, and
 * a combination only if all its parts did), one counting pass per level for all reasons together, a risk ratio
 * with a 95% interval and a p-value for every group examined, Benjamini-Hochberg q-values over all of them, and
 * the rule that a combination is reported only when it explains more than its parts: the lower bound of its lift
 * lies above the lift of every part.
 */
public final class ExplanationSearch {
    private final Reasons reasons;
    private final int maxFactors;
    private final double minSupport;

    public ExplanationSearch(Reasons reasons, int maxFactors, double minSupport) {
        this.reasons = reasons;
        this.maxFactors = maxFactors;
        this.minSupport = minSupport;
    }

    /** Every hypothesis tested, with q-values; {@link Finding#reported()} marks the over-represented ones to keep. */
    public List<Finding> run(LevelCounter counter, IntConsumer levelDone) {
        GroupCounts totals = counter.totals();
        List<Finding> tested = new ArrayList<>();
        // Per reason: the frequent itemsets of the previous level, with their findings (to compare combinations).
        List<Map<Itemset, Finding>> previous = new ArrayList<>();
        for (int r = 0; r < reasons.size(); r++) {
            previous.add(Map.of());
        }
        for (int level = 1; level <= maxFactors; level++) {
            Map<Integer, Set<Itemset>> candidatesPerReason = new HashMap<>();
            Set<Itemset> allCandidates = new LinkedHashSet<>();
            if (level > 1) {
                for (int r = 0; r < reasons.size(); r++) {
                    Set<Itemset> candidates = candidates(previous.get(r).keySet());
                    candidatesPerReason.put(r, candidates);
                    allCandidates.addAll(candidates);
                }
                if (allCandidates.isEmpty()) {
                    break;
                }
            }
            Map<Itemset, GroupCounts> counts = counter.count(level, allCandidates);
            List<Map<Itemset, Finding>> current = new ArrayList<>();
            for (int r = 0; r < reasons.size(); r++) {
                Map<Itemset, Finding> frequent = new HashMap<>();
                long reasonComplaints = totals.complaints(r);
                double threshold = Math.max(1.0, minSupport * reasonComplaints);
                for (Map.Entry<Itemset, GroupCounts> entry : counts.entrySet()) {
                    if (level > 1 && !candidatesPerReason.get(r).contains(entry.getKey())) {
                        continue;
                    }
                    GroupCounts group = entry.getValue();
                    if (reasonComplaints == 0 || group.complaints(r) < threshold
                            || group.shipments() >= totals.shipments()) {
                        continue;
                    }
                    Finding finding = evaluate(reasons.name(r), entry.getKey(), group, totals, r);
                    frequent.put(entry.getKey(), finding);
                    tested.add(finding);
                }
                current.add(frequent);
            }
            previous = current;
            levelDone.accept(level);
        }
        double[] p = tested.stream().mapToDouble(Finding::pValue).toArray();
        double[] q = MultipleTesting.benjaminiHochberg(p);
        Map<String, Map<Itemset, Finding>> byReason = new HashMap<>();
        List<Finding> withQ = new ArrayList<>(tested.size());
        for (int i = 0; i < tested.size(); i++) {
            Finding f = tested.get(i).withQValue(q[i]);
            withQ.add(f);
            byReason.computeIfAbsent(f.reason(), k -> new HashMap<>()).put(f.itemset(), f);
        }
        List<Finding> result = new ArrayList<>(withQ.size());
        for (Finding f : withQ) {
            result.add(f.withReported(overRepresented(f, byReason.get(f.reason()))));
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

    private static Finding evaluate(String reason, Itemset itemset, GroupCounts group, GroupCounts totals, int r) {
        TwoByTwo table = TwoByTwo.ofGroup(group.complaints(r), group.shipments(), totals.complaints(r),
                totals.shipments());
        RatioEstimate rr = RiskRatio.of(table);
        return new Finding(reason, itemset, group.shipments(), group.complaints(r),
                (double) group.shipments() / totals.shipments(),
                (double) group.complaints(r) / totals.complaints(r),
                (double) group.complaints(r) / group.shipments(),
                rr.ratio(), rr.ciLow(), rr.ciHigh(), rr.pValue(), Double.NaN, null, null, null, false);
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
