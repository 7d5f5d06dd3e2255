package io.crmanalytics.rootcause;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The engine's packed-code counting against a brute-force count of the same itemsets. */
class EncodedCountingTest {
    private static final String[][] DIMENSIONS = {
            {"carrier", "A", "B", "C"}, {"category", "toys", "books", "garden"}, {"warehouse", "W1", "W2"},
            {"dest_region", "north", "south", "east"}};
    private static final List<String> REASONS = List.of("damaged", "late_delivery");

    /** A level counter over units in one block, running the same tallies the Spark partitions run. */
    static LevelCounter inMemory(List<List<Itemset.Term>> items, List<Set<String>> complained, Reasons reasons) {
        TermDictionary dictionary = dictionary(items);
        return new EncodedLevelCounter(dictionary, reasons, tally -> tally.count(block(items, complained, reasons,
                dictionary)));
    }

    private static TermDictionary dictionary(List<List<Itemset.Term>> items) {
        Set<Itemset.Term> distinct = new LinkedHashSet<>();
        items.forEach(distinct::addAll);
        return new TermDictionary(distinct);
    }

    private static UnitBlock block(List<List<Itemset.Term>> items, List<Set<String>> complained, Reasons reasons,
                                   TermDictionary dictionary) {
        UnitBlock.Builder builder = new UnitBlock.Builder();
        for (int u = 0; u < items.size(); u++) {
            long mask = complained.get(u).isEmpty() ? 0 : 1;
            for (int r = 1; r < reasons.size(); r++) {
                mask |= complained.get(u).contains(reasons.name(r)) ? 1L << r : 0;
            }
            builder.start(mask, UnitBlock.NO_WINDOW);
            // In the order the shipment lists them: the block sorts its codes when translated.
            items.get(u).forEach(term -> builder.code(dictionary.code(term)));
        }
        int[] identity = java.util.stream.IntStream.range(0, dictionary.size()).toArray();
        return builder.build().translate(identity);
    }

    private record World(List<List<Itemset.Term>> items, List<Set<String>> complained) {
    }

    @Test
    void packedCountsEqualBruteForceCountsAtEveryLevel() {
        Reasons reasons = Reasons.allAnd(REASONS);
        World world = world();
        List<List<Itemset.Term>> items = world.items();
        List<Set<String>> complained = world.complained();
        LevelCounter counter = inMemory(items, complained, reasons);

        GroupCounts totals = counter.totals();
        assertEquals(400, totals.shipments());
        assertEquals(complained.stream().filter(c -> !c.isEmpty()).count(), totals.complaints(0));

        Map<Itemset, GroupCounts> level1 = counter.count(1, Set.of());
        assertCounts(bruteForce(items, complained, reasons, 1), level1);
        Set<Itemset> pairs = ExplanationSearch.candidates(level1.keySet());
        Map<Itemset, GroupCounts> level2 = counter.count(2, pairs);
        Map<Itemset, GroupCounts> expected2 = bruteForce(items, complained, reasons, 2);
        expected2.keySet().retainAll(pairs);
        assertCounts(expected2, level2);
        Set<Itemset> triples = ExplanationSearch.candidates(level2.keySet());
        Map<Itemset, GroupCounts> expected3 = bruteForce(items, complained, reasons, 3);
        expected3.keySet().retainAll(triples);
        assertCounts(expected3, counter.count(3, triples));
    }

    /** Strata by (category set, carrier), numeric keys, against grouping the units by those values directly. */
    @Test
    void strataCountsEqualGroupingByTheStratifyingValues() {
        Reasons reasons = Reasons.allAnd(REASONS);
        World world = world();
        TermDictionary dictionary = dictionary(world.items());
        UnitBlock block = block(world.items(), world.complained(), reasons, dictionary);
        List<String> stratifyBy = List.of("category", "carrier");
        int[] dimensionOfCode = new int[dictionary.size()];
        boolean[] wanted = new boolean[dictionary.size()];
        for (int c = 0; c < dictionary.size(); c++) {
            dimensionOfCode[c] = stratifyBy.indexOf(dictionary.term(c).dimension());
            wanted[c] = dictionary.term(c).key().equals("warehouse=W1");
        }
        StrataTally.StrataSet set = StrataTally.set(dimensionOfCode, new boolean[] {true, false}, wanted);
        assertTrue(set.numericKey());
        StrataTally.Counts counts = new StrataTally(List.of(set), reasons.size()).count(block);

        Map<String, long[]> expected = new HashMap<>();
        Map<String, long[]> expectedW1 = new HashMap<>();
        for (int u = 0; u < world.items().size(); u++) {
            List<Itemset.Term> terms = world.items().get(u);
            String stratum = terms.stream().filter(t -> stratifyBy.contains(t.dimension())).map(Itemset.Term::key)
                    .sorted().toList().toString();
            long[] row = {1, world.complained().get(u).isEmpty() ? 0 : 1,
                    world.complained().get(u).contains("damaged") ? 1 : 0,
                    world.complained().get(u).contains("late_delivery") ? 1 : 0};
            expected.merge(stratum, row, LevelTally::sum);
            if (terms.contains(new Itemset.Term("warehouse", "W1"))) {
                expectedW1.merge(stratum, row, LevelTally::sum);
            }
        }
        assertEquals(sortedRows(expected.values()), sortedRows(counts.byStratum().get(0).values()));
        int w1 = dictionary.code(new Itemset.Term("warehouse", "W1"));
        assertEquals(sortedRows(expectedW1.values()), sortedRows(counts.byTerm().get(0).get(w1).values()));
    }

