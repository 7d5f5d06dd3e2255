package io.crmanalytics.propensity;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The calibration map keeps the model's order: rows that pool-adjacent-violators puts in one block do not tie
 * (plain isotonic regression gave a whole block one probability, so the top of a ranked list was a lottery).
 */
class CalibrationMapTest {

    @Test
    void pooledRowsKeepTheirOrder() {
        // Labels by ascending score: 0 | 1 0 1 0 | 1 1 1. PAV pools {0.1} (rate 0), {0.2 .. 0.5} (1/2) and
        // {0.6, 0.7, 0.8} (1); each block's point sits at its mean score.
        double[] score = {0.8, 0.1, 0.5, 0.3, 0.7, 0.2, 0.6, 0.4};
        int[] label = {1, 0, 0, 0, 1, 1, 1, 1};
        Calibration map = Calibration.fit(score, label);

        assertArrayEquals(new double[] {0.1, 0.35, 0.7}, map.boundaries(), 1e-12);
        assertArrayEquals(new double[] {0.0, 0.5, 1.0}, map.rates(), 1e-12);
        double previous = map.apply(0.1);
        for (double s = 0.15; s <= 0.7; s += 0.05) {
            double p = map.apply(s);
            assertTrue(p > previous, "strictly increasing between the first and last block: " + s);
            previous = p;
        }
        assertEquals(0.5, map.apply(0.35), 1e-12);
        assertEquals(0.25, map.apply(0.225), 1e-12);
        // Outside the fitted points the map is flat: no rate beyond what held-out rows showed.
        assertEquals(0.0, map.apply(0.0), 1e-12);
        assertEquals(1.0, map.apply(0.95), 1e-12);
    }

    @Test
    void equalScoresShareOneValue() {
        double[] score = {0.3, 0.3, 0.3, 0.6, 0.6};
        int[] label = {0, 1, 0, 1, 1};
        Calibration map = Calibration.fit(score, label);
        assertArrayEquals(new double[] {0.3, 0.6}, map.boundaries(), 1e-12);
        assertArrayEquals(new double[] {1.0 / 3, 1.0}, map.rates(), 1e-12);
    }
}
