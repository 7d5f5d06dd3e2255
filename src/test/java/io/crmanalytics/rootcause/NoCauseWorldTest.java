package io.crmanalytics.rootcause;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Worlds where complaints are independent of every attribute. The whole engine (search, aliases, q-values,
 * confounders, conditional ranking) runs for real over the engine's own encoded blocks kept in a list instead of
 * the Spark cache, so that 20 worlds take a second instead of 60 Spark jobs.
 */
class NoCauseWorldTest {
    private static final String[][] DIMENSIONS = {
            {"carrier", "A", "B", "C", "D"}, {"warehouse", "W1", "W2", "W3"},
            {"dest_region", "north", "south", "east", "west"}, {"category", "toys", "books", "garden"}};
    private static final List<String> REASONS = List.of("damaged", "late_delivery");

    private record World(List<List<Itemset.Term>> items, List<Set<String>> complained) {
        List<Finding> explain(Reasons reasons) {
            try (EncodedUnits units = EncodedCountingTest.units(items, complained, reasons)) {
                return ExplanationEngine.explain(units, 2, 0, RootCauseOptions.MIN_COMPLAINTS,
                        RootCauseOptions.ALPHA, io.crmanalytics.core.Progress.silent());
            }
        }
    }

    private static World world(long seed, int shipments, double complaintRate) {
        Random random = new Random(seed);
        List<List<Itemset.Term>> items = new ArrayList<>();
        List<Set<String>> complained = new ArrayList<>();
        for (int s = 0; s < shipments; s++) {
            List<Itemset.Term> terms = new ArrayList<>();
            for (String[] dimension : DIMENSIONS) {
                terms.add(new Itemset.Term(dimension[0], dimension[1 + random.nextInt(dimension.length - 1)]));
            }
            items.add(terms);
            complained.add(random.nextDouble() < complaintRate
                    ? Set.of(REASONS.get(random.nextInt(REASONS.size()))) : Set.of());
        }
        return new World(items, complained);
    }

    @Test
    void noCauseWorldsRankAFindingInAtMostOneSeedOfTwenty() {
        Reasons reasons = Reasons.allAnd(REASONS);
        int runsWithFinding = 0;
        int tested = 0;
        int nominallySignificant = 0;
        for (long seed = 1; seed <= 20; seed++) {
            List<Finding> findings = world(seed, 1500, 0.12).explain(reasons);
            if (findings.stream().anyMatch(f -> f.rank() != null)) {
                runsWithFinding++;
            }
            tested += findings.size();
            nominallySignificant += (int) findings.stream().filter(f -> f.pValue() < 0.05).count();
        }
        // Under the global null BH keeps P(any discovery) at most 5%, if the p-values are valid in the tail where
        // discoveries are made. With chi-square p-values seeds 1-20 gave 3 worlds with a ranked chance pair (seeds
        // 4, 9, 19; 12 of seeds 1-200): for ~120 shipments the chi-square understates the upper tail 3-5 fold.
        // With Fisher's exact test (and the floor's continuity correction) seeds 1-200 give 3 worlds (1.5%), here
        // seed 9 only: all, dest_region=south AND warehouse=W2, 30 complaints of 117 shipments, p 1.7e-4, q 0.023.
        assertTrue(runsWithFinding <= 1, "runs with a ranked finding: " + runsWithFinding + " of 20");
        // The raw p-values are honest, neither anti-conservative nor degenerate: about 5% fall below 0.05.
        double share = (double) nominallySignificant / tested;
        assertTrue(share > 0.02 && share < 0.08, "share of raw p < 0.05: " + share + " of " + tested);
    }

    @Test
    void aPlantedCauseIsFoundInTheSameSetting() {
        // The same world with carrier A complaining at 3x the rate: the test above is not passing by being blind.
        Reasons reasons = Reasons.allAnd(REASONS);
        World base = world(7, 1500, 0.08);
        List<Set<String>> complained = new ArrayList<>(base.complained());
        Random random = new Random(99);
        for (int u = 0; u < complained.size(); u++) {
            if (base.items().get(u).contains(new Itemset.Term("carrier", "A")) && complained.get(u).isEmpty()
                    && random.nextDouble() < 0.16 / 0.92) {
                complained.set(u, Set.of("damaged"));
            }
        }
        List<Finding> findings = new World(base.items(), complained).explain(reasons);
        List<Finding> significant = findings.stream()
                .filter(f -> f.rank() != null && f.reason().equals("all"))
                .toList();
        assertTrue(significant.stream().anyMatch(f -> f.itemset().factors().equals("carrier=A")),
                significant.toString());
        assertEquals(0, significant.stream().filter(f -> f.itemset().size() == 1)
                .filter(f -> !f.itemset().factors().equals("carrier=A")).count(), significant.toString());
    }
}
