package io.crmanalytics.rootcause;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import smile.util.SparseArray;

/** The notes model's features: character n-grams of code points, case-folded, weighted by the training notes. */
class NoteGramsTest {
    @Test
    void aNoteOfNCharactersHasNPlusNMinus1PlusNMinus2Grams() {
        assertEquals(3 + 2 + 1, NoteGrams.slots("abc").length);
        assertEquals(0, NoteGrams.slots("").length);
        assertEquals(1, NoteGrams.slots("x").length);
        // A character outside the Basic Multilingual Plane is one character, not two UTF-16 halves.
        assertEquals(NoteGrams.slots("a\uD840\uDC0Bb").length, NoteGrams.slots("abc").length);
        assertEquals(3 + 2 + 1, NoteGrams.slots("晚了天").length);
    }

    @Test
    void caseDoesNotMatterAndOrderDoes() {
        assertArrayEquals(NoteGrams.slots("Late Parcel"), NoteGrams.slots("late parcel"));
        assertTrue(!java.util.Arrays.equals(NoteGrams.slots("ab"), NoteGrams.slots("ba")));
    }

    @Test
    void weightsAreCountTimesInverseDocumentFrequencyOfTheTrainingNotes() {
        NoteGrams grams = NoteGrams.fit(List.of("aa", "ab", "c"));
        SparseArray vector = grams.vector("aax");
        int a = NoteGrams.slots("a")[0];
        int x = NoteGrams.slots("x")[0];
        // "a" occurs twice in the note and in 2 of the 3 training notes; "x" in none of them.
        assertEquals(2 * Math.log(4.0 / 3.0), vector.get(a), 1e-12);
        assertEquals(Math.log(4.0), vector.get(x), 1e-12);
        assertEquals(new java.util.TreeSet<>(java.util.Arrays.stream(NoteGrams.slots("aax")).boxed().toList()).size(),
                vector.size(), "one entry per distinct slot");
    }
}
