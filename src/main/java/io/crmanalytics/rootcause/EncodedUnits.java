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

    private final TermDictionary dictionary;
    private final Reasons reasons;
    private final JavaRDD<UnitBlock> blocks;
    /** The level-0 counts (all shipments), taken while the cache was filled. */
    private final long[] totals;

    private EncodedUnits(TermDictionary dictionary, Reasons reasons, JavaRDD<UnitBlock> blocks, long[] totals) {
        this.dictionary = dictionary;
        this.reasons = reasons;
        this.blocks = blocks;
        this.totals = totals;
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
        JavaRDD<UnitBlock> blocks = local.map(b -> b.block().translate(translations.get(b.partition())))
                .persist(StorageLevel.MEMORY_ONLY());
        LevelTally all = new LevelTally(0, new long[0], dictionary.size(), dictionary.bitsPerCode(), reasons.size());
        long[] totals = blocks.map(all::count).fold(new long[all.width()], LevelTally::sum);
        local.unpersist(false);
        return new EncodedUnits(dictionary, reasons, blocks, totals);
    }

    TermDictionary dictionary() {
        return dictionary;
    }

    Reasons reasons() {
        return reasons;
    }

    LevelCounter levelCounter() {
        return new EncodedLevelCounter(dictionary, reasons, tally -> tally.level() == 0 ? totals.clone()
                : blocks.map(tally::count).fold(new long[tally.slots() * tally.width()], LevelTally::sum));
    }

    /** Shipments then complaints per reason, per term code and trend window: {@code [window - 1][code]}. */
    long[][][] trendCounts() {
        int terms = dictionary.size();
        int width = 1 + reasons.size();
        long[] summed = blocks.map(block -> {
            long[] counts = new long[2 * terms * width];
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
        }).fold(new long[2 * terms * width], LevelTally::sum);
        long[][][] result = new long[2][terms][];
        for (int w = 0; w < 2; w++) {
            for (int code = 0; code < terms; code++) {
                int from = (w * terms + code) * width;
                result[w][code] = java.util.Arrays.copyOfRange(summed, from, from + width);
            }
        }
        return result;
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
        StrataTally.Counts counts = blocks.map(tally::count)
                .fold(new StrataTally.Counts(List.of(), List.of()), StrataTally::merge);
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

    static GroupCounts group(long[] counts) {
        long[] complaints = new long[counts.length - 1];
        System.arraycopy(counts, 1, complaints, 0, complaints.length);
        return new GroupCounts(counts[0], complaints);
    }

    @Override
    public void close() {
        blocks.unpersist(false);
    }
}
