package io.crmanalytics.rootcause;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The conditional ranking's cells do not depend on the order in which the partitions' membership tallies were
 * merged: the same patterns give the same arrays, so the floating-point statistics fitted from them (information
 * gain, residual lift) are the same bits on every run. Two masks that share a hash bucket keep their insertion
 * order in a HashMap, which is how a run's merge order used to reach gold.complaint_root_causes.
 */
class RankingDeterminismTest {
    @Test
    void cellsAreInMaskOrderWhateverTheMergeOrder() {
        GroupCounts a = new GroupCounts(120, new long[] {7});
        GroupCounts b = new GroupCounts(80, new long[] {3});
        GroupCounts totals = new GroupCounts(1000, new long[] {30});
        // 1 and 17 fall in the same bucket of a 16-bucket HashMap.
        Map<Long, GroupCounts> mergedOneWay = new java.util.HashMap<>();
        mergedOneWay.put(1L, a);
        mergedOneWay.put(17L, b);
        Map<Long, GroupCounts> mergedTheOther = new java.util.HashMap<>();
        mergedTheOther.put(17L, b);
        mergedTheOther.put(1L, a);

        ConditionalRanking.Cells one = ConditionalRanking.Cells.of(mergedOneWay, totals, 0);
        ConditionalRanking.Cells other = ConditionalRanking.Cells.of(mergedTheOther, totals, 0);
        assertArrayEquals(one.masks(), other.masks());
        assertArrayEquals(one.shipments(), other.shipments());
        assertArrayEquals(one.complaints(), other.complaints());
    }
}
