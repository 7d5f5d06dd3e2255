package io.crmanalytics.contract;

import java.util.List;
import java.util.Optional;

/**
 * One gold table of {@link GoldContract}: its name ({@code gold.<name>}), the job that owns it (the only job that
 * writes it), its columns in the order jobs write them, its key (unique per run date; empty when the contract
 * declares none) and, for the tables publish gates beyond the PII gate, what those gates check.
 */
public record GoldTable(String name, String owner, String description, List<GoldColumn> columns, List<String> key,
                        Optional<GoldGates> gates) {

    public GoldTable {
        columns = List.copyOf(columns);
        key = List.copyOf(key);
        for (String k : key) {
            if (columns.stream().noneMatch(c -> c.name().equals(k))) {
                throw new IllegalArgumentException("gold." + name + ": key column " + k + " is not a column");
            }
        }
    }

    public Optional<GoldColumn> column(String columnName) {
        return columns.stream().filter(c -> c.name().equals(columnName)).findFirst();
    }

    /** The declared column's name: for code that reads the table, so a renamed column fails at class load, not in a query. */
    public String columnName(String columnName) {
        return column(columnName).orElseThrow(() -> new IllegalArgumentException(
                "gold." + name + " declares no column " + columnName)).name();
    }

    public List<String> columnNames() {
        return columns.stream().map(GoldColumn::name).toList();
    }

    /** The qualified name, {@code gold.<name>}. */
    public String qualifiedName() {
        return "gold." + name;
    }
}
