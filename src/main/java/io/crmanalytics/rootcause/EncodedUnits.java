package io.crmanalytics.rootcause;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.storage.StorageLevel;

/**
 * The analysis units, encoded once and cached for every counting pass of the engine, one {@link UnitBlock} per
 * partition. Why: each pass (one per Apriori level, one per set of stratifying dimensions, one for the trends)
 * would otherwise explode and hash strings for every shipment and shuffle the groups; over the blocks a pass is a
 * tight loop over primitive arrays whose small count arrays are summed on the driver. Encoding is one scan of the
 * units ({@link BlockEncoder}) plus an in-memory translation of each block's local codes to the run's dictionary.
 */
final class EncodedUnits implements AutoCloseable {
    /** The column the encoder reads the trend window from, when the units have it. */
    static final String TREND_WINDOW = "trend_window";

    /** Runs a pass over every block wherever the blocks are kept (the Spark cache, or a list in a test). */
    interface Blocks {
        <T> T run(BlockPass<T> pass);
    }

    private final TermDictionary dictionary;
    private final Reasons reasons;
    private final Blocks blocks;
    /** The level-0 counts (all shipments), taken while the cache was filled. */
    private final long[] totals;
    private final Runnable release;

    private EncodedUnits(TermDictionary dictionary, Reasons reasons, Blocks blocks, long[] totals, Runnable release) {
        this.dictionary = dictionary;
        this.reasons = reasons;
        this.blocks = blocks;
        this.totals = totals;
        this.release = release;
    }

    /** Units already encoded in memory (tests, small worlds): the same passes, run over a list of blocks. */
    static EncodedUnits inMemory(TermDictionary dictionary, Reasons reasons, List<UnitBlock> blocks) {
        Blocks local = new Blocks() {
            @Override
            public <T> T run(BlockPass<T> pass) {
                T result = pass.zero();
                for (UnitBlock block : blocks) {
                    result = pass.merge(result, pass.count(block));
                }
                return result;
            }
        };
        LevelTally all = new LevelTally(0, new long[0], dictionary.size(), dictionary.bitsPerCode(), reasons.size());
        return new EncodedUnits(dictionary, reasons, local, local.run(all), () -> { });
    }

    private static Blocks onSpark(JavaRDD<UnitBlock> rdd) {
        return new Blocks() {
            @Override
            public <T> T run(BlockPass<T> pass) {
                return rdd.map(pass::count).fold(pass.zero(), pass::merge);
            }
        };
    }

    /**
     * Encodes units with the dimension columns ({@code categories}, an array, standing for category),
     * {@code reasons} (an array of the shipment's complaint reasons, empty or null when none) and optionally
     * {@value #TREND_WINDOW}.
     */
    static EncodedUnits encode(Dataset<Row> units, List<String> dimensions, Reasons reasons, int maxFactors) {
        int[] columns = new int[dimensions.size()];
        boolean[] arrays = new boolean[dimensions.size()];
        for (int d = 0; d < dimensions.size(); d++) {
            String column = Dimensions.CATEGORY.equals(dimensions.get(d)) ? "categories" : dimensions.get(d);
            columns[d] = units.schema().fieldIndex(column);
            arrays[d] = units.schema().fields()[columns[d]].dataType() instanceof ArrayType;
        }
        int window = List.of(units.columns()).contains(TREND_WINDOW) ? units.schema().fieldIndex(TREND_WINDOW) : -1;
        BlockEncoder encoder = new BlockEncoder(columns, arrays, units.schema().fieldIndex("reasons"), window,
                reasons.names().toArray(String[]::new));
        JavaRDD<BlockEncoder.LocalBlock> local = units.queryExecution().toRdd().toJavaRDD()
                .mapPartitions(rows -> List.of(encoder.encode(rows)).iterator())
                .persist(StorageLevel.MEMORY_ONLY());
        List<BlockEncoder.LocalBlock> terms = local.map(b -> new BlockEncoder.LocalBlock(b.partition(), null,
                b.termDimension(), b.termValue())).collect();

        Set<Itemset.Term> distinct = new LinkedHashSet<>();
        for (BlockEncoder.LocalBlock b : terms) {
            for (int t = 0; t < b.termValue().length; t++) {
                distinct.add(new Itemset.Term(dimensions.get(b.termDimension()[t]), b.termValue()[t]));
            }
        }
        TermDictionary dictionary = new TermDictionary(distinct);
        dictionary.checkPackable(maxFactors);
        Map<Integer, int[]> translations = new HashMap<>();
        for (BlockEncoder.LocalBlock b : terms) {
            int[] translation = new int[b.termValue().length];
            for (int t = 0; t < translation.length; t++) {
                translation[t] = dictionary.code(new Itemset.Term(dimensions.get(b.termDimension()[t]),
                        b.termValue()[t]));
            }
            translations.put(b.partition(), translation);
        }
        JavaRDD<UnitBlock> rdd = local.map(b -> b.block().translate(translations.get(b.partition())))
                .persist(StorageLevel.MEMORY_ONLY());
        Blocks blocks = onSpark(rdd);
        LevelTally all = new LevelTally(0, new long[0], dictionary.size(), dictionary.bitsPerCode(), reasons.size());
        long[] totals = blocks.run(all);
        local.unpersist(false);
        return new EncodedUnits(dictionary, reasons, blocks, totals, () -> rdd.unpersist(false));
    }

