package io.crmanalytics.propensity;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.crmanalytics.testing.SharedSpark;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

class TrainingSampleTest {
    private final SparkSession spark = SharedSpark.session();

    private List<Dataset<Row>> windows() {
        return List.of(spark.range(0, 3000).toDF("customer_id"), spark.range(0, 2000).toDF("customer_id"),
                spark.range(0, 1000).toDF("customer_id"));
    }

    @Test
    void underTheCapEveryRowIsKept() {
        List<Dataset<Row>> windows = windows();
        TrainingSample sample = TrainingSample.of(windows, 6000, 7);
        assertEquals(6000, sample.available());
        assertEquals(1.0, sample.fraction());
        assertSame(windows.get(1), sample.windows().get(1));
        assertEquals(6000, TrainingSample.of(windows, 0, 7).windows().stream().mapToLong(Dataset::count).sum(),
                "0 = no cap");
    }

    @Test
    void overTheCapEachWindowKeepsTheSameShare() {
        TrainingSample sample = TrainingSample.of(windows(), 1500, 7);
        assertEquals(6000, sample.available());
        assertEquals(0.25, sample.fraction(), 1e-12);
        long kept = 0;
        long[] sizes = {3000, 2000, 1000};
        for (int k = 0; k < 3; k++) {
            long n = sample.windows().get(k).count();
            // Bernoulli(0.25) of size m: sd = sqrt(m * 0.25 * 0.75); allow 5 sd.
            double sd = Math.sqrt(sizes[k] * 0.25 * 0.75);
            assertEquals(sizes[k] * 0.25, n, 5 * sd, "window " + k);
            assertEquals(n, sample.windows().get(k).select("customer_id").distinct().count(), "no duplicates");
            kept += n;
        }
        assertTrue(Math.abs(kept - 1500) < 5 * Math.sqrt(6000 * 0.25 * 0.75), "total " + kept);
        // The draw is repeatable and differs between windows (independent seeds).
        TrainingSample again = TrainingSample.of(windows(), 1500, 7);
        assertEquals(0, sample.windows().get(0).except(again.windows().get(0)).count(), "same seed, same rows");
        long overlap = sample.windows().get(1).where(col("customer_id").lt(1000))
                .intersect(sample.windows().get(2)).count();
        assertTrue(overlap < 0.25 * 1000 * 0.5, "windows sampled independently, overlap " + overlap);
        sample.release();
        again.release();
    }
}
