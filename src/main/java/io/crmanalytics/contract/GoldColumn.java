package io.crmanalytics.contract;

import org.apache.spark.sql.types.DataType;

/**
 * One column of a gold table, as {@link GoldContract} declares it.
 *
 * @param type        the Spark type a job must write (nullability is not part of the contract)
 * @param description one line for the data dictionary and a reader of the code
 * @param customerId  holds a customer id ({@code customers.customer_id}): the only customer identifier a gold
 *                    table may carry
 * @param pii         holds personal data; no gold table declares one today, and the publish gates refuse any
 */
public record GoldColumn(String name, DataType type, String description, boolean customerId, boolean pii) {

    /** A column of the given Spark SQL type ({@code "string"}, {@code "double"}, {@code "array<string>"}...). */
    public static GoldColumn of(String name, String sqlType, String description) {
        return new GoldColumn(name, DataType.fromDDL(sqlType), description, false, false);
    }

    public GoldColumn asCustomerId() {
        return new GoldColumn(name, type, description, true, pii);
    }

    public GoldColumn asPii() {
        return new GoldColumn(name, type, description, customerId, true);
    }

    /** The type as written in messages and the data dictionary, e.g. {@code decimal(38,4)} or {@code array<string>}. */
    public String typeName() {
        return type.catalogString();
    }
}
