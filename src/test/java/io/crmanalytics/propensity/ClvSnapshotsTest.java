package io.crmanalytics.propensity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.crmanalytics.job.JobContext;
import io.crmanalytics.testing.SharedSpark;
import io.crmanalytics.warehouse.Tables;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** Which gold.customer_value snapshot feeds the features at each cut-off: never one taken after it. */
class ClvSnapshotsTest {
    @Test
    void eachCutOffGetsTheNewestSnapshotOnOrBeforeItAndNoneUnlessTheOldestHasOne() {
        Path dir = SharedSpark.newWarehouseDir("clv-snapshots");
        JobContext ctx = SharedSpark.context(dir, day("2024-12-31"));
        assertTrue(PropensityJob.clvSnapshots(ctx, List.of(day("2024-06-30"))).isEmpty(), "no gold.customer_value");

        snapshot(ctx, "2024-03-31", 1.0);
        snapshot(ctx, "2024-06-30", 2.0);
        snapshot(ctx, "2024-09-30", 3.0);
        List<LocalDate> cutoffs = List.of(day("2024-04-01"), day("2024-06-30"), day("2024-09-29"), day("2024-12-31"));
        Map<LocalDate, Dataset<Row>> at = PropensityJob.clvSnapshots(ctx, cutoffs);
        assertEquals(cutoffs, List.copyOf(at.keySet()));
        assertEquals(List.of(1.0, 2.0, 2.0, 3.0), cutoffs.stream().map(c -> value(at.get(c))).toList());
        assertFalse(List.of(at.get(day("2024-12-31")).columns()).contains(Tables.RUN_DATE));

        // A window without figures would train on a different feature set than the others: all or none.
        assertTrue(PropensityJob.clvSnapshots(ctx, List.of(day("2024-12-31"), day("2024-03-30"))).isEmpty());
    }

    private static void snapshot(JobContext ctx, String runDate, double value) {
        StructType schema = new StructType().add("customer_id", DataTypes.StringType).add("clv", DataTypes.DoubleType);
        Dataset<Row> rows = ctx.spark().createDataFrame(List.of(RowFactory.create("C1", value)), schema);
        Tables.writeGold(ctx.warehouse(), day(runDate), "customer_value", rows);
    }

    private static double value(Dataset<Row> rows) {
        List<Row> all = rows.select("clv").collectAsList();
        assertEquals(1, all.size(), "one snapshot's rows");
        return all.get(0).getDouble(0);
    }

    private static LocalDate day(String text) {
        return LocalDate.parse(text);
    }
}
