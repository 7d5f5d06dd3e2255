package io.crmanalytics.rootcause;

import java.io.Serializable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The counts a Mantel-Haenszel adjustment needs, over some encoded units: per stratum (the shipment's values of the
 * stratifying dimensions; an order with several categories forms its own stratum, the set) and per (term, stratum)
 * for the terms to adjust, shipments and complained shipments per reason. Serializable: Spark runs it per partition
 * and {@link #merge}s the partitions' results.
 */
final class StrataTally implements Serializable {
    /** Counts keyed by stratum, and by term code then stratum; each array is shipments then reasons. */
    record Counts(Map<String, long[]> byStratum, Map<Integer, Map<String, long[]>> byTerm) implements Serializable {
    }

    private final int[] stratumDimensionOfCode;
    private final int dimensions;
    private final boolean[] wanted;
    private final int reasons;

    /**
     * @param stratumDimensionOfCode per term code, the index of its dimension among the stratifying ones, or -1
     * @param wanted                 per term code, whether its (term, stratum) counts are needed
     */
    StrataTally(int[] stratumDimensionOfCode, int dimensions, boolean[] wanted, int reasons) {
        this.stratumDimensionOfCode = stratumDimensionOfCode;
        this.dimensions = dimensions;
        this.wanted = wanted;
        this.reasons = reasons;
    }

    Counts count(UnitBlock block) {
        Map<String, long[]> byStratum = new HashMap<>();
        Map<Integer, Map<String, long[]>> byTerm = new HashMap<>();
        StringBuilder[] parts = new StringBuilder[dimensions];
        for (int i = 0; i < dimensions; i++) {
            parts[i] = new StringBuilder();
        }
        StringBuilder key = new StringBuilder();
        for (int u = 0; u < block.size; u++) {
            for (StringBuilder part : parts) {
                part.setLength(0);
            }
            for (int i = block.offsets[u]; i < block.offsets[u + 1]; i++) {
                int code = block.codes[i];
                int d = stratumDimensionOfCode[code];
                if (d >= 0) {
                    parts[d].append(code).append(',');
                }
            }
            key.setLength(0);
            for (StringBuilder part : parts) {
                key.append(part).append('|');
            }
            String stratum = key.toString();
            LevelTally.add(byStratum.computeIfAbsent(stratum, s -> new long[1 + reasons]), 0, block.reasons[u]);
            for (int i = block.offsets[u]; i < block.offsets[u + 1]; i++) {
                if (wanted[block.codes[i]]) {
                    LevelTally.add(byTerm.computeIfAbsent(block.codes[i], c -> new HashMap<>())
                            .computeIfAbsent(stratum, s -> new long[1 + reasons]), 0, block.reasons[u]);
                }
            }
        }
        return new Counts(byStratum, byTerm);
    }

    static Counts merge(Counts a, Counts b) {
        Map<String, long[]> byStratum = new HashMap<>(a.byStratum());
        b.byStratum().forEach((s, c) -> byStratum.merge(s, c, LevelTally::sum));
        Map<Integer, Map<String, long[]>> byTerm = new HashMap<>();
        for (Counts side : List.of(a, b)) {
            side.byTerm().forEach((code, strata) -> {
                Map<String, long[]> merged = byTerm.computeIfAbsent(code, c -> new HashMap<>());
                strata.forEach((s, c) -> merged.merge(s, c, LevelTally::sum));
            });
        }
        return new Counts(byStratum, byTerm);
    }
}
