package io.crmanalytics.rootcause;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The counts the Mantel-Haenszel adjustments need, for several sets of stratifying dimensions in one pass: per
 * stratum (the shipment's values of the set's dimensions; an order with several categories forms its own stratum,
 * the set) and per (term, stratum) for the terms adjusted by that set, shipments then complained shipments per
 * reason. A stratum's key is a number: the sum of its terms' contributions in a mixed radix (value index for a
 * single-valued dimension, one bit per value for category), so the key costs no allocation; when that does not fit
 * in a long (a category dimension of over ~60 values) the key is the list of codes as a string. Serializable:
 * Spark runs it per partition and {@link #merge}s the partitions' results.
 */
final class StrataTally implements Serializable {
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

    Counts count(UnitBlock block) {
        List<Map<Object, long[]>> byStratum = new ArrayList<>();
        List<Map<Integer, Map<Object, long[]>>> byTerm = new ArrayList<>();
        for (int s = 0; s < sets.size(); s++) {
            byStratum.add(new HashMap<>());
            byTerm.add(new HashMap<>());
        }
        StringBuilder text = new StringBuilder();
        for (int u = 0; u < block.size; u++) {
            int from = block.offsets[u];
            int to = block.offsets[u + 1];
            for (int s = 0; s < sets.size(); s++) {
                StrataSet set = sets.get(s);
                Object stratum;
                if (set.numericKey()) {
                    long key = 0;
                    for (int i = from; i < to; i++) {
                        key += set.contribution()[block.codes[i]];
                    }
                    stratum = key;
                } else {
                    text.setLength(0);
                    for (int i = from; i < to; i++) {
                        if (set.stratifying()[block.codes[i]]) {
                            text.append(block.codes[i]).append(',');
                        }
                    }
                    stratum = text.toString();
                }
                LevelTally.add(byStratum.get(s).computeIfAbsent(stratum, k -> new long[1 + reasons]), 0,
                        block.reasons[u]);
                for (int i = from; i < to; i++) {
                    if (set.wanted()[block.codes[i]]) {
                        LevelTally.add(byTerm.get(s).computeIfAbsent(block.codes[i], c -> new HashMap<>())
                                .computeIfAbsent(stratum, k -> new long[1 + reasons]), 0, block.reasons[u]);
                    }
                }
            }
        }
        return new Counts(byStratum, byTerm);
    }

    static Counts merge(Counts a, Counts b) {
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
