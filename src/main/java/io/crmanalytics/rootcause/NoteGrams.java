package io.crmanalytics.rootcause;

import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import smile.util.SparseArray;

/**
 * A note as TF-IDF of its character 1-, 2- and 3-grams, hashed into {@value #SLOTS} slots. Characters, not words,
 * because Chinese notes have no spaces between words; in English, character n-grams also absorb typos and
 * inflections. The inverse document frequencies are those of the training notes; a slot no training note had
 * gets the largest weight, as Spark's IDF gives it. Plain Java, so the same object featurises the training sample
 * on the driver and the notes to read in Spark's tasks.
 */
final class NoteGrams implements Serializable {
    private static final long serialVersionUID = 1L;
    static final int SLOTS = 1 << 16;
    private static final int LONGEST = 3;

    private final double[] idf;

    private NoteGrams(double[] idf) {
        this.idf = idf;
    }

    /** The inverse document frequencies of {@code notes}: log((n + 1) / (notes with the slot + 1)). */
    static NoteGrams fit(List<String> notes) {
        int[] documents = new int[SLOTS];
        for (String note : notes) {
            int[] slots = slots(note);
            for (int i = 0; i < slots.length; i++) {
                if (i == 0 || slots[i] != slots[i - 1]) {
                    documents[slots[i]]++;
                }
            }
        }
        double[] idf = new double[SLOTS];
        for (int s = 0; s < SLOTS; s++) {
            idf[s] = Math.log((notes.size() + 1.0) / (documents[s] + 1.0));
        }
        return new NoteGrams(idf);
    }

    /** The note's slots with their count times the slot's inverse document frequency, in slot order. */
    SparseArray vector(String note) {
        int[] slots = slots(note);
        SparseArray vector = new SparseArray(slots.length);
        for (int i = 0; i < slots.length; ) {
            int end = i;
            while (end < slots.length && slots[end] == slots[i]) {
                end++;
            }
            vector.append(slots[i], (end - i) * idf[slots[i]]);
            i = end;
        }
        return vector;
    }

    /** Every n-gram's slot (n = 1 to 3, over lower-cased code points), sorted, repeated as often as it occurs. */
    static int[] slots(String note) {
        int[] chars = note == null ? new int[0] : note.toLowerCase(Locale.ROOT).codePoints().toArray();
        int grams = 0;
        for (int n = 1; n <= LONGEST; n++) {
            grams += Math.max(0, chars.length - n + 1);
        }
        int[] slots = new int[grams];
        int at = 0;
        for (int n = 1; n <= LONGEST; n++) {
            for (int start = 0; start + n <= chars.length; start++) {
                int hash = n;
                for (int i = start; i < start + n; i++) {
                    hash = hash * 0x01000193 ^ chars[i];
                }
                slots[at++] = mix(hash) & (SLOTS - 1);
            }
        }
        Arrays.sort(slots);
        return slots;
    }

    /** MurmurHash3's finaliser: every input bit moves the low bits that pick the slot. */
    private static int mix(int h) {
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        h ^= h >>> 16;
        return h;
    }
}
