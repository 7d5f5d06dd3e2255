package io.crmanalytics.rootcause;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * For several pools of itemsets (one pool per reason, at most 63 itemsets each), the shipments and complained
 * shipments per reason of every membership pattern: bit i of a shipment's pattern is set when it belongs to the
 * pool's i-th itemset. Every conditional statistic of the ranking (a finding's complaints outside the findings
 * above it, the rates a max-entropy model fits) is a sum over these patterns, so one pass serves them all.
 * Shipments in no itemset of a pool (pattern 0) are not counted: the driver has them as totals minus the rest.
 */
final class MembershipTally implements BlockPass<List<Map<Long, long[]>>> {
    private final int[][] itemsets;
    /** Per itemset, per pool: the itemset's bit in that pool's pattern (0: not in the pool). */
    private final long[][] bits;
    private final int[][] anchored;
    private final int pools;
    private final int terms;
    private final int width;

    /** @param pools per pool, its itemsets as sorted code arrays (at most 63) */
    MembershipTally(List<List<int[]>> pools, int terms, int reasons) {
        this.pools = pools.size();
        this.terms = terms;
        this.width = 1 + reasons;
        Map<String, Integer> index = new HashMap<>();
        List<int[]> distinct = new ArrayList<>();
        List<long[]> bitList = new ArrayList<>();
        for (int p = 0; p < pools.size(); p++) {
            List<int[]> pool = pools.get(p);
            if (pool.size() > 63) {
                throw new IllegalArgumentException("at most 63 itemsets per pool, got " + pool.size());
            }
            for (int i = 0; i < pool.size(); i++) {
                String key = java.util.Arrays.toString(pool.get(i));
                Integer at = index.get(key);
                if (at == null) {
                    at = distinct.size();
                    index.put(key, at);
                    distinct.add(pool.get(i));
                    bitList.add(new long[pools.size()]);
                }
                bitList.get(at)[p] |= 1L << i;
            }
        }
        itemsets = distinct.toArray(int[][]::new);
        bits = bitList.toArray(long[][]::new);
        int[] perCode = new int[terms];
        for (int[] c : itemsets) {
            perCode[c[0]]++;
        }
        anchored = new int[terms][];
        for (int code = 0; code < terms; code++) {
            anchored[code] = new int[perCode[code]];
        }
        int[] filled = new int[terms];
        for (int j = 0; j < itemsets.length; j++) {
            anchored[itemsets[j][0]][filled[itemsets[j][0]]++] = j;
        }
    }

    @Override
    public List<Map<Long, long[]>> zero() {
        return List.of();
    }

    @Override
    public List<Map<Long, long[]>> count(UnitBlock block) {
        StratumCountTable table = new StratumCountTable(width);
        boolean[] present = new boolean[terms];
        long[] masks = new long[pools];
        for (int u = 0; u < block.size; u++) {
            int from = block.offsets[u];
            int to = block.offsets[u + 1];
            for (int i = from; i < to; i++) {
                present[block.codes[i]] = true;
            }
            boolean any = false;
            for (int i = from; i < to; i++) {
                for (int j : anchored[block.codes[i]]) {
                    if (ConjunctionTally.containsAll(present, itemsets[j])) {
                        for (int p = 0; p < pools; p++) {
                            masks[p] |= bits[j][p];
                        }
                        any = true;
                    }
                }
            }
            for (int i = from; i < to; i++) {
                present[block.codes[i]] = false;
            }
            if (any) {
                for (int p = 0; p < pools; p++) {
                    if (masks[p] != 0) {
                        table.add(masks[p], p, block.reasons[u]);
                        masks[p] = 0;
                    }
                }
            }
        }
        List<Map<Long, long[]>> result = new ArrayList<>();
        for (int p = 0; p < pools; p++) {
            result.add(new HashMap<>());
        }
        table.forEach((mask, pool, counts, at) ->
                result.get(pool).put(mask, java.util.Arrays.copyOfRange(counts, at, at + width)));
        return result;
    }

    @Override
    public List<Map<Long, long[]>> merge(List<Map<Long, long[]>> a, List<Map<Long, long[]>> b) {
        if (a.isEmpty()) {
            return b;
        }
        if (b.isEmpty()) {
            return a;
        }
        List<Map<Long, long[]>> merged = new ArrayList<>();
        for (int p = 0; p < a.size(); p++) {
            Map<Long, long[]> m = new HashMap<>(a.get(p));
            b.get(p).forEach((mask, c) -> m.merge(mask, c, LevelTally::sum));
            merged.add(m);
        }
        return merged;
    }
}
