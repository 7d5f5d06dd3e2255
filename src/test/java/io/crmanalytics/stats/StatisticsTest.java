package io.crmanalytics.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Every expected value below was computed by hand from the textbook formula (and checked against scipy 1.17). */
class StatisticsTest {
    private static final double TIGHT = 1e-9;

    // Group 30/100 complain, outside 20/200: RR = 0.3 / 0.1 = 3, SE(ln RR) = sqrt(1/30 - 1/100 + 1/20 - 1/200).
    private static final TwoByTwo TABLE = new TwoByTwo(30, 100, 20, 200);

    @Test
    void riskRatioWithLogMethodInterval() {
        RatioEstimate rr = RiskRatio.of(TABLE);
        assertEquals(3.0, rr.ratio(), TIGHT);
        assertEquals(1.797263187985246, rr.ciLow(), 1e-9);
        assertEquals(5.007613832056008, rr.ciHigh(), 1e-9);
        // Pearson chi-square = N (ad - bc)^2 / (r1 r2 c1 c2) = 300 * 4000^2 / (100 * 200 * 50 * 250) = 19.2
        assertEquals(1.177133909761499e-05, rr.pValue(), 1e-12);
        assertTrue(rr.ciExcludesOneAbove());
    }

    @Test
    void groupAgainstPopulationTotals() {
        RatioEstimate rr = RiskRatio.ofGroup(30, 100, 50, 300);
        assertEquals(3.0, rr.ratio(), TIGHT);
        assertEquals(RiskRatio.of(TABLE), rr);
    }

    @Test
    void zeroCellGetsHaldaneCorrectionAndStaysFinite() {
        // a = 0: (0.5/11) / (10.5/101) = 0.437229...
        RatioEstimate rr = RiskRatio.of(new TwoByTwo(0, 10, 10, 100));
        assertEquals((0.5 / 11) / (10.5 / 101), rr.ratio(), TIGHT);
        assertTrue(Double.isFinite(rr.ciLow()) && Double.isFinite(rr.ciHigh()));
        assertFalse(RiskRatio.of(new TwoByTwo(0, 10, 0, 100)).isDefined(), "no events at all: undefined");
        assertFalse(RiskRatio.of(new TwoByTwo(0, 0, 5, 100)).isDefined(), "empty group: undefined");
    }

    @Test
    void oddsRatioWithWoolfInterval() {
        RatioEstimate or = OddsRatio.of(TABLE);
        assertEquals(30.0 * 180 / (70 * 20), or.ratio(), TIGHT);
        assertEquals(2.05519459, or.ciLow(), 1e-7);
        assertEquals(7.23899874, or.ciHigh(), 1e-7);
    }

    @Test
    void chiSquareForLargeCountsFisherForSmall() {
        assertEquals(1.177133909761499e-05, TwoByTwoTests.pValue(TABLE), 1e-12);
        // [[3,7],[1,19]]: expected group events 10*4/30 = 1.33 < 5 -> Fisher exact, two-sided = 2/21.
        TwoByTwo small = new TwoByTwo(3, 10, 1, 20);
        assertEquals(0.09523809523809525, TwoByTwoTests.pValue(small), 1e-12);
        assertEquals(0.0027594561852200836, TwoByTwoTests.fisherExact(new TwoByTwo(1, 10, 11, 14)), 1e-12);
        assertEquals(1.0, TwoByTwoTests.pValue(new TwoByTwo(0, 10, 0, 10)));
    }

    /**
     * Against scipy.stats.fisher_exact: both tails (the other one found across the mode), a chance pair where the
     * chi-square is 4x too small (4.0e-5), and a table of 10^7 shipments, which the exact test sums in microseconds.
     */
    @Test
    void fisherMatchesScipyFromSmallToTenMillionShipments() {
        assertEquals(1.6699866151001933e-4, TwoByTwoTests.fisherExact(new TwoByTwo(30, 117, 169, 1383)), 1e-15);
        assertEquals(1.653400808704445e-4, TwoByTwoTests.fisherExact(new TwoByTwo(2, 108, 180, 1392)), 1e-15);
        assertEquals(0.0665160582359817, TwoByTwoTests.fisherExact(new TwoByTwo(3100, 100_000, 297_000,
                9_900_000)), 1e-7);
        assertEquals(1.0, TwoByTwoTests.fisherExact(new TwoByTwo(3000, 100_000, 297_000, 9_900_000)), 1e-12);
    }

