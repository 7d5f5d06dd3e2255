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
 * at most {@value #CONFOUNDER_DIMENSIONS}, excluding the factor's own dimension, the dimensions of its aliases and
 * mediators such as delivery_status). Never by an alias: a factor stratified by its own alias
 * ({@code customer_region=North} by dest_region) sits in one stratum whole and has no comparison left, so its
 * adjusted lift would be undefined. When the strata still leave no comparison (a factor nested in one stratum of
 * each dimension together), each dimension alone is tried, in order of the top factors. A carrier that looks bad only because it serves a remote region gets an adjusted lift near 1;
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
        Map<Finding, List<List<String>>> plan = new LinkedHashMap<>();
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
                    Set<String> excluded = new LinkedHashSet<>();
                    excluded.add(f.itemset().terms().get(0).dimension());
                    f.aliases().forEach(a -> a.terms().forEach(t -> excluded.add(t.dimension())));
                    List<String> strata = topDimensions.stream().filter(d -> !excluded.contains(d))
                            .limit(CONFOUNDER_DIMENSIONS).toList();
                    List<List<String>> tries = new ArrayList<>();
                    tries.add(strata);
                    if (strata.size() > 1) {
                        strata.forEach(d -> tries.add(List.of(d)));
                    }
                    plan.put(f, tries);
                }
            }
        }
        Map<List<String>, Set<String>> termsBySet = new LinkedHashMap<>();
        plan.forEach((f, tries) -> tries.forEach(strata -> {
            if (!strata.isEmpty()) {
                termsBySet.computeIfAbsent(strata, s -> new LinkedHashSet<>()).add(f.itemset().terms().get(0).key());
            }
        }));
        Map<List<String>, StrataCounts> counted = termsBySet.isEmpty() ? Map.of() : units.strata(termsBySet);
        List<Finding> result = new ArrayList<>(findings.size());
        for (Finding f : findings) {
            List<List<String>> tries = plan.get(f);
            if (tries == null) {
                result.add(f);
            } else if (tries.get(0).isEmpty()) {
                // Nothing else over-represented to confound with: the crude lift is the adjusted one.
                result.add(f.withAdjustment(f.lift(), null));
            } else {
                int r = reasons.names().indexOf(f.reason());
                Finding adjusted = f.withAdjustment(Double.NaN, String.join(", ", tries.get(0)));
                for (List<String> strata : tries) {
                    RatioEstimate mh = MantelHaenszel.riskRatio(counted.get(strata)
                            .tables(f.itemset().terms().get(0).key(), r));
                    if (mh.isDefined()) {
                        adjusted = f.withAdjustment(mh.ratio(), String.join(", ", strata));
                        break;
                    }
                }
                result.add(adjusted);
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
