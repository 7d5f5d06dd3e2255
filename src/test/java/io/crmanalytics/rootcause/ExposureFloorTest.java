package io.crmanalytics.rootcause;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.crmanalytics.stats.TwoByTwo;
import io.crmanalytics.stats.TwoByTwoTests;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The exposure floor's power calculation, measured: at the floor a lift of 2 is found about 80% of the time. */
class ExposureFloorTest {

    @Test
    void floorFollowsTheFormula() {
        assertEquals(350, ExposureFloor.shipments(0.03));
        assertEquals(2167, ExposureFloor.shipments(0.005));
        assertEquals(Long.MAX_VALUE, ExposureFloor.shipments(0.0));
    }

    /**
     * 2,000 simulated groups of exactly the floor's size at twice the base rate, against 20,000 other shipments at
     * the base rate, tested as the engine tests them (Fisher's exact test, two-sided 5%): the share detected is
     * the power, about 80% by design.
     */
    @Test
    void measuredPowerAtTheFloorIsAboutEightyPercent() {
        for (double base : new double[] {0.02, 0.06}) {
            int n = (int) ExposureFloor.shipments(base);
            Random random = new Random(42);
            int detected = 0;
            int trials = 2000;
            for (int t = 0; t < trials; t++) {
                long inside = binomial(random, n, 2 * base);
                long outside = binomial(random, 20_000, base);
                if (TwoByTwoTests.fisherExact(TwoByTwo.ofGroup(inside, n, inside + outside, n + 20_000L)) < 0.05) {
                    detected++;
                }
            }
            double power = (double) detected / trials;
            assertTrue(power > 0.75 && power < 0.86, "base " + base + ": power " + power + " at " + n);
        }
    }

    private static long binomial(Random random, int n, double p) {
        long k = 0;
        for (int i = 0; i < n; i++) {
            if (random.nextDouble() < p) {
                k++;
            }
        }
        return k;
    }
}
