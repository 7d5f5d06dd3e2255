package io.crmanalytics.rootcause;

/**
 * Shipments, then complained shipments per reason, of arbitrary conjunctions of terms (any size, terms of one
 * dimension allowed: "category=toys AND category=books" is an order with both). Each conjunction is anchored at
 * its first code; a shipment marks its codes once and checks only the conjunctions anchored at one of them.
 */
final class ConjunctionTally implements BlockPass<long[]> {
    private final int[][] conjunctions;
    private final int[][] anchored;
    private final int terms;
    private final int width;

    /** @param conjunctions each a sorted array of term codes */
    ConjunctionTally(int[][] conjunctions, int terms, int reasons) {
        this.conjunctions = conjunctions;
        this.terms = terms;
        this.width = 1 + reasons;
        int[] perCode = new int[terms];
        for (int[] c : conjunctions) {
            perCode[c[0]]++;
        }
        anchored = new int[terms][];
        for (int code = 0; code < terms; code++) {
            anchored[code] = new int[perCode[code]];
        }
        int[] filled = new int[terms];
        for (int j = 0; j < conjunctions.length; j++) {
            int first = conjunctions[j][0];
            anchored[first][filled[first]++] = j;
        }
    }

    @Override
    public long[] zero() {
        return new long[conjunctions.length * width];
    }

    @Override
    public long[] count(UnitBlock block) {
        long[] counts = zero();
        boolean[] present = new boolean[terms];
        for (int u = 0; u < block.size; u++) {
            int from = block.offsets[u];
            int to = block.offsets[u + 1];
            for (int i = from; i < to; i++) {
                present[block.codes[i]] = true;
            }
            for (int i = from; i < to; i++) {
                for (int j : anchored[block.codes[i]]) {
                    if (containsAll(present, conjunctions[j])) {
                        LevelTally.add(counts, j * width, block.reasons[u]);
                    }
                }
            }
            for (int i = from; i < to; i++) {
                present[block.codes[i]] = false;
            }
        }
        return counts;
    }

    static boolean containsAll(boolean[] present, int[] codes) {
        for (int code : codes) {
            if (!present[code]) {
                return false;
            }
        }
        return true;
    }

    @Override
    public long[] merge(long[] a, long[] b) {
        return LevelTally.sum(a, b);
    }
}
