package io.crmanalytics.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.crmanalytics.contract.GoldColumn;
import io.crmanalytics.contract.GoldContract;
import io.crmanalytics.contract.GoldContractViolation;
import io.crmanalytics.testing.SharedSpark;
import io.crmanalytics.warehouse.Layer;
import io.crmanalytics.warehouse.Tables;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** A job's gold output is checked against the gold contract before anything is written. */
class GoldContractCheckTest {
    private static final LocalDate RUN_DATE = LocalDate.parse("2024-06-30");
    private final JobContext ctx = SharedSpark.context(SharedSpark.newWarehouseDir("gold-contract"), RUN_DATE);

    /** Empty rows with the contract's columns of gold.customer_value (run_date aside), then changed by a test. */
    private static StructType customerValue() {
        StructType schema = new StructType();
        for (GoldColumn column : GoldContract.CUSTOMER_VALUE.columns()) {
            if (!column.name().equals(Tables.RUN_DATE)) {
                schema = schema.add(column.name(), column.type());
            }
        }
        return schema;
    }

    private Dataset<Row> rows(StructType schema) {
        return ctx.spark().createDataFrame(List.<Row>of(), schema);
    }

    private String violation(String table, StructType schema) {
        GoldContractViolation e = assertThrows(GoldContractViolation.class, () -> ctx.writeGold(table, rows(schema)));
        assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
        assertFalse(ctx.warehouse().exists(Layer.GOLD, table), "nothing written");
        return e.getMessage();
    }

    @Test
    void rowsAsDeclaredAreWritten() {
        assertEquals(0, ctx.writeGold(GoldContract.CUSTOMER_VALUE.name(), rows(customerValue())));
        assertTrue(ctx.warehouse().exists(Layer.GOLD, GoldContract.CUSTOMER_VALUE.name()));
    }

    @Test
    void aMissingColumnNamesTableAndColumn() {
        StructType withoutClv = new StructType(java.util.Arrays.stream(customerValue().fields())
                .filter(f -> !f.name().equals("clv")).toArray(org.apache.spark.sql.types.StructField[]::new));
        assertEquals("gold.customer_value: column clv (decimal(18,4)) is missing from the rows written; "
                + "the gold contract declares it", violation("customer_value", withoutClv));
    }

    @Test
    void aMistypedColumnNamesBothTypes() {
        StructType clvAsDouble = new StructType(java.util.Arrays.stream(customerValue().fields())
                .map(f -> f.name().equals("clv") ? DataTypes.createStructField("clv", DataTypes.DoubleType, true) : f)
                .toArray(org.apache.spark.sql.types.StructField[]::new));
        assertEquals("gold.customer_value: column clv is double but the gold contract declares decimal(18,4)",
                violation("customer_value", clvAsDouble));
    }

    @Test
    void anUndeclaredColumnOrTableFails() {
        assertEquals("gold.customer_value: column mystery (int) is not in the gold contract: declare it in "
                + "io.crmanalytics.contract.GoldContract or do not write it",
                violation("customer_value", customerValue().add("mystery", DataTypes.IntegerType)));
        assertEquals("gold.scores is not declared in io.crmanalytics.contract.GoldContract: declare its columns "
                + "there before a job writes it", violation("scores", new StructType().add("id", DataTypes.IntegerType)));
    }

    @Test
    void everyDeclaredKeyAndGateColumnIsAColumn() {
        for (var table : GoldContract.TABLES) {
            assertTrue(table.columnNames().contains(Tables.RUN_DATE), table.name() + " carries run_date");
            table.gates().ifPresent(g -> {
                g.notNull().forEach(c -> assertTrue(table.column(c).isPresent(), table.name() + "." + c));
                g.references().keySet().forEach(c -> assertTrue(table.column(c).isPresent(), table.name() + "." + c));
            });
            table.columns().forEach(c -> assertFalse(c.description().isBlank(), table.name() + "." + c.name()));
        }
    }
}
