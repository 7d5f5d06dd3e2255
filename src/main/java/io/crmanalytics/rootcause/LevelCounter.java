package io.crmanalytics.rootcause;

import java.util.Map;
import java.util.Set;

/**
 * Counts groups of one Apriori level in one pass over the shipments: for level 1 every single term, for higher
 * levels exactly the candidate itemsets. The Spark implementation scans the shipment facts; the search logic in
 * {@link ExplanationSearch} does not care where the counts come from.
 */
public interface LevelCounter {
    /** Shipments and complained shipments per reason for all shipments. */
    GroupCounts totals();

    /** Counts of every itemset of size {@code level} (level 1) or of the candidates (level > 1). */
    Map<Itemset, GroupCounts> count(int level, Set<Itemset> candidates);
}
