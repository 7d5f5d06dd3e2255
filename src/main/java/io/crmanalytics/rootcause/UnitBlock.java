package io.crmanalytics.rootcause;

import java.io.Serializable;
import java.util.Arrays;

/**
 * Encoded shipments, column-wise, one block per Spark partition: for shipment i, its term codes
 * {@code codes[offsets[i] .. offsets[i+1])} in ascending order, its reasons bit mask (bit r for the run's reason r;
 * bit 0, {@code all}, for any complaint) and its trend window ({@link #NO_WINDOW}, {@link #BASELINE},
 * {@link #RECENT}). Flat primitive arrays: a pass over a block touches no object per shipment.
 */
final class UnitBlock implements Serializable {
    static final byte NO_WINDOW = 0;
    static final byte BASELINE = 1;
    static final byte RECENT = 2;

    final int size;
    final int[] offsets;
    final int[] codes;
    final long[] reasons;
    final byte[] windows;

    private UnitBlock(int size, int[] offsets, int[] codes, long[] reasons, byte[] windows) {
        this.size = size;
        this.offsets = offsets;
        this.codes = codes;
        this.reasons = reasons;
        this.windows = windows;
    }

    /** The same shipments with every code translated ({@code translation[old] = new}), re-sorted per shipment. */
    UnitBlock translate(int[] translation) {
        int[] translated = new int[offsets[size]];
        for (int i = 0; i < translated.length; i++) {
            translated[i] = translation[codes[i]];
        }
        for (int u = 0; u < size; u++) {
            // Usually sorted already: codes follow dimension order, and only a set-valued dimension can disagree.
            for (int i = offsets[u] + 1; i < offsets[u + 1]; i++) {
                if (translated[i - 1] > translated[i]) {
                    Arrays.sort(translated, offsets[u], offsets[u + 1]);
                    break;
                }
            }
        }
        return new UnitBlock(size, offsets, translated, reasons, windows);
    }

    /** Appends shipments, growing its arrays as needed. */
    static final class Builder {
        private int size;
        private int[] offsets = new int[1025];
        private int[] codes = new int[8192];
        private long[] reasons = new long[1024];
        private byte[] windows = new byte[1024];

        /** Starts a shipment; its codes follow with {@link #code}. */
        void start(long reasonMask, byte window) {
            if (size == reasons.length) {
                reasons = Arrays.copyOf(reasons, size * 2);
                windows = Arrays.copyOf(windows, size * 2);
                offsets = Arrays.copyOf(offsets, size * 2 + 1);
            }
            reasons[size] = reasonMask;
            windows[size] = window;
            size++;
            offsets[size] = offsets[size - 1];
        }

        void code(int code) {
            int end = offsets[size];
            if (end == codes.length) {
                codes = Arrays.copyOf(codes, end * 2);
            }
            codes[end] = code;
            offsets[size] = end + 1;
        }

        UnitBlock build() {
            return new UnitBlock(size, Arrays.copyOf(offsets, size + 1), Arrays.copyOf(codes, offsets[size]),
                    Arrays.copyOf(reasons, size), Arrays.copyOf(windows, size));
        }
    }
}
