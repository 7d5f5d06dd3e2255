package io.crmanalytics.rootcause;

import java.util.Arrays;

/**
 * The inner loop of one Apriori level: over some units, the shipments and complained shipments per reason of each
 * candidate itemset. Candidates are packed keys ({@link TermDictionary#key}) in an open-addressing table, so a
 * lookup is a hash probe and nothing is allocated per shipment. Each unit keeps only the terms that occur in some candidate, then
 * enumerates its k-subsets of them. Level 0 counts all units (the totals). Serializable: Spark runs it per partition
 * and sums the partitions' arrays.
 */
final class LevelTally implements BlockPass<long[]> {
    private final int level;
    private final int bitsPerCode;
    private final int reasons;
    private final long[] keys;
    private final boolean[] useful;
    /** Open addressing: slot of the candidate whose key is at {@code tableKeys[i]}, or -1 when empty. */
    private final long[] tableKeys;
    private final int[] tableSlots;
    /**
     * When the packed keys are short (few terms, low level), a direct index from key to slot (-1: not a candidate):
     * one array read instead of a probe. Built where the counting runs, so it is not shipped with the task.
     */
    private transient int[] direct;
    private static final int MAX_DIRECT_BITS = 18;

    /** @param keys the candidates' packed keys, any order; @param terms the dictionary size */
    LevelTally(int level, long[] keys, int terms, int bitsPerCode, int reasons) {
        this.level = level;
        this.bitsPerCode = bitsPerCode;
        this.reasons = reasons;
        this.keys = keys.clone();
        Arrays.sort(this.keys);
        this.useful = new boolean[terms];
        int capacity = Integer.highestOneBit(Math.max(4, this.keys.length * 4) - 1) << 1;
        this.tableKeys = new long[capacity];
        this.tableSlots = new int[capacity];
        Arrays.fill(tableSlots, -1);
        for (int slot = 0; slot < this.keys.length; slot++) {
            int i = bucket(this.keys[slot]);
            while (tableSlots[i] >= 0) {
                i = (i + 1) & (capacity - 1);
            }
            tableKeys[i] = this.keys[slot];
            tableSlots[i] = slot;
        }
        long mask = (1L << bitsPerCode) - 1;
        for (long key : this.keys) {
            for (int i = 0; i < level; i++) {
                useful[(int) ((key >>> ((long) i * bitsPerCode)) & mask)] = true;
            }
        }
    }

    long[] sortedKeys() {
        return keys;
    }

    int level() {
        return level;
    }

    /** Count slots: one per candidate, or one for the totals (level 0). */
    int slots() {
        return level == 0 ? 1 : keys.length;
    }

    /** Slot layout: per candidate (in {@link #sortedKeys()} order; level 0: one slot), shipments then reasons. */
    int width() {
        return 1 + reasons;
    }

    @Override
    public long[] zero() {
        return new long[slots() * width()];
    }

    @Override
    public long[] merge(long[] a, long[] b) {
        return sum(a, b);
    }

    @Override
    public long[] count(UnitBlock block) {
        if (direct == null && level > 0 && (long) level * bitsPerCode <= MAX_DIRECT_BITS) {
            int[] index = new int[1 << (level * bitsPerCode)];
            Arrays.fill(index, -1);
            for (int slot = 0; slot < keys.length; slot++) {
                index[(int) keys[slot]] = slot;
            }
            direct = index;
        }
        long[] counts = new long[slots() * width()];
        int[] kept = new int[16];
        for (int u = 0; u < block.size; u++) {
            if (level == 0) {
                add(counts, 0, block.reasons[u]);
                continue;
            }
            int n = 0;
            for (int i = block.offsets[u]; i < block.offsets[u + 1]; i++) {
                int code = block.codes[i];
                if (useful[code]) {
                    if (n == kept.length) {
                        kept = Arrays.copyOf(kept, n * 2);
                    }
                    kept[n++] = code;
                }
            }
            if (n >= level) {
                enumerate(kept, n, 0, 0, 0L, counts, block.reasons[u]);
            }
        }
        return counts;
    }

    private void enumerate(int[] codes, int n, int start, int depth, long key, long[] counts, long unitReasons) {
        if (depth == level) {
            int slot = slotOf(key);
            if (slot >= 0) {
                add(counts, slot * width(), unitReasons);
            }
            return;
        }
        for (int i = start; i <= n - (level - depth); i++) {
            enumerate(codes, n, i + 1, depth + 1, (key << bitsPerCode) | codes[i], counts, unitReasons);
        }
    }

    private int bucket(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32)) & (tableKeys.length - 1);
    }

    private int slotOf(long key) {
        if (direct != null) {
            return direct[(int) key];
        }
        int i = bucket(key);
        while (tableSlots[i] >= 0) {
            if (tableKeys[i] == key) {
                return tableSlots[i];
            }
            i = (i + 1) & (tableKeys.length - 1);
        }
        return -1;
    }

    /** Counts one shipment with these reasons into the slot starting at {@code base}. */
    static void add(long[] counts, int base, long unitReasons) {
        counts[base]++;
        long bits = unitReasons;
        while (bits != 0) {
            int r = Long.numberOfTrailingZeros(bits);
            counts[base + 1 + r]++;
            bits &= bits - 1;
        }
    }

    static long[] sum(long[] a, long[] b) {
        long[] out = a.clone();
        for (int i = 0; i < out.length; i++) {
            out[i] += b[i];
        }
        return out;
    }
}
