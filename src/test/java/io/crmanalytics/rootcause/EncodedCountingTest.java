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
            {"dest_region"}}; // values r0, r1, ...: see world(regions)
    private static final List<String> REASONS = List.of("damaged", "late_delivery");

    /** A level counter over units in one block, running the same tallies the Spark partitions run. */
    static LevelCounter inMemory(List<List<Itemset.Term>> items, List<Set<String>> complained, Reasons reasons) {
        TermDictionary dictionary = dictionary(items);
        return new EncodedLevelCounter(dictionary, reasons, tally -> tally.count(block(items, complained, reasons,
                dictionary)));
    }

    /** The same units as the engine's encoded cache, kept in one in-memory block. */
    static EncodedUnits units(List<List<Itemset.Term>> items, List<Set<String>> complained, Reasons reasons) {
        TermDictionary dictionary = dictionary(items);
        return EncodedUnits.inMemory(dictionary, reasons, List.of(block(items, complained, reasons, dictionary)));
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
        assertLevelsMatchBruteForce(world(3));
    }

    /**
     * Hundreds of terms: packed keys of 9 bits a term, so level 3 (27 bits) is looked up by hashing while
     * levels 1 and 2 use the direct index.
     */
    @Test
    void packedCountsEqualBruteForceCountsWithManyTerms() {
        assertLevelsMatchBruteForce(world(300));
    }

    private static void assertLevelsMatchBruteForce(World world) {
        Reasons reasons = Reasons.allAnd(REASONS);
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
        World world = world(3);
        TermDictionary dictionary = dictionary(world.items());
        UnitBlock block = block(world.items(), world.complained(), reasons, dictionary);
        List<String> stratifyBy = List.of("category", "carrier");
        int[] dimensionOfCode = new int[dictionary.size()];
        boolean[] wanted = new boolean[dictionary.size()];
        for (int c = 0; c < dictionary.size(); c++) {
            dimensionOfCode[c] = stratifyBy.indexOf(dictionary.term(c).dimension());
            wanted[c] = dictionary.term(c).key().equals("warehouse=W1");
        }
        StrataTally.StrataSet numeric = StrataTally.set(dimensionOfCode, new boolean[] {true, false}, wanted);
        assertTrue(numeric.numericKey());
        // The same set keyed by text, as when the mixed-radix key would not fit in a long.
        StrataTally.StrataSet text = new StrataTally.StrataSet(numeric.contribution(), false, numeric.stratifying(),
                wanted);
        StrataTally.Counts counts = new StrataTally(List.of(numeric, text), reasons.size()).count(block);

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
        int w1 = dictionary.code(new Itemset.Term("warehouse", "W1"));
        for (int s = 0; s < 2; s++) {
            assertEquals(sortedRows(expected.values()), sortedRows(counts.byStratum().get(s).values()), "set " + s);
            assertEquals(sortedRows(expectedW1.values()), sortedRows(counts.byTerm().get(s).get(w1).values()));
        }
    }

    /** Many keys that differ only in their high bits (as mixed-radix strata do): every count lands on its own key. */
    @Test
    void stratumTableKeepsEveryKeyApartThroughGrowth() {
        StratumCountTable table = new StratumCountTable(3);
        Map<List<Long>, long[]> expected = new HashMap<>();
        Random random = new Random(11);
        for (int n = 0; n < 50_000; n++) {
            long stratum = (long) random.nextInt(2_000) << 40;
            int code = random.nextInt(4) - 1;
            long reasonsMask = random.nextInt(4);
            table.add(stratum, code, reasonsMask);
            long[] row = {1, reasonsMask & 1, (reasonsMask >> 1) & 1};
            expected.merge(List.of(stratum, (long) code), row, LevelTally::sum);
        }
        Map<List<Long>, long[]> actual = new HashMap<>();
        table.forEach((stratum, code, counts, from) -> actual.put(List.of(stratum, (long) code),
                java.util.Arrays.copyOfRange(counts, from, from + 3)));
        assertEquals(expected.size(), table.size());
        assertEquals(expected.keySet(), actual.keySet());
        expected.forEach((key, row) -> assertArrayEquals(row, actual.get(key), key.toString()));
    }

    private static List<String> sortedRows(java.util.Collection<long[]> rows) {
        return rows.stream().map(java.util.Arrays::toString).sorted().toList();
    }

    /** 400 shipments; dest_region has {@code regions} values (the other dimensions as listed). */
    private static World world(int regions) {
        Random random = new Random(7);
        List<List<Itemset.Term>> items = new ArrayList<>();
        List<Set<String>> complained = new ArrayList<>();
        for (int s = 0; s < 400; s++) {
            List<Itemset.Term> terms = new ArrayList<>();
            for (String[] dimension : DIMENSIONS) {
                // Some shipments lack a value; some orders have two categories.
                if (random.nextDouble() < 0.9) {
                    terms.add(dimension[0].equals("dest_region")
                            ? new Itemset.Term("dest_region", "r" + random.nextInt(regions))
                            : new Itemset.Term(dimension[0], dimension[1 + random.nextInt(dimension.length - 1)]));
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
