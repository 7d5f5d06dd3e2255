package io.crmanalytics.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.crmanalytics.warehouse.Layer;
import io.crmanalytics.warehouse.Warehouse;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.SaveMode;

/**
 * bronze.&lt;entity&gt;: every input row as given (all strings, extra columns included) plus lineage, appended
 * per batch. It is the record of what arrived; silver is rebuilt from it in spirit, never the other way.
 */
final class BronzeWriter {
    private final Warehouse warehouse;

    BronzeWriter(Warehouse warehouse) {
        this.warehouse = warehouse;
    }

    void append(RawInput input, Batch batch) {
        List<Column> columns = new ArrayList<>();
        input.columns().forEach(c -> columns.add(BatchClassifier.quoted(c)));
        // A record that could not be split into fields arrives as its raw text or bytes.
        columns.add(col(RawInput.RAW_RECORD));
        columns.add(col(RawInput.RAW_BYTES));
        columns.add(col(RawInput.SOURCE_FILE));
        columns.add(lit(batch.id()).as(Batch.BATCH_ID));
        columns.add(lit(batch.timestamp()).as(Batch.INGESTED_AT));
        String entity = input.source().entity().name();
        input.rows().select(columns.toArray(Column[]::new))
                .write().format("delta").mode(SaveMode.Append)
                // A later export may bring another extra column: bronze grows with it.
                .option("mergeSchema", "true")
                .save(warehouse.path(Layer.BRONZE, entity));
        warehouse.ledger().wrote(Layer.BRONZE, entity);
    }
}
