package io.crmanalytics.rootcause;

import io.crmanalytics.stats.MantelHaenszel;
import io.crmanalytics.stats.RatioEstimate;
import io.crmanalytics.stats.TwoByTwo;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Adjusted lift for every reported single factor: the Mantel-Haenszel risk ratio of the factor stratified by the
 * other top factors' dimensions (the dimensions of the strongest significant single factors of the same reason,
 * at most {@value #CONFOUNDER_DIMENSIONS}, excluding the factor's own dimension and mediators such as
 * delivery_status). A carrier that looks bad only because it serves a remote region gets an adjusted lift near 1;
 * the region, adjusted for carriers, keeps its lift. One pass over the shipments counts every set of stratifying
 * dimensions needed.
 */
final class Confounding {
    static final int TOP_FACTORS = 3;
    static final int CONFOUNDER_DIMENSIONS = 2;

    private Confounding() {
    }

    static List<Finding> adjust(EncodedUnits units, Reasons reasons, List<Finding> findings, double alpha) {
        // Which stratifying dimensions each reported single factor needs.
        Map<Finding, List<String>> plan = new LinkedHashMap<>();
        Map<String, List<Finding>> byReason = new HashMap<>();
        for (Finding f : findings) {
            byReason.computeIfAbsent(f.reason(), k -> new ArrayList<>()).add(f);
        }
        for (List<Finding> sameReason : byReason.values()) {
            List<String> topDimensions = sameReason.stream()
                    .filter(f -> f.itemset().size() == 1 && f.reported() && f.significant(alpha))
                    .sorted(Comparator.comparingDouble(Finding::excessComplaints).reversed())
                    .map(f -> f.itemset().terms().get(0).dimension())
                    .filter(Dimensions::canConfound)
                    .distinct().limit(TOP_FACTORS).toList();
            for (Finding f : sameReason) {
                if (f.itemset().size() == 1 && f.reported()) {
                    String own = f.itemset().terms().get(0).dimension();
                    plan.put(f, topDimensions.stream().filter(d -> !d.equals(own)).limit(CONFOUNDER_DIMENSIONS)
                            .toList());
                }
            }
        }
        Map<List<String>, Set<String>> termsBySet = new LinkedHashMap<>();
        plan.forEach((f, strata) -> {
            if (!strata.isEmpty()) {
                termsBySet.computeIfAbsent(strata, s -> new LinkedHashSet<>()).add(f.itemset().terms().get(0).key());
            }
        });
        Map<List<String>, StrataCounts> counted = termsBySet.isEmpty() ? Map.of() : units.strata(termsBySet);
        List<Finding> result = new ArrayList<>(findings.size());
        for (Finding f : findings) {
            List<String> strata = plan.get(f);
            if (strata == null) {
                result.add(f);
            } else if (strata.isEmpty()) {
                // Nothing else over-represented to confound with: the crude lift is the adjusted one.
                result.add(f.withAdjustment(f.lift(), null));
            } else {
                int r = reasons.names().indexOf(f.reason());
                RatioEstimate mh = MantelHaenszel.riskRatio(counted.get(strata)
                        .tables(f.itemset().terms().get(0).key(), r));
                result.add(f.withAdjustment(mh.ratio(), String.join(", ", strata)));
            }
        }
        return result;
    }

    /** Counts per (term, stratum) and per stratum for one set of stratifying dimensions. */
    record StrataCounts(Map<String, Map<Object, GroupCounts>> byTerm, Map<Object, GroupCounts> byStratum) {

        List<TwoByTwo> tables(String term, int reason) {
            List<TwoByTwo> tables = new ArrayList<>();
            Map<Object, GroupCounts> group = byTerm.getOrDefault(term, Map.of());
            for (Map.Entry<Object, GroupCounts> stratum : byStratum.entrySet()) {
                GroupCounts in = group.get(stratum.getKey());
                long inShipments = in == null ? 0 : in.shipments();
                long inComplaints = in == null ? 0 : in.complaints(reason);
                tables.add(TwoByTwo.ofGroup(inComplaints, inShipments, stratum.getValue().complaints(reason),
                        stratum.getValue().shipments()));
            }
            return tables;
        }
    }
}
