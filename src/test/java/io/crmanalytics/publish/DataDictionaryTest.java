package io.crmanalytics.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

class DataDictionaryTest {
    private final DataDictionary dictionary = DataDictionary.load();

    private static StructField field(String name) {
        return DataTypes.createStructField(name, DataTypes.DoubleType, true);
    }

    @Test
    void commentThenTableThenColumnThenSuffix() {
        assertEquals(Optional.of("from the writer"),
                dictionary.describe("customer_value", field("clv").withComment("from the writer")));
        assertTrue(dictionary.describe("customer_value", field("clv")).orElseThrow().startsWith("Customer lifetime"));
        assertTrue(dictionary.describe("any_table", field("customer_id")).orElseThrow().startsWith("Customer key"));
        assertTrue(dictionary.describe("agent_scorecard", field("transfer_rate_percentile")).orElseThrow()
                .contains("percentile in the team"));
        assertEquals(Optional.empty(), dictionary.describe("agent_scorecard", field("_percentile")));
        assertEquals(Optional.empty(), dictionary.describe("customer_value", field("mystery")));
    }

    @Test
    void everyCustomer360ColumnIsDescribedAndTheMarkdownListsTables() {
        StructType schema = new StructType();
        for (var column : Customer360.schema().entrySet()) {
            schema = schema.add(column.getKey(), column.getValue());
            assertTrue(dictionary.describe("customer_360", schema.apply(column.getKey())).isPresent(), column.getKey());
        }
        String md = dictionary.markdown(LocalDate.parse("2024-06-30"),
                List.of(new DataDictionary.ExportedTable("customer_360", schema.add("mystery", DataTypes.IntegerType),
                        4)));
        assertTrue(md.startsWith("# Data dictionary: exports of run date 2024-06-30"), md);
        assertTrue(md.contains("| [customer_360](#customer_360) | 4 |"), md);
        assertTrue(md.contains("| `mystery` | int | " + DataDictionary.UNDOCUMENTED + " |"), md);
    }
}
