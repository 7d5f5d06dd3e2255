package io.crmanalytics.rootcause;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * Per shipment, the candidate itemsets of one level that the shipment belongs to. Terms that occur in no
 * candidate are dropped first, so a shipment with nine terms rarely enumerates more than a handful of subsets.
 */
final class ItemsetEnumerator {
    private static final Comparator<String> TERM_ORDER = Comparator
            .comparing((String t) -> t.substring(0, t.indexOf('=')))
            .thenComparing(t -> t.substring(t.indexOf('=') + 1));

    private ItemsetEnumerator() {
    }

    static List<String> contained(List<String> items, int k, Set<String> candidateTerms, Set<String> candidateKeys) {
        List<String> useful = new ArrayList<>(items.size());
        for (String item : items) {
            if (candidateTerms.contains(item)) {
                useful.add(item);
            }
        }
        List<String> found = new ArrayList<>();
        if (useful.size() < k) {
            return found;
        }
        useful.sort(TERM_ORDER);
        enumerate(useful, k, 0, new String[k], 0, candidateKeys, found);
        return found;
    }

    private static void enumerate(List<String> items, int k, int start, String[] chosen, int depth,
                                  Set<String> candidateKeys, List<String> found) {
        if (depth == k) {
            String key = String.join(String.valueOf(Itemset.SEPARATOR), chosen);
            if (candidateKeys.contains(key)) {
                found.add(key);
            }
            return;
        }
        for (int i = start; i <= items.size() - (k - depth); i++) {
            chosen[depth] = items.get(i);
            enumerate(items, k, i + 1, chosen, depth + 1, candidateKeys, found);
        }
    }
}
