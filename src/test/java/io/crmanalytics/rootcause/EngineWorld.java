package io.crmanalytics.rootcause;

import io.crmanalytics.core.Progress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;

/**
 * An in-memory world of shipments for the explanation engine: each shipment's terms and the reasons it was
 * complained about. The engine runs for real (search, aliases, q-values, confounders, ranking) over the same
 * encoded blocks the Spark cache holds, kept in a list: a world takes milliseconds, so tests can run many seeds.
 */
final class EngineWorld {
    private final List<List<Itemset.Term>> items = new ArrayList<>();
    private final List<Set<String>> complained = new ArrayList<>();
    private final Random random;

    EngineWorld(long seed) {
        this.random = new Random(seed);
    }

    Random random() {
        return random;
    }

    /** A shipment with these dimension values, complained about (reason {@code reason}) with this probability. */
    EngineWorld shipment(Map<String, String> values, double complaintProbability, String reason) {
        List<Itemset.Term> terms = new ArrayList<>();
        values.forEach((d, v) -> terms.add(new Itemset.Term(d, v)));
        items.add(terms);
        complained.add(random.nextDouble() < complaintProbability ? Set.of(reason) : Set.of());
        return this;
    }

    /** {@code n} shipments: values drawn by {@code draw}, complaint probability from the values. */
    EngineWorld shipments(int n, Function<Random, Map<String, String>> draw,
                          Function<Map<String, String>, Double> probability, String reason) {
        for (int i = 0; i < n; i++) {
            Map<String, String> values = draw.apply(random);
            shipment(values, probability.apply(values), reason);
        }
        return this;
    }

    /** The engine's reported findings (defaults: power-calculated floor, 5 complaints, alpha 0.05). */
    List<Finding> explain(List<String> reasons, int maxFactors) {
        Reasons run = Reasons.allAnd(reasons);
        try (EncodedUnits units = EncodedCountingTest.units(items, complained, run)) {
            return ExplanationEngine.explain(units, maxFactors, 0, RootCauseOptions.MIN_COMPLAINTS,
                    RootCauseOptions.ALPHA, Progress.silent()).stream().filter(Finding::reported).toList();
        }
    }

    /** Ranked findings of one reason in rank order. */
    static List<Finding> ranked(List<Finding> findings, String reason) {
        return findings.stream().filter(f -> f.reason().equals(reason) && f.rank() != null)
                .sorted(java.util.Comparator.comparing(Finding::rank)).toList();
    }

    static Finding find(List<Finding> findings, String reason, String factors) {
        return findings.stream().filter(f -> f.reason().equals(reason) && f.itemset().factors().equals(factors))
                .findFirst().orElse(null);
    }
}
