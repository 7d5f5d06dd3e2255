package io.crmanalytics.rootcause;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Merges equivalent itemsets: two spellings of one set of shipments ({@code customer_region=North} and
 * {@code dest_region=North} when every customer lives where the parcels go; {@code warehouse=WH-2} and
 * {@code origin_region=East} when WH-2 is East's only warehouse) are one hypothesis and one finding, reported once
 * under its shortest spelling with the others as {@code aliases}. Never decided from names: itemsets are suspects
 * only when their counts agree exactly (shipments and complained shipments of every reason, necessary for
 * equivalence), and a suspect pair is confirmed on the encoded shipments by counting the shipments that hold both:
 * A and B select the same shipments exactly when |A and B| = |A| = |B|.
 */
final class Aliases {
    /** Suspects per count signature beyond this many are left unmerged (pairs are checked exhaustively). */
    static final int MAX_CLASS = 16;

    private Aliases() {
    }

    /** One finding per reason and set of equivalent itemsets, with its aliases; the others are dropped. */
    static List<Finding> merge(ExplanationSearch.Result search, EncodedUnits units) {
        Map<String, List<Itemset>> bySignature = new HashMap<>();
        search.counts().forEach((itemset, counts) -> bySignature.computeIfAbsent(
                counts.shipments() + ":" + Arrays.toString(counts.complaints()), k -> new ArrayList<>()).add(itemset));
        List<List<Itemset>> pairs = new ArrayList<>();
        List<List<Itemset>> suspects = new ArrayList<>();
        for (List<Itemset> same : bySignature.values()) {
            if (same.size() < 2) {
                continue;
            }
            same.sort(SHORTEST_FIRST);
            List<Itemset> members = same.subList(0, Math.min(MAX_CLASS, same.size()));
            suspects.add(members);
            for (int i = 0; i < members.size(); i++) {
                for (int j = i + 1; j < members.size(); j++) {
                    pairs.add(List.of(members.get(i), members.get(j)));
                }
            }
        }
        if (suspects.isEmpty()) {
            return search.tested();
        }
        Map<Itemset, GroupCounts> both = units.conjunctions(new LinkedHashSet<>(
                pairs.stream().map(pair -> union(pair.get(0), pair.get(1))).toList()));
        Map<Itemset, Itemset> parent = new HashMap<>();
        pairs.forEach(pair -> {
            if (both.get(union(pair.get(0), pair.get(1))).shipments() == search.counts().get(pair.get(0)).shipments()) {
                Itemset a = root(parent, pair.get(0));
                Itemset b = root(parent, pair.get(1));
                if (!a.equals(b)) {
                    // The shorter spelling becomes the root, so a class's root is its preferred name.
                    if (SHORTEST_FIRST.compare(a, b) < 0) {
                        parent.put(b, a);
                    } else {
                        parent.put(a, b);
                    }
                }
            }
        });
        Map<Itemset, List<Itemset>> classes = new HashMap<>();
        for (List<Itemset> members : suspects) {
            for (Itemset m : members) {
                classes.computeIfAbsent(root(parent, m), k -> new ArrayList<>()).add(m);
            }
        }
        Map<Itemset, List<Itemset>> classOf = new HashMap<>();
        classes.values().forEach(members -> {
            if (members.size() > 1) {
                members.sort(SHORTEST_FIRST);
                members.forEach(m -> classOf.put(m, members));
            }
        });
        // Per reason and class, the spelling reported: the shortest one tested for that reason.
        Map<String, Set<Itemset>> testedByReason = new HashMap<>();
        for (Finding f : search.tested()) {
            testedByReason.computeIfAbsent(f.reason(), k -> new HashSet<>()).add(f.itemset());
        }
        List<Finding> merged = new ArrayList<>();
        for (Finding f : search.tested()) {
            List<Itemset> members = classOf.get(f.itemset());
            if (members == null) {
                merged.add(f);
                continue;
            }
            Set<Itemset> tested = testedByReason.get(f.reason());
            Itemset chosen = members.stream().filter(tested::contains).findFirst().orElseThrow();
            if (chosen.equals(f.itemset())) {
                merged.add(f.withAliases(minimalOthers(members, chosen)));
            }
        }
        return merged;
    }

    /** The other spellings, without those that merely AND two spellings together (they add no name). */
    private static List<Itemset> minimalOthers(List<Itemset> members, Itemset chosen) {
        List<Itemset> others = new ArrayList<>();
        for (Itemset m : members) {
            if (m.equals(chosen)) {
                continue;
            }
            boolean containsAnother = members.stream().anyMatch(o -> !o.equals(m)
                    && m.terms().containsAll(o.terms()));
            if (!containsAnother) {
                others.add(m);
            }
        }
        return others;
    }

    static final Comparator<Itemset> SHORTEST_FIRST = Comparator.comparingInt(Itemset::size)
            .thenComparing(Itemset::factors);

    private static Itemset union(Itemset a, Itemset b) {
        Set<Itemset.Term> terms = new LinkedHashSet<>(a.terms());
        terms.addAll(b.terms());
        return new Itemset(new ArrayList<>(terms));
    }

    private static Itemset root(Map<Itemset, Itemset> parent, Itemset x) {
        Itemset r = x;
        while (parent.containsKey(r)) {
            r = parent.get(r);
        }
        return r;
    }
}
