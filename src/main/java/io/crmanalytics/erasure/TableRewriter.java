package io.crmanalytics.erasure;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;

import io.crmanalytics.warehouse.Layer;
import io.crmanalytics.warehouse.Warehouse;
import io.delta.tables.DeltaTable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.DataFrameWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.delta.DeltaLog;

/**
 * Rewrites a Delta table as a fresh one (the current rows but the erased, a new log starting at version 0) and
 * swaps it in: the only way to remove an erased value from the old log's commits and checkpoints, which keep each
 * file's column min/max statistics, and which Delta's own log clean-up keeps for at least a day (30 by default).
 * The table's history goes with it; that is the point. A kill between the two renames leaves the fresh copy under
 * a hidden name, which {@link #recoverLeftovers} (run first by every {@code crm forget}) moves into place.
 */
final class TableRewriter {
    private static final String FRESH = ".forget-";
    private static final String OLD = ".erased-";

    private final Warehouse warehouse;

    TableRewriter(Warehouse warehouse) {
        this.warehouse = warehouse;
    }

    /**
     * Rewrites {@code table} without the rows {@code erased} selects (a DELETE's condition: a row where it is null
     * stays); null keeps every row.
     */
    void rewrite(Layer layer, String table, Column erased) {
        String path = warehouse.path(layer, table);
        Row detail = DeltaTable.forPath(warehouse.spark(), path).detail().first();
        List<String> partitions = detail.getList(detail.fieldIndex("partitionColumns"));
        Map<String, String> properties = detail.getJavaMap(detail.fieldIndex("properties"));
        String id = UUID.randomUUID().toString();
        Path target = new Path(path);
        Path fresh = new Path(target.getParent(), "." + table + FRESH + id);
        Path old = new Path(target.getParent(), "." + table + OLD + id);
        Dataset<Row> rows = warehouse.spark().read().format("delta").load(path);
        if (erased != null) {
            rows = rows.where(not(coalesce(erased, lit(false))));
        }
        DataFrameWriter<Row> writer = rows.write().format("delta").mode(SaveMode.ErrorIfExists);
        if (!partitions.isEmpty()) {
            writer = writer.partitionBy(partitions.toArray(String[]::new));
        }
        for (Map.Entry<String, String> property : properties.entrySet()) {
            writer = writer.option(property.getKey(), property.getValue()); // delta.* options become table properties
        }
        writer.save(fresh.toString());
        try {
            FileSystem fs = warehouse.fileSystem(target);
            if (!fs.rename(target, old) || !fs.rename(fresh, target)) {
                throw new IOException("cannot swap " + fresh + " into " + target);
            }
            fs.delete(old, true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // The process's cached snapshot of the old log would otherwise be served for this path. Only this path's:
        // other tables may be being erased on other threads.
        DeltaLog.invalidateCache(warehouse.spark(), target);
    }

    /** Finishes or discards what a killed {@code crm forget} left under hidden names. */
    void recoverLeftovers() {
        for (Layer layer : Layer.values()) {
            Path dir = new Path(warehouse.root() + "/" + layer.dirName());
            try {
                FileSystem fs = warehouse.fileSystem(dir);
                if (!fs.exists(dir)) {
                    continue;
                }
                for (FileStatus child : fs.listStatus(dir)) {
                    String name = child.getPath().getName();
                    int fresh = name.indexOf(FRESH);
                    if (name.startsWith(".") && fresh > 0) {
                        Path target = new Path(dir, name.substring(1, fresh));
                        if (!fs.exists(new Path(target, "_delta_log"))) {
                            fs.rename(child.getPath(), target); // killed between the renames: the fresh copy is it
                        } else {
                            fs.delete(child.getPath(), true); // killed before the swap: the old table still stands
                        }
                    }
                }
                for (FileStatus child : fs.listStatus(dir)) {
                    String name = child.getPath().getName();
                    if (name.startsWith(".") && name.indexOf(OLD) > 0) {
                        fs.delete(child.getPath(), true);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
