package io.crmanalytics.ingest;

import io.crmanalytics.warehouse.Layer;
import io.crmanalytics.warehouse.Warehouse;
import io.delta.tables.DeltaTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Row;

/**
 * The volume rule: an entity's batch far below its recent volume (an empty file where the last batches had
 * thousands of rows) is most likely a broken export, not a quiet day. It is a warning, not a rejection: the
 * batch is still ingested. Recent volume is read from bronze's Delta history (the rows each earlier batch
 * appended), so no table is scanned.
 */
final class VolumeCheck {
    static final int RECENT_BATCHES = 5;

    private final String entity;
    /** Rows appended to bronze by the entity's last few batches, newest first; empty for a new entity. */
    private final List<Long> recent;

    private VolumeCheck(String entity, List<Long> recent) {
        this.entity = entity;
        this.recent = recent;
    }

    /**
     * The entity's recent volume, read before this batch is appended to bronze (afterwards the batch would be
     * its own baseline). Reading it first lets ingest judge the batch once its rows are counted anyway.
     */
    static VolumeCheck before(Warehouse warehouse, String entity, double minRatio) {
        if (minRatio <= 0 || !warehouse.exists(Layer.BRONZE, entity)) {
            return new VolumeCheck(entity, List.of());
        }
        List<Row> commits = DeltaTable.forPath(warehouse.spark(), warehouse.path(Layer.BRONZE, entity))
                .history(4 * RECENT_BATCHES).where("operation = 'WRITE'").select("operationMetrics")
                .limit(RECENT_BATCHES).collectAsList();
        List<Long> recent = new ArrayList<>();
        for (Row commit : commits) {
            Map<String, String> metrics = commit.isNullAt(0) ? Map.of() : commit.getJavaMap(0);
            String rows = metrics.get("numOutputRows");
            if (rows != null) {
                recent.add(Long.parseLong(rows));
            }
        }
        return new VolumeCheck(entity, recent);
    }

    /** The warning for a batch of {@code rowsIn} rows against the volume read by {@link #before}. */
    Optional<String> warning(long rowsIn, double minRatio) {
        if (minRatio <= 0 || recent.isEmpty()) {
            return Optional.empty();
        }
        List<Long> sorted = recent.stream().sorted().toList();
        double median = sorted.size() % 2 == 1 ? sorted.get(sorted.size() / 2)
                : (sorted.get(sorted.size() / 2 - 1) + sorted.get(sorted.size() / 2)) / 2.0;
        if (rowsIn >= minRatio * median) {
            return Optional.empty();
        }
        return Optional.of(String.format(Locale.ROOT,
                "%s: %,d rows in this batch, below %.0f%% of the median of its last %d batches (%,.0f rows): "
                        + "check the export", entity, rowsIn, 100 * minRatio, sorted.size(), median));
    }
}
