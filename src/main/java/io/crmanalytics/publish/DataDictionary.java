package io.crmanalytics.publish;

import io.crmanalytics.contract.GoldColumn;
import io.crmanalytics.contract.GoldContract;
import io.crmanalytics.contract.GoldTable;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Column descriptions for the exported tables and the {@code DATA_DICTIONARY.md} built from them, all from
 * {@link GoldContract}. A column's description is its Delta column comment when the writing job set one, else the
 * contract's description of that column of that table, else the contract's shared description of the column name
 * (a column such as {@code customer_id} means the same in every table), else the one for a suffix of the name (a
 * family such as {@code <metric>_percentile}).
 */
public final class DataDictionary {
    public static final String UNDOCUMENTED = "(undocumented: declare it in " + GoldContract.class.getName() + ")";

    /** One exported table: its name, schema and row count. */
    public record ExportedTable(String name, StructType schema, long rows) {
    }

    private DataDictionary() {
    }

    public static DataDictionary load() {
        return new DataDictionary();
    }

    public Optional<String> tableDescription(String table) {
        return GoldContract.find(table).map(GoldTable::description);
    }

    public Optional<String> describe(String table, StructField field) {
        Optional<String> comment = scalaOption(field.getComment());
        if (comment.isPresent() && !comment.get().isBlank()) {
            return comment;
        }
        return GoldContract.find(table).flatMap(t -> t.column(field.name())).map(GoldColumn::description)
                .or(() -> Optional.ofNullable(GoldContract.SHARED_DESCRIPTIONS.get(field.name())))
                .or(() -> bySuffix(field.name()));
    }

    /** A family of columns described once, e.g. every {@code <metric>_percentile}. */
    private static Optional<String> bySuffix(String column) {
        return GoldContract.SUFFIX_DESCRIPTIONS.entrySet().stream()
                .filter(suffix -> column.endsWith(suffix.getKey()) && column.length() > suffix.getKey().length())
                .map(Map.Entry::getValue).findFirst();
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

    private static Optional<String> scalaOption(scala.Option<String> option) {
        return option.isDefined() ? Optional.of(option.get()) : Optional.empty();
    }
}