    TermDictionary dictionary() {
        return dictionary;
    }

    Reasons reasons() {
        return reasons;
    }

    LevelCounter levelCounter() {
        return new EncodedLevelCounter(dictionary, reasons, tally -> tally.level() == 0 ? totals.clone()
                : blocks.run(tally));
    }

    /** Shipments then complaints per reason, per term code and trend window: {@code [window - 1][code]}. */
    long[][][] trendCounts() {
        int terms = dictionary.size();
        int width = 1 + reasons.size();
        long[] summed = blocks.run(new TrendTally(terms, width));
        long[][][] result = new long[2][terms][];
        for (int w = 0; w < 2; w++) {
            for (int code = 0; code < terms; code++) {
                int from = (w * terms + code) * width;
                result[w][code] = java.util.Arrays.copyOfRange(summed, from, from + width);
            }
        }
        return result;
    }

    /** Per trend window and term: shipments, then complained shipments per reason. */
    private record TrendTally(int terms, int width) implements BlockPass<long[]> {
        @Override
        public long[] zero() {
            return new long[2 * terms * width];
        }

        @Override
        public long[] count(UnitBlock block) {
            long[] counts = zero();
            for (int u = 0; u < block.size; u++) {
                if (block.windows[u] == UnitBlock.NO_WINDOW) {
                    continue;
                }
                int base = (block.windows[u] - 1) * terms;
                for (int i = block.offsets[u]; i < block.offsets[u + 1]; i++) {
                    LevelTally.add(counts, (base + block.codes[i]) * width, block.reasons[u]);
                }
            }
            return counts;
        }

        @Override
        public long[] merge(long[] a, long[] b) {
            return LevelTally.sum(a, b);
        }
    }

