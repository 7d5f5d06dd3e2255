package io.crmanalytics.warehouse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.crmanalytics.testing.SharedSpark;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** crm sql registers only the tables a statement names: every way a statement can name one is found. */
class SqlTablesNamedTest {
    private static Optional<Set<String>> named(String sql) throws Exception {
        return ReadOnlySql.tablesNamed(SharedSpark.session().sessionState().sqlParser().parsePlan(sql));
    }

    @Test
    void namesInCtesJoinsSubqueriesTimeTravelAndInspections() throws Exception {
        assertEquals(Optional.of(Set.of("gold.customer_value", "silver.customers", "silver.orders")),
                named("WITH t AS (SELECT * FROM silver.customers) SELECT * FROM t JOIN gold.customer_value v "
                        + "USING (customer_id) WHERE customer_id IN (SELECT customer_id FROM Silver.Orders)"));
        assertEquals(Optional.of(Set.of("silver.customers")),
                named("SELECT count(*) FROM spark_catalog.silver.customers VERSION AS OF 0"));
        assertEquals(Optional.of(Set.of("gold.customer_value")), named("EXPLAIN SELECT * FROM gold.customer_value"));
        assertEquals(Optional.of(Set.of("silver.customers")), named("DESCRIBE silver.customers"));
        assertEquals(Optional.of(Set.of("silver.customers")), named("SHOW COLUMNS IN silver.customers"));
        assertEquals(Optional.of(Set.of()), named("SELECT 1 AS one"));
    }

    @Test
    void listingsAndIdentifierNeedEveryTable() throws Exception {
        assertEquals(Optional.empty(), named("SHOW TABLES IN silver"));
        assertEquals(Optional.empty(), named("SELECT * FROM IDENTIFIER('gold.customer_value')"));
    }
}
