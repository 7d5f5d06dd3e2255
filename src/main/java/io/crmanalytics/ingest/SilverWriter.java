package io.crmanalytics.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.crmanalytics.contract.Entity;
import io.crmanalytics.warehouse.Layer;
import io.crmanalytics.warehouse.Warehouse;
import io.delta.tables.DeltaMergeBuilder;
import io.delta.tables.DeltaTable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

/**
 * silver.&lt;entity&gt;: accepted rows upserted by key with a Delta MERGE, so nightly increments accumulate.
 * Only rows that are new or differ from silver in some data column take part in the MERGE, and nothing is
 * committed when there are none: re-ingesting the same files creates no new table version, and unchanged rows
 * keep the lineage of the batch that brought them. Entities without a key (ivr_events) get their rows that
 * silver does not hold yet, compared on every column.
 */
final class SilverWriter {
    static final List<String> LINEAGE = List.of(Batch.BATCH_ID, Batch.INGESTED_AT);

    private final Warehouse warehouse;

    SilverWriter(Warehouse warehouse) {
        this.warehouse = warehouse;
    }

    /** Creates the table with its exact schema if it does not exist yet (an entity present with no rows). */
    void ensureTable(Entity entity, StructType schema) {
        if (!warehouse.exists(Layer.SILVER, entity.name())) {
            warehouse.spark().createDataFrame(List.of(), schema)
                    .write().format("delta").mode(SaveMode.Append)
                    .save(warehouse.path(Layer.SILVER, entity.name()));
            warehouse.ledger().wrote(Layer.SILVER, entity.name());
        }
    }

    /**
     * Upserts {@code accepted} (columns exactly {@code schema}'s) and returns the number of rows inserted or
     * updated.
     */
    long upsert(Entity entity, Dataset<Row> accepted, StructType schema, long acceptedRows) {
        String path = warehouse.path(Layer.SILVER, entity.name());
        if (!warehouse.exists(Layer.SILVER, entity.name())) {
            // First batch: nothing to merge with, one plain write (keys are already unique).
            Dataset<Row> rows = entity.key().isEmpty()
                    ? accepted.dropDuplicates(dataColumns(accepted).toArray(String[]::new)) : accepted;
            rows.write().format("delta").mode(SaveMode.Append).save(path);
            warehouse.ledger().wrote(Layer.SILVER, entity.name());
            return entity.key().isEmpty() ? lastCommitOutputRows(path) : acceptedRows;
        }
        DeltaTable table = DeltaTable.forPath(warehouse.spark(), path);
        Dataset<Row> target = table.toDF();
        List<String> targetColumns = Arrays.asList(target.columns());
        Dataset<Row> source = alignedTo(accepted, target.schema());
        List<String> dataColumns = dataColumns(source);
        if (entity.key().isEmpty()) {
            source = source.dropDuplicates(dataColumns.toArray(String[]::new));
        }
        boolean newColumns = dataColumns.stream().anyMatch(c -> !targetColumns.contains(c));
        Dataset<Row> changed = DeltaWrites.notIn(source, target, dataColumns).persist(StorageLevel.MEMORY_AND_DISK());
        try {
            long count = changed.count();
            if (count == 0) {
                return 0;
            }
            if (entity.key().isEmpty()) {
                changed.write().format("delta").mode(SaveMode.Append).save(path);
            } else {
                DeltaMergeBuilder merge = table.as("t").merge(changed.as("s"), keyMatch(entity))
                        .whenMatched().updateAll()
                        .whenNotMatched().insertAll();
                // customer_attributes may bring a new open column.
                (newColumns ? merge.withSchemaEvolution() : merge).execute();
            }
            warehouse.ledger().wrote(Layer.SILVER, entity.name());
            return count;
        } finally {
            changed.unpersist();
        }
    }

    /** Rows written by the table's latest commit, from its metrics rather than a second scan. */
    private long lastCommitOutputRows(String path) {
        Row last = DeltaTable.forPath(warehouse.spark(), path).history(1).select("operationMetrics").first();
        java.util.Map<String, String> metrics = last.getJavaMap(0);
        String rows = metrics == null ? null : metrics.get("numOutputRows");
        return rows == null ? warehouse.spark().read().format("delta").load(path).count() : Long.parseLong(rows);
    }

    private static List<String> dataColumns(Dataset<Row> rows) {
        return Arrays.stream(rows.columns()).filter(c -> !LINEAGE.contains(c)).toList();
    }

    private static Column keyMatch(Entity entity) {
        Column match = lit(true);
        for (String key : entity.key()) {
            match = match.and(col("t." + key).equalTo(col("s." + key)));
        }
        return match;
    }

    /** The batch with every target column (null where the batch lacks one), target columns first. */
    private static Dataset<Row> alignedTo(Dataset<Row> batch, StructType target) {
        List<String> batchColumns = Arrays.asList(batch.columns());
        List<Column> columns = new ArrayList<>();
        for (StructField field : target.fields()) {
            columns.add(batchColumns.contains(field.name())
                    ? BatchClassifier.quoted(field.name()).cast(field.dataType()).as(field.name())
                    : lit(null).cast(field.dataType()).as(field.name()));
        }
        for (String name : batchColumns) {
            if (target.getFieldIndex(name).isEmpty()) {
                columns.add(BatchClassifier.quoted(name));
            }
        }
        return batch.select(columns.toArray(Column[]::new));
    }
}
