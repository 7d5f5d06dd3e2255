package io.crmanalytics.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sha2;
import static org.apache.spark.sql.functions.when;

import io.crmanalytics.contract.Entity;
import io.crmanalytics.warehouse.SuppressionList;
import io.crmanalytics.warehouse.Warehouse;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Keeps erased customers out (see {@code crm forget}): an input row whose customer_id is on the warehouse's
 * suppression list is redacted before anything is written (every input column emptied except the entity's own
 * key, the customer id replaced by {@link #MARK}), so bronze and quarantine keep no byte of it, and the
 * {@code erased_customer} check then quarantines it: it stays counted, as every input row must.
 */
final class ErasedCustomers {
    static final String RULE = "erased_customer";
    static final String MARK = "[erased]";
    private static final String ID = "customer_id";

    private ErasedCustomers() {
    }

    /** The input with erased customers' rows redacted; the input itself when nobody was erased. */
    static RawInput redact(Warehouse warehouse, RawInput input) {
        if (!input.columns().contains(ID)) {
            return input;
        }
        SuppressionList list = new SuppressionList(warehouse);
        Set<String> hashes = list.hashes();
        if (hashes.isEmpty()) {
            return input;
        }
        String flag = "__erased";
        List<String> key = input.source().entity().key();
        Dataset<Row> rows = input.rows()
                .withColumn(flag, sha2(concat(lit(list.salt()), col(ID)), 256).isin(hashes.toArray()));
        for (String column : input.columns()) {
            Column kept = column.equals(ID) ? lit(MARK) : key.contains(column) ? BatchClassifier.quoted(column) : lit(null);
            rows = rows.withColumn(column, when(col(flag), kept.cast("string")).otherwise(BatchClassifier.quoted(column)));
        }
        return new RawInput(input.source(), rows.drop(flag), input.columns());
    }

    /** The first check of every entity with a customer id: the row was redacted by {@link #redact}. */
    static Optional<RowRules.Check> check(Entity entity) {
        return entity.column(ID).map(c -> new RowRules.Check(-1, RULE, ID, col(RowRules.cleanName(ID)).equalTo(lit(MARK))));
    }
}
