package io.crmanalytics.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.crmanalytics.warehouse.Layer;
import io.crmanalytics.warehouse.Warehouse;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;

/**
 * quarantine.&lt;entity&gt;: each rejected row whole (its raw input columns as strings) with the rule it broke,
 * the column that broke it, its source file, and the batch that first rejected it. A row already quarantined
 * with the same values and rule is not added again, so re-ingesting the same files leaves quarantine as it was.
 */
public final class QuarantineWriter {
    /** The quarantine column naming the rule a row broke (the report reads it). */
    public static final String RULE = "rule";
    static final String RULE_COLUMN = "rule_column";

    private final Warehouse warehouse;

    QuarantineWriter(Warehouse warehouse) {
        this.warehouse = warehouse;
    }

    /** Adds the rejected rows of {@code classified} that are not yet there; returns how many were added. */
    long write(RawInput input, Dataset<Row> classified, long rejectedRows, Batch batch) {
        List<Column> columns = new ArrayList<>();
        List<String> match = new ArrayList<>(input.columns());
        input.columns().forEach(c -> columns.add(BatchClassifier.quoted(c)));
        columns.add(col(RawInput.RAW_RECORD));
        columns.add(col(RawInput.RAW_BYTES));
        match.add(RawInput.RAW_RECORD);
        match.add(RawInput.RAW_BYTES);
        columns.add(col(BatchClassifier.RULE).as(RULE));
        columns.add(col(BatchClassifier.RULE_COLUMN).as(RULE_COLUMN));
        columns.add(col(RawInput.SOURCE_FILE));
        columns.add(lit(batch.id()).as(Batch.BATCH_ID));
        columns.add(lit(batch.timestamp()).as(Batch.QUARANTINED_AT));
        match.add(RULE);
        Dataset<Row> rejected = classified.where(col(BatchClassifier.RULE).isNotNull())
                .select(columns.toArray(Column[]::new));
        String entity = input.source().entity().name();
        String path = warehouse.path(Layer.QUARANTINE, entity);
        if (!warehouse.exists(Layer.QUARANTINE, entity)) {
            // Written even when empty: an existing quarantine table says "this entity was checked".
            rejected.write().format("delta").mode(SaveMode.Append).save(path);
            warehouse.ledger().wrote(Layer.QUARANTINE, entity);
            return rejectedRows;
        }
        Dataset<Row> added = DeltaWrites.notIn(rejected, warehouse.read(Layer.QUARANTINE, entity), match)
                .persist(org.apache.spark.storage.StorageLevel.MEMORY_AND_DISK());
        try {
            long count = added.count();
            if (count > 0) {
                added.write().format("delta").mode(SaveMode.Append).option("mergeSchema", "true").save(path);
                warehouse.ledger().wrote(Layer.QUARANTINE, entity);
            }
            return count;
        } finally {
            added.unpersist();
        }
    }
}
