package io.crmanalytics.contract;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * One entity of the data contract: its columns, its key (empty when rows have no key of their own, like
 * IVR events), and its references to other entities.
 *
 * @param openColumns true when columns beyond the listed ones are part of the entity (customer_attributes)
 */
public record Entity(String name, List<Column> columns, List<String> key, List<Reference> references,
                     boolean openColumns) {

    public Optional<Column> column(String columnName) {
        String wanted = columnName.toLowerCase(Locale.ROOT);
        return columns.stream().filter(c -> c.name().equals(wanted)).findFirst();
    }

    public List<Column> requiredColumns() {
        return columns.stream().filter(Column::required).toList();
    }

    /** The typed silver schema of the contract's columns, in contract order. */
    public StructType silverSchema() {
        StructField[] fields = columns.stream()
                .map(c -> DataTypes.createStructField(c.name(), c.type().sparkType(), !c.required()))
                .toArray(StructField[]::new);
        return DataTypes.createStructType(fields);
    }
}