    private static List<String> sortedRows(java.util.Collection<long[]> rows) {
        return rows.stream().map(java.util.Arrays::toString).sorted().toList();
    }

    private static World world() {
        Random random = new Random(7);
        List<List<Itemset.Term>> items = new ArrayList<>();
        List<Set<String>> complained = new ArrayList<>();
        for (int s = 0; s < 400; s++) {
            List<Itemset.Term> terms = new ArrayList<>();
            for (String[] dimension : DIMENSIONS) {
                // Some shipments lack a value; some orders have two categories.
                if (random.nextDouble() < 0.9) {
                    terms.add(new Itemset.Term(dimension[0], dimension[1 + random.nextInt(dimension.length - 1)]));
                }
                if (dimension[0].equals("category") && random.nextDouble() < 0.3) {
                    Itemset.Term second = new Itemset.Term("category", dimension[1 + random.nextInt(3)]);
                    if (!terms.contains(second)) {
                        terms.add(second);
                    }
                }
            }
            items.add(terms);
            Set<String> reasonsOfUnit = new HashSet<>();
            for (String reason : REASONS) {
                if (random.nextDouble() < 0.15) {
                    reasonsOfUnit.add(reason);
                }
            }
            complained.add(reasonsOfUnit);
        }
        return new World(items, complained);
    }

    private static void assertCounts(Map<Itemset, GroupCounts> expected, Map<Itemset, GroupCounts> actual) {
        assertEquals(expected.keySet(), actual.keySet());
        expected.forEach((itemset, counts) -> {
            assertEquals(counts.shipments(), actual.get(itemset).shipments(), itemset.factors());
            assertArrayEquals(counts.complaints(), actual.get(itemset).complaints(), itemset.factors());
        });
    }

    /** Every itemset of {@code size} terms of distinct dimensions that some unit holds, counted the slow way. */
    private static Map<Itemset, GroupCounts> bruteForce(List<List<Itemset.Term>> items, List<Set<String>> complained,
                                                        Reasons reasons, int size) {
        Map<Itemset, long[]> counts = new HashMap<>();
        for (int u = 0; u < items.size(); u++) {
            for (Itemset itemset : subsets(items.get(u), size)) {
                long[] c = counts.computeIfAbsent(itemset, k -> new long[1 + reasons.size()]);
                c[0]++;
                c[1] += complained.get(u).isEmpty() ? 0 : 1;
                for (int r = 1; r < reasons.size(); r++) {
                    c[1 + r] += complained.get(u).contains(reasons.name(r)) ? 1 : 0;
                }
            }
        }
        Map<Itemset, GroupCounts> result = new HashMap<>();
        counts.forEach((k, c) -> result.put(k, new GroupCounts(c[0], java.util.Arrays.copyOfRange(c, 1, c.length))));
        return result;
    }

    private static Set<Itemset> subsets(List<Itemset.Term> terms, int size) {
        Set<Itemset> found = new HashSet<>();
        int n = terms.size();
        for (int bits = 0; bits < (1 << n); bits++) {
            if (Integer.bitCount(bits) != size) {
                continue;
            }
            List<Itemset.Term> chosen = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                if ((bits & (1 << i)) != 0) {
                    chosen.add(terms.get(i));
                }
            }
            Itemset itemset = new Itemset(chosen);
            if (!itemset.repeatsDimension()) {
                found.add(itemset);
            }
        }
        return found;
    }
}
