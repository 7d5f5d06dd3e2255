package io.crmanalytics.rootcause;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The counts the Mantel-Haenszel adjustments need, for several sets of stratifying dimensions in one pass: per
 * stratum (the shipment's values of the set's dimensions; an order with several categories forms its own stratum,
 * the set) and per (term, stratum) for the terms adjusted by that set, shipments then complained shipments per
 * reason. A stratum's key is a number: the sum of its terms' contributions in a mixed radix (value index for a
 * single-valued dimension, one bit per value for category), so the key costs no allocation; when that does not fit
 * in a long (a category dimension of over ~60 values) the key is the list of codes as a string (numbered per
 * partition while counting). Counting goes through a {@link StratumCountTable} per set. Serializable:
 * Spark runs it per partition and {@link #merge}s the partitions' results.
 */
final class StrataTally implements BlockPass<StrataTally.Counts> {
    /** Per set: counts keyed by stratum, and by term code then stratum; each array is shipments then reasons. */
    record Counts(List<Map<Object, long[]>> byStratum, List<Map<Integer, Map<Object, long[]>>> byTerm)
            implements Serializable {
    }

    /** One set of stratifying dimensions: per term code, its contribution to the key (0: not stratifying). */
    record StrataSet(long[] contribution, boolean numericKey, boolean[] stratifying, boolean[] wanted)
            implements Serializable {
    }

    private final List<StrataSet> sets;
    private final int reasons;

    StrataTally(List<StrataSet> sets, int reasons) {
        this.sets = sets;
        this.reasons = reasons;
    }

    /**
     * Builds a set: {@code dimensionOfCode[c]} is the index of code c's dimension among the stratifying ones
     * (or -1), {@code setValued[d]} whether dimension d holds a set of values (category).
     */
    static StrataSet set(int[] dimensionOfCode, boolean[] setValued, boolean[] wanted) {
        int dimensions = setValued.length;
        int[] values = new int[dimensions];
        int[] index = new int[dimensionOfCode.length];
        for (int c = 0; c < dimensionOfCode.length; c++) {
            if (dimensionOfCode[c] >= 0) {
                index[c] = values[dimensionOfCode[c]]++;
            }
        }
        long[] contribution = new long[dimensionOfCode.length];
        boolean[] stratifying = new boolean[dimensionOfCode.length];
        double bits = 0;
        for (int d = 0; d < dimensions; d++) {
            bits += setValued[d] ? values[d] : Math.log(values[d] + 1.0) / Math.log(2);
        }
        boolean numeric = bits < 62;
        long multiplier = 1;
        for (int d = 0; d < dimensions; d++) {
            for (int c = 0; c < dimensionOfCode.length; c++) {
                if (dimensionOfCode[c] == d) {
                    stratifying[c] = true;
                    if (numeric) {
                        contribution[c] = multiplier * (setValued[d] ? 1L << index[c] : index[c] + 1L);
                    }
                }
            }
            if (numeric) {
                multiplier *= setValued[d] ? 1L << values[d] : values[d] + 1L;
            }
        }
        return new StrataSet(contribution, numeric, stratifying, wanted);
    }

    @Override
    public Counts zero() {
        return new Counts(List.of(), List.of());
    }

    @Override
    public Counts merge(Counts a, Counts b) {
        return mergeCounts(a, b);
    }

    @Override
    public Counts count(UnitBlock block) {
        StratumCountTable[] tables = new StratumCountTable[sets.size()];
        // Only for sets whose key does not fit a long: the stratum text and its partition-local number.
        List<Map<String, Long>> textIds = new ArrayList<>();
        for (int s = 0; s < sets.size(); s++) {
            tables[s] = new StratumCountTable(1 + reasons);
            textIds.add(new HashMap<>());
        }
        StringBuilder text = new StringBuilder();
        for (int u = 0; u < block.size; u++) {
            int from = block.offsets[u];
            int to = block.offsets[u + 1];
            long unitReasons = block.reasons[u];
            for (int s = 0; s < sets.size(); s++) {
                StrataSet set = sets.get(s);
                long stratum = 0;
                if (set.numericKey()) {
                    for (int i = from; i < to; i++) {
                        stratum += set.contribution()[block.codes[i]];
                    }
                } else {
                    text.setLength(0);
                    for (int i = from; i < to; i++) {
                        if (set.stratifying()[block.codes[i]]) {
                            text.append(block.codes[i]).append(',');
                        }
                    }
                    Map<String, Long> ids = textIds.get(s);
                    stratum = ids.computeIfAbsent(text.toString(), k -> (long) ids.size());
                }
                StratumCountTable table = tables[s];
                table.add(stratum, StratumCountTable.STRATUM_TOTAL, unitReasons);
                for (int i = from; i < to; i++) {
                    if (set.wanted()[block.codes[i]]) {
                        table.add(stratum, block.codes[i], unitReasons);
                    }
                }
            }
        }
        List<Map<Object, long[]>> byStratum = new ArrayList<>();
        List<Map<Integer, Map<Object, long[]>>> byTerm = new ArrayList<>();
        for (int s = 0; s < sets.size(); s++) {
            Object[] textOf = new Object[textIds.get(s).size()];
            textIds.get(s).forEach((t, id) -> textOf[id.intValue()] = t);
            Map<Object, long[]> strata = new HashMap<>();
            Map<Integer, Map<Object, long[]>> terms = new HashMap<>();
            boolean numeric = sets.get(s).numericKey();
            tables[s].forEach((stratum, code, counts, at) -> {
                Object key = numeric ? (Object) stratum : textOf[(int) stratum];
                long[] row = Arrays.copyOfRange(counts, at, at + 1 + reasons);
                if (code == StratumCountTable.STRATUM_TOTAL) {
                    strata.put(key, row);
                } else {
                    terms.computeIfAbsent(code, c -> new HashMap<>()).put(key, row);
                }
            });
            byStratum.add(strata);
            byTerm.add(terms);
        }
        return new Counts(byStratum, byTerm);
    }

    static Counts mergeCounts(Counts a, Counts b) {
        if (a.byStratum().isEmpty()) {
            return b;
        }
        if (b.byStratum().isEmpty()) {
            return a;
        }
        List<Map<Object, long[]>> byStratum = new ArrayList<>();
        List<Map<Integer, Map<Object, long[]>>> byTerm = new ArrayList<>();
        for (int s = 0; s < a.byStratum().size(); s++) {
            Map<Object, long[]> strata = new HashMap<>(a.byStratum().get(s));
            b.byStratum().get(s).forEach((k, c) -> strata.merge(k, c, LevelTally::sum));
            byStratum.add(strata);
            Map<Integer, Map<Object, long[]>> terms = new HashMap<>();
            for (Counts side : List.of(a, b)) {
                side.byTerm().get(s).forEach((code, counts) -> {
                    Map<Object, long[]> merged = terms.computeIfAbsent(code, c -> new HashMap<>());
                    counts.forEach((k, c) -> merged.merge(k, c, LevelTally::sum));
                });
            }
            byTerm.add(terms);
        }
        return new Counts(byStratum, byTerm);
    }
}
