package io.crmanalytics.publish;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Column descriptions for the exported tables and the {@code DATA_DICTIONARY.md} built from them. A column's
 * description is its Delta column comment when the writing job set one, else the entry for that table in the
 * registry {@code publish/columns.json}, else the registry's entry for the column name in any table, else the
 * entry for a suffix of the name (a family such as {@code <metric>_percentile}).
 */
public final class DataDictionary {
    static final String REGISTRY = "/publish/columns.json";
    public static final String UNDOCUMENTED = "(undocumented: add it to src/main/resources" + REGISTRY + ")";

    /** One exported table: its name, schema and row count. */
    public record ExportedTable(String name, StructType schema, long rows) {
    }

    private final JsonNode registry;

    private DataDictionary(JsonNode registry) {
        this.registry = registry;
    }

    public static DataDictionary load() {
        try (InputStream in = DataDictionary.class.getResourceAsStream(REGISTRY)) {
            if (in == null) {
                throw new IllegalStateException(REGISTRY + " is missing from the classpath");
            }
            return new DataDictionary(new ObjectMapper().readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Optional<String> tableDescription(String table) {
        return text(registry.path("tables").path(table).path("description"));
    }

    public Optional<String> describe(String table, StructField field) {
        Optional<String> comment = scalaOption(field.getComment());
        if (comment.isPresent() && !comment.get().isBlank()) {
            return comment;
        }
        return text(registry.path("tables").path(table).path("columns").path(field.name()))
                .or(() -> text(registry.path("columns").path(field.name())))
                .or(() -> bySuffix(field.name()));
    }

    /** A family of columns described once, e.g. every {@code <metric>_percentile}. */
    private Optional<String> bySuffix(String column) {
        var suffixes = registry.path("suffixes").fields();
        while (suffixes.hasNext()) {
            var suffix = suffixes.next();
            if (column.endsWith(suffix.getKey()) && column.length() > suffix.getKey().length()) {
                return text(suffix.getValue());
            }
        }
        return Optional.empty();
    }

    public String markdown(LocalDate runDate, List<ExportedTable> tables) {
        StringBuilder md = new StringBuilder();
        md.append("# Data dictionary: exports of run date ").append(runDate).append("\n\n")
                .append("One folder of Parquet files per table, holding the rows of gold.<table> for this run ")
                .append("date. Personal data (names, e-mail addresses, phone numbers) never appears here; ")
                .append("customers are identified by `customer_id` only.\n\n");
        if (!tables.isEmpty()) {
            md.append("| table | rows |\n|---|---:|\n");
        }
        for (ExportedTable table : tables) {
            md.append(String.format(Locale.ROOT, "| [%s](#%s) | %,d |%n", table.name(), table.name(), table.rows()));
        }
        for (ExportedTable table : tables) {
            md.append("\n## ").append(table.name()).append("\n\n");
            tableDescription(table.name()).ifPresent(d -> md.append(d).append("\n\n"));
            md.append("| column | type | description |\n|---|---|---|\n");
            for (StructField field : table.schema().fields()) {
                md.append("| `").append(field.name()).append("` | ").append(field.dataType().simpleString())
                        .append(" | ").append(describe(table.name(), field).orElse(UNDOCUMENTED).replace("|", "\\|"))
                        .append(" |\n");
            }
        }
        return md.toString();
    }

    private static Optional<String> text(JsonNode node) {
        return node.isTextual() ? Optional.of(node.asText()) : Optional.empty();
    }

    private static Optional<String> scalaOption(scala.Option<String> option) {
        return option.isDefined() ? Optional.of(option.get()) : Optional.empty();
    }
}