    /**
     * For each set of stratifying dimensions, the counts by stratum and by (term, stratum) for its terms (as
     * {@code dimension=value} keys), shipments then complaints per reason; all sets in one pass.
     */
    Map<List<String>, Confounding.StrataCounts> strata(Map<List<String>, Set<String>> termsBySet) {
        List<List<String>> order = new ArrayList<>(termsBySet.keySet());
        List<StrataTally.StrataSet> sets = new ArrayList<>();
        for (List<String> stratifyBy : order) {
            int[] dimensionOfCode = new int[dictionary.size()];
            boolean[] wanted = new boolean[dictionary.size()];
            for (int code = 0; code < dictionary.size(); code++) {
                Itemset.Term term = dictionary.term(code);
                dimensionOfCode[code] = stratifyBy.indexOf(term.dimension());
                wanted[code] = termsBySet.get(stratifyBy).contains(term.key());
            }
            boolean[] setValued = new boolean[stratifyBy.size()];
            for (int d = 0; d < setValued.length; d++) {
                setValued[d] = Dimensions.CATEGORY.equals(stratifyBy.get(d));
            }
            sets.add(StrataTally.set(dimensionOfCode, setValued, wanted));
        }
        StrataTally tally = new StrataTally(sets, reasons.size());
        StrataTally.Counts counts = blocks.run(tally);
        Map<List<String>, Confounding.StrataCounts> result = new HashMap<>();
        for (int s = 0; s < order.size(); s++) {
            Map<String, Map<Object, GroupCounts>> byTerm = new HashMap<>();
            counts.byTerm().get(s).forEach((code, strata) -> {
                Map<Object, GroupCounts> groups = new HashMap<>();
                strata.forEach((stratum, c) -> groups.put(stratum, group(c)));
                byTerm.put(dictionary.term(code).key(), groups);
            });
            Map<Object, GroupCounts> byStratum = new HashMap<>();
            counts.byStratum().get(s).forEach((stratum, c) -> byStratum.put(stratum, group(c)));
            result.put(order.get(s), new Confounding.StrataCounts(byTerm, byStratum));
        }
        return result;
    }

    /** The codes of an itemset's terms in ascending order, or null when the run has a term of it nowhere. */
    int[] codes(Itemset itemset) {
        int[] codes = new int[itemset.size()];
        for (int i = 0; i < codes.length; i++) {
            codes[i] = dictionary.code(itemset.terms().get(i));
            if (codes[i] < 0) {
                return null;
            }
        }
        java.util.Arrays.sort(codes);
        return codes;
    }

    /** Counts of conjunctions of terms (terms of one dimension allowed), in one pass; absent terms count 0. */
    Map<Itemset, GroupCounts> conjunctions(java.util.Collection<Itemset> conjunctions) {
        List<Itemset> known = new ArrayList<>();
        List<int[]> codes = new ArrayList<>();
        Map<Itemset, GroupCounts> result = new HashMap<>();
        for (Itemset c : conjunctions) {
            int[] cc = codes(c);
            if (cc == null) {
                result.put(c, new GroupCounts(0, new long[reasons.size()]));
            } else {
                known.add(c);
                codes.add(cc);
            }
        }
        if (!known.isEmpty()) {
            long[] counts = blocks.run(new ConjunctionTally(codes.toArray(int[][]::new), dictionary.size(),
                    reasons.size()));
            int width = 1 + reasons.size();
            for (int j = 0; j < known.size(); j++) {
                result.put(known.get(j), group(java.util.Arrays.copyOfRange(counts, j * width, (j + 1) * width)));
            }
        }
        return result;
    }

    /**
     * Per pool of at most 63 itemsets (each term known to the run), the counts per membership pattern (bit i: in
     * the pool's i-th itemset), pattern 0 excluded; all pools in one pass.
     */
    List<Map<Long, GroupCounts>> membership(List<List<Itemset>> pools) {
        List<List<int[]>> codes = pools.stream().map(pool -> pool.stream().map(this::codes).toList()).toList();
        List<Map<Long, long[]>> counted = blocks.run(new MembershipTally(codes, dictionary.size(), reasons.size()));
        List<Map<Long, GroupCounts>> result = new ArrayList<>();
        for (int p = 0; p < pools.size(); p++) {
            Map<Long, GroupCounts> patterns = new HashMap<>();
            if (!counted.isEmpty()) {
                counted.get(p).forEach((mask, c) -> patterns.put(mask, group(c)));
            }
            result.add(patterns);
        }
        return result;
    }

    GroupCounts totals() {
        return group(totals);
    }

    static GroupCounts group(long[] counts) {
        long[] complaints = new long[counts.length - 1];
        System.arraycopy(counts, 1, complaints, 0, complaints.length);
        return new GroupCounts(counts[0], complaints);
    }

    @Override
    public void close() {
        release.run();
    }
}
