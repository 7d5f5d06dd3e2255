package io.crmanalytics.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.crmanalytics.testing.Cli;
import io.crmanalytics.testing.SharedSpark;
import io.crmanalytics.warehouse.Layer;
import io.crmanalytics.warehouse.Warehouse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.Encoders;
import org.junit.jupiter.api.Test;

/**
 * The distributed path with real processes: {@code scripts/cluster-ingest.sh} starts a Spark standalone cluster
 * (a master and one two-core worker, so one executor process) and runs {@code crm ingest} on it through {@code jobs/submit}, with the
 * application jar as a cluster gets it; meanwhile the same ingest runs here in local mode on the test JVM's
 * session. Every silver table must hold the same rows both ways (lineage columns aside), duplicates included,
 * and every quarantine table the same number of rows. {@code -DskipClusterTest} leaves it out.
 *
 * <p>Before 2026-12-02 the comparison was all in the script: a second {@code bin/crm} for the local ingest and
 * two {@code crm sql} processes to compare, each paying a JVM's and a SparkSession's start; here the local side
 * and the comparison run on the warm session of the full lane.
 */
class StandaloneClusterIngestTest {
    private static final Path PROJECT = Path.of(System.getProperty("crm.projectDir", "."));
    private static final Path INPUT = PROJECT.resolve("src/test/resources/cluster-data");
    private static final String RUN_DATE = "2024-05-01";

    @Test
    void aStandaloneClusterIngestsWhatLocalModeIngests() throws Exception {
        assumeFalse(Boolean.parseBoolean(System.getProperty("crm.skipClusterTest", "false")), "-DskipClusterTest");
        Path clusterWarehouse = SharedSpark.newWarehouseDir("cluster");
        Path localWarehouse = SharedSpark.newWarehouseDir("cluster-local");
        Path log = clusterWarehouse.resolveSibling(clusterWarehouse.getFileName() + ".log");
        Path script = PROJECT.resolve("scripts/cluster-ingest.sh");
        Process cluster = new ProcessBuilder(script.toString(), INPUT.toString(), clusterWarehouse.toString(), RUN_DATE)
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            // The local side runs while the cluster starts: both are mostly start-up and driver work.
            Cli.Result local = Cli.run("ingest", "--input", INPUT.toString(), "--warehouse", localWarehouse.toString(),
                    "--run-date", RUN_DATE, "--max-reject-rate", "0.2");
            assertEquals(0, local.exitCode(), local.err());
            assertTrue(cluster.waitFor(20, TimeUnit.MINUTES), "the cluster ingest did not end in 20 minutes");
            assertEquals(0, cluster.exitValue(), "scripts/cluster-ingest.sh failed:\n" + Files.readString(log));
        } finally {
            // SIGTERM: the script's trap stops the daemons and executors it started.
            cluster.destroy();
            cluster.waitFor(60, TimeUnit.SECONDS);
        }

        Warehouse onCluster = SharedSpark.context(clusterWarehouse, LocalDate.parse(RUN_DATE)).warehouse();
        Warehouse inLocalMode = SharedSpark.context(localWarehouse, LocalDate.parse(RUN_DATE)).warehouse();
        List<String> silver = names(onCluster, Layer.SILVER);
        assertEquals(names(inLocalMode, Layer.SILVER), silver, "silver tables");
        assertFalse(silver.isEmpty(), "the cluster wrote no silver table");
        for (String table : silver) {
            List<String> rows = rows(onCluster, table);
            assertFalse(rows.isEmpty(), "silver." + table + " is empty");
            assertEquals(rows(inLocalMode, table), rows, "silver." + table + ", cluster against local mode");
        }
        assertEquals(quarantineCounts(inLocalMode), quarantineCounts(onCluster), "quarantine tables and their row counts");
    }

    private static Map<String, Long> quarantineCounts(Warehouse warehouse) {
        Map<String, Long> counts = new TreeMap<>();
        names(warehouse, Layer.QUARANTINE).forEach(t -> counts.put(t, warehouse.read(Layer.QUARANTINE, t).count()));
        return counts;
    }

    private static List<String> names(Warehouse warehouse, Layer layer) {
        return warehouse.tables().stream().filter(t -> t.layer() == layer).map(Warehouse.TableRef::name).sorted()
                .toList();
    }

    /** Every row but its lineage columns, as JSON, sorted: a multiset comparison. */
    private static List<String> rows(Warehouse warehouse, String table) {
        return warehouse.read(Layer.SILVER, table).drop(Batch.BATCH_ID, Batch.INGESTED_AT)
                .selectExpr("to_json(struct(*))").as(Encoders.STRING()).collectAsList().stream().sorted().toList();
    }
}
