package io.crmanalytics.rootcause;

import java.util.Arrays;

/**
 * Counts keyed by (stratum, term code) in open addressing: shipments then complained shipments per reason for each
 * key, in one flat array. Why not a {@code HashMap}: the confounder pass looks up several keys per shipment, and
 * boxed mixed-radix stratum keys both allocate and hash badly (their low bits repeat), which turned the map's bins
 * into trees. Here a lookup is a mixed hash and a probe, and nothing is allocated per shipment.
 */
final class StratumCountTable {
    /** The code under which a stratum's own total is kept. */
    static final int STRATUM_TOTAL = -1;

    /** Receives each key with its counts (a view: copy it to keep it). */
    interface Visitor {
        void visit(long stratum, int code, long[] counts, int from);
    }

    private final int width;
    private long[] strata;
    private int[] codes;
    /** Row of the key in {@link #counts}, or -1 when the slot is empty. */
    private int[] rows;
    private long[] counts;
    private int size;

    /** @param width counts per key: shipments, then one per reason */
    StratumCountTable(int width) {
        this.width = width;
        allocate(64);
        counts = new long[64 * width];
    }

    private void allocate(int capacity) {
        strata = new long[capacity];
        codes = new int[capacity];
        rows = new int[capacity];
        Arrays.fill(rows, -1);
    }

    /** Counts one shipment with these reasons under (stratum, code). */
    void add(long stratum, int code, long unitReasons) {
        int row = row(stratum, code);
        // After row(): it may have replaced the counts array.
        LevelTally.add(counts, row * width, unitReasons);
    }

    int size() {
        return size;
    }

    void forEach(Visitor visitor) {
        for (int i = 0; i < rows.length; i++) {
            if (rows[i] >= 0) {
                visitor.visit(strata[i], codes[i], counts, rows[i] * width);
            }
        }
    }

    private int row(long stratum, int code) {
        int mask = rows.length - 1;
        int i = bucket(stratum, code) & mask;
        while (rows[i] >= 0) {
            if (strata[i] == stratum && codes[i] == code) {
                return rows[i];
            }
            i = (i + 1) & mask;
        }
        if (2 * (size + 1) > rows.length) {
            grow();
            return row(stratum, code);
        }
        strata[i] = stratum;
        codes[i] = code;
        rows[i] = size;
        if ((size + 1) * width > counts.length) {
            counts = Arrays.copyOf(counts, counts.length * 2);
        }
        return size++;
    }

    private void grow() {
        long[] oldStrata = strata;
        int[] oldCodes = codes;
        int[] oldRows = rows;
        allocate(rows.length * 2);
        int mask = rows.length - 1;
        for (int j = 0; j < oldRows.length; j++) {
            if (oldRows[j] >= 0) {
                int i = bucket(oldStrata[j], oldCodes[j]) & mask;
                while (rows[i] >= 0) {
                    i = (i + 1) & mask;
                }
                strata[i] = oldStrata[j];
                codes[i] = oldCodes[j];
                rows[i] = oldRows[j];
            }
        }
    }

    /** A full 64-bit mix (murmur3's finaliser), so that keys differing only in high bits spread too. */
    private static int bucket(long stratum, int code) {
        long h = stratum * 0x9E3779B97F4A7C15L + code;
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return (int) h;
    }
}
