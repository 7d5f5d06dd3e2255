package io.crmanalytics.rootcause;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The analyst-facing rules of the engine on small synthetic worlds whose answer is known: equivalent findings
 * merged, interactions credited to the pair, single causes and confounders, the exposure floor.
 */
class ExplanationWorldsTest {
    private static final String LATE = "late_delivery";

    private static String pick(Random random, String... values) {
        return values[random.nextInt(values.length)];
    }

    /**
     * customer_region, dest_region and origin_region always carry the same value; region r1 adds 9 points to the
     * 3% complaint rate and carrier A 6 (additive, so that their pair is no interaction). The three region spellings are one finding with two aliases, adjusted for the
     * carrier and never for its aliases; no two ranked rows select the same shipments.
     */
    @Test
    void threePerfectlyCorrelatedDimensionsAreOneFinding() {
        EngineWorld world = new EngineWorld(5).shipments(6000, random -> {
            String region = pick(random, "r0", "r1", "r2", "r3");
            Map<String, String> v = new LinkedHashMap<>();
            v.put("carrier", pick(random, "A", "B", "C", "D"));
            v.put("customer_region", region);
            v.put("dest_region", region);
            v.put("origin_region", region);
            v.put("warehouse", pick(random, "W1", "W2", "W3"));
            return v;
        }, v -> 0.03 + (v.get("dest_region").equals("r1") ? 0.09 : 0) + (v.get("carrier").equals("A") ? 0.06 : 0),
                LATE);
        List<Finding> findings = world.explain(List.of(LATE), 3);

        for (String reason : List.of("all", LATE)) {
            List<Finding> ranked = EngineWorld.ranked(findings, reason);
            Finding region = EngineWorld.find(findings, reason, "customer_region=r1");
            assertNotNull(region, findings.toString());
            assertEquals(List.of("dest_region=r1", "origin_region=r1"),
                    region.aliases().stream().map(Itemset::factors).toList());
            assertNull(EngineWorld.find(findings, reason, "dest_region=r1"), "merged into customer_region=r1");
            assertNull(EngineWorld.find(findings, reason, "customer_region=r1 AND dest_region=r1"));
            assertEquals("carrier", region.adjustedFor(), "adjusted for the other cause, never for an alias");
            assertTrue(region.adjustedLift() > 2, "adjusted " + region.adjustedLift());
            Finding carrier = EngineWorld.find(findings, reason, "carrier=A");
            assertEquals("customer_region", carrier.adjustedFor());
            assertTrue(region.rank() != null && carrier.rank() != null, ranked.toString());
            assertTrue(Ranking.summary(region, RootCauseOptions.ALPHA).startsWith(
                    "customer_region=r1 (same shipments as dest_region=r1; origin_region=r1): "),
                    Ranking.summary(region, RootCauseOptions.ALPHA));
            Set<String> signatures = new HashSet<>();
            for (Finding f : ranked) {
                assertTrue(signatures.add(f.shipments() + "/" + f.complaints()), "same counts twice: " + ranked);
                assertNotNull(f.placement());
            }
        }
    }

    /**
     * Express shipments from W3 complain at 30%, every other shipment (express elsewhere, W3 by other methods) at
     * 3%. The pair ranks first; each part, over-represented only through the pair, ranks below it with
     * explained_by = the pair and a residual lift (outside the pair) whose CI covers 1.
     */
    @Test
    void plantedPairRanksAboveItsNullParts() {
        EngineWorld world = new EngineWorld(11).shipments(9000, random -> {
            Map<String, String> v = new LinkedHashMap<>();
            v.put("carrier", pick(random, "A", "B", "C"));
            v.put("ship_method", pick(random, "express", "standard", "economy"));
            v.put("warehouse", pick(random, "W1", "W2", "W3", "W4"));
            return v;
        }, v -> v.get("ship_method").equals("express") && v.get("warehouse").equals("W3") ? 0.3 : 0.03, LATE);
        List<Finding> findings = world.explain(List.of(LATE), 3);

        for (String reason : List.of("all", LATE)) {
            List<Finding> ranked = EngineWorld.ranked(findings, reason);
            Finding pair = ranked.get(0);
            assertEquals("ship_method=express AND warehouse=W3", pair.itemset().factors(), ranked.toString());
            assertNull(pair.placement().explainedBy());
            assertTrue(pair.placement().informationGain() > 0);
            for (String part : List.of("ship_method=express", "warehouse=W3")) {
                Finding f = EngineWorld.find(findings, reason, part);
                assertNotNull(f.rank(), part + " is over-represented through the pair: " + ranked);
                assertTrue(f.rank() > pair.rank());
                assertEquals(pair.itemset(), f.placement().explainedBy(), part);
                assertTrue(f.placement().residualLift().ciLow() < 1 && f.placement().residualLift().ciHigh() > 1,
                        part + " residual " + f.placement().residualLift());
                assertTrue(f.placement().informationGain() < 0.1 * pair.placement().informationGain(), part);
                assertTrue(Ranking.summary(f, RootCauseOptions.ALPHA).contains(
                        "; explained by ship_method=express AND warehouse=W3: "), Ranking.summary(f, 0.05));
            }
        }
    }

