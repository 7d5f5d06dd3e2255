package io.crmanalytics.contract;

import java.util.Set;

/**
 * One column of the data contract.
 *
 * @param allowedValues domain of a string column, matched case-insensitively; silver stores the spelling
 *                      given here. Empty for any value.
 * @param minimum       smallest allowed value of a numeric column, or null
 * @param minimumExclusive whether {@code minimum} itself is outside the domain ({@code > 0} rather than {@code >= 0})
 */
public record Column(String name, ColumnType type, boolean required, boolean pii, Set<String> allowedValues,
                     Double minimum, boolean minimumExclusive) {

    public static Column of(String name, ColumnType type) {
        return new Column(name, type, false, false, Set.of(), null, false);
    }

    public static Column required(String name, ColumnType type) {
        return new Column(name, type, true, false, Set.of(), null, false);
    }

    public Column asPii() {
        return new Column(name, type, required, true, allowedValues, minimum, minimumExclusive);
    }

    public Column oneOf(String... values) {
        return new Column(name, type, required, pii, Set.of(values), minimum, minimumExclusive);
    }

    public Column atLeast(double value) {
        return new Column(name, type, required, pii, allowedValues, value, false);
    }

    public Column greaterThan(double value) {
        return new Column(name, type, required, pii, allowedValues, value, true);
    }
}