    @Test
    void fisherSumsToOneForTheMostProbableTable() {
        // 5/10 vs 5/10 is the mode: every table is at most as probable, so p = 1.
        assertEquals(1.0, TwoByTwoTests.fisherExact(new TwoByTwo(5, 10, 5, 10)), 1e-12);
    }

    @Test
    void mantelHaenszelRemovesConfounding() {
        // Within each stratum the group's risk is exactly twice the rest's (10% vs 5%, 40% vs 20%), but the group
        // sits mostly in the high-risk stratum, so the crude ratio is 0.25 / (30/450) = 3.75.
        List<TwoByTwo> strata = List.of(new TwoByTwo(10, 100, 20, 400), new TwoByTwo(40, 100, 10, 50));
        assertEquals(3.75, RiskRatio.of(new TwoByTwo(50, 200, 30, 450)).ratio(), TIGHT);
        RatioEstimate mh = MantelHaenszel.riskRatio(strata);
        assertEquals(2.0, mh.ratio(), TIGHT);
        assertEquals(1.25545063629633, mh.ciLow(), 1e-9);
        assertEquals(3.186106951843434, mh.ciHigh(), 1e-9);
        assertEquals(0.0020561009073113714, mh.pValue(), 1e-12);
    }

    @Test
    void mantelHaenszelOfOneStratumIsTheCrudeRiskRatio() {
        RatioEstimate mh = MantelHaenszel.riskRatio(List.of(TABLE));
        RatioEstimate crude = RiskRatio.of(TABLE);
        assertEquals(crude.ratio(), mh.ratio(), TIGHT);
        assertEquals(crude.ciLow(), mh.ciLow(), 1e-9);
        assertEquals(crude.ciHigh(), mh.ciHigh(), 1e-9);
        // With one stratum the CMH statistic is Pearson's times (N-1)/N.
        assertEquals(Distributions.chiSquareUpper(19.2 * 299 / 300, 1), mh.pValue(), 1e-12);
        assertFalse(MantelHaenszel.riskRatio(List.of(new TwoByTwo(3, 10, 0, 0))).isDefined());
    }

    @Test
    void benjaminiHochbergQValues() {
        double[] p = {0.01, 0.04, 0.03, 0.005, 0.5};
        // sorted: 0.005*5/1=0.025, 0.01*5/2=0.025, 0.03*5/3=0.05, 0.04*5/4=0.05, 0.5*5/5=0.5
        assertArrayEquals(new double[] {0.025, 0.05, 0.05, 0.025, 0.5}, MultipleTesting.benjaminiHochberg(p), TIGHT);
        double[] withNaN = MultipleTesting.benjaminiHochberg(new double[] {0.01, Double.NaN, 0.02});
        assertEquals(0.02, withNaN[0], TIGHT);
        assertTrue(Double.isNaN(withNaN[1]));
        assertEquals(0.02, withNaN[2], TIGHT);
        // 0.8 * 2 / 1 = 1.6, but q is monotone in p: min(1.6, 0.9 * 2 / 2) = 0.9.
        assertArrayEquals(new double[] {0.9, 0.9}, MultipleTesting.benjaminiHochberg(new double[] {0.9, 0.8}), TIGHT);
        assertArrayEquals(new double[] {1.0}, MultipleTesting.benjaminiHochberg(new double[] {1.0}), TIGHT);
    }

    @Test
    void distributions() {
        assertEquals(0.05, Distributions.normalTwoSided(Distributions.Z_95), 1e-12);
        assertEquals(0.05, Distributions.chiSquareUpper(3.841458820694124, 1), 1e-12);
        assertEquals(1.0, Distributions.chiSquareUpper(0, 1));
        // chi-square(2) upper tail is exp(-x/2).
        assertEquals(Math.exp(-3.0), Distributions.chiSquareUpper(6.0, 2), 1e-8);
        assertThrows(IllegalArgumentException.class, () -> new TwoByTwo(5, 4, 0, 1));
    }

    @Test
    void logFactorialMatchesTheSumOfLogarithmsAcrossTheTableBoundary() {
        double sum = 0;
        for (int n = 1; n <= 200_000; n++) {
            sum += Math.log(n);
            if (n == 255 || n == 256 || n == 257 || n == 1000 || n == 200_000) {
                assertEquals(sum, TwoByTwoTests.logFactorial(n), Math.abs(sum) * 1e-13, "ln(" + n + "!)");
            }
        }
        assertEquals(0.0, TwoByTwoTests.logFactorial(0), 0.0);
    }
}