    /** Carrier A complains at 3x the rate of the others: it is the only ranked finding, adjusted for nothing else. */
    @Test
    void plantedSingleCauseIsTheOnlyRankedFinding() {
        EngineWorld world = new EngineWorld(3).shipments(5000, random -> {
            Map<String, String> v = new LinkedHashMap<>();
            v.put("carrier", pick(random, "A", "B", "C", "D"));
            v.put("dest_region", pick(random, "north", "south", "east"));
            v.put("warehouse", pick(random, "W1", "W2"));
            return v;
        }, v -> v.get("carrier").equals("A") ? 0.12 : 0.04, LATE);
        List<Finding> findings = world.explain(List.of(LATE), 3);

        for (String reason : List.of("all", LATE)) {
            List<Finding> ranked = EngineWorld.ranked(findings, reason);
            assertEquals(List.of("carrier=A"), ranked.stream().map(f -> f.itemset().factors()).toList());
            Finding a = ranked.get(0);
            assertEquals(a.lift(), a.adjustedLift(), 1e-12, "nothing else to adjust for");
            assertTrue(Ranking.summary(a, RootCauseOptions.ALPHA).endsWith("; no other significant factor to adjust for"),
                    Ranking.summary(a, RootCauseOptions.ALPHA));
        }
    }

    /**
     * Remote shipments complain at 20%, city ones at 4%, whatever the carrier; carrier X serves remote 80% of the
     * time, Y 20%. The region ranks first; X, over-represented only through the region, ranks below it with an
     * adjusted lift near 1 and explained_by = the region.
     */
    @Test
    void confoundedFactorFallsBelowItsConfounder() {
        EngineWorld world = new EngineWorld(17).shipments(6000, random -> {
            Map<String, String> v = new LinkedHashMap<>();
            String carrier = pick(random, "X", "Y");
            v.put("carrier", carrier);
            v.put("dest_region", random.nextDouble() < (carrier.equals("X") ? 0.8 : 0.2) ? "remote" : "city");
            v.put("warehouse", pick(random, "W1", "W2"));
            return v;
        }, v -> v.get("dest_region").equals("remote") ? 0.20 : 0.04, LATE);
        List<Finding> findings = world.explain(List.of(LATE), 2);

        List<Finding> ranked = EngineWorld.ranked(findings, "all");
        assertEquals("dest_region=remote", ranked.get(0).itemset().factors(), ranked.toString());
        Finding x = EngineWorld.find(findings, "all", "carrier=X");
        assertNotNull(x.rank(), ranked.toString());
        assertTrue(x.lift() > 1.5, "crude lift " + x.lift());
        assertEquals(1.0, x.adjustedLift(), 0.15);
        assertTrue(x.adjustedFor().startsWith("dest_region"), x.adjustedFor());
        assertEquals(ranked.get(0).itemset(), x.placement().explainedBy());
        assertTrue(x.placement().residualLift().ciLow() < 1 && x.placement().residualLift().ciHigh() > 1,
                x.placement().residualLift().toString());
    }

    /**
     * The floor is on exposure: a small group with a cluster of complaints is not examined at all, whatever its
     * complaints; a group as large as the floor is.
     */
    @Test
    void groupsBelowTheExposureFloorAreNotExamined() {
        EngineWorld world = new EngineWorld(23);
        // 40 shipments of carrier Z, 20 of them complained about; 4,000 others at 5%.
        for (int i = 0; i < 40; i++) {
            world.shipment(Map.of("carrier", "Z", "warehouse", i % 2 == 0 ? "W1" : "W2"), i < 20 ? 1.0 : 0.0, LATE);
        }
        world.shipments(4000, random -> Map.of("carrier", pick(random, "A", "B"), "warehouse",
                pick(random, "W1", "W2")), v -> 0.05, LATE);
        long floor = ExposureFloor.shipments(0.055);
        assertTrue(floor > 40, "floor " + floor);
        List<Finding> findings = world.explain(List.of(LATE), 2);
        assertFalse(findings.stream().anyMatch(f -> f.itemset().factors().contains("carrier=Z")), findings.toString());
    }
}
