package io.crmanalytics.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.crmanalytics.testing.SharedSpark;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RuntimeConfig;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.RDDInfo;
import org.apache.spark.storage.StorageLevel;
import org.junit.jupiter.api.Test;

/** Ingest's caches built uncompressed while it is open, the session's value back after it, a launch value kept. */
class UncompressedCacheTest {
    private final SparkSession spark = SharedSpark.session();
    private final RuntimeConfig session = spark.conf();

    @Test
    void cachesBuiltWhileOpenAreUncompressedAndTheDefaultIsBackAfter() {
        assertFalse(session.contains(UncompressedCache.COMPRESSED), "the shared session starts with Spark's default");
        long compressed = cachedBytes();
        long uncompressed;
        try (UncompressedCache open = UncompressedCache.open(new SparkConf(false), session)) {
            uncompressed = cachedBytes();
        }
        // Three distinct values in 200,000 rows: a dictionary makes them a byte or two each; raw they are 10+.
        assertTrue(uncompressed > 3 * compressed, "uncompressed " + uncompressed + " B, compressed " + compressed + " B");
        assertFalse(session.contains(UncompressedCache.COMPRESSED), "unset again, as before");
    }

    @Test
    void aPreviousSessionValueIsRestoredAndALaunchValueIsKept() {
        session.set(UncompressedCache.COMPRESSED, "true");
        try {
            try (UncompressedCache open = UncompressedCache.open(new SparkConf(false), session)) {
                assertEquals("false", session.get(UncompressedCache.COMPRESSED));
            }
            assertEquals("true", session.get(UncompressedCache.COMPRESSED));

            SparkConf launch = new SparkConf(false).set(UncompressedCache.COMPRESSED, "true");
            try (UncompressedCache open = UncompressedCache.open(launch, session)) {
                assertEquals("true", session.get(UncompressedCache.COMPRESSED), "the user's launch choice");
            }
            assertEquals("true", session.get(UncompressedCache.COMPRESSED));
        } finally {
            session.unset(UncompressedCache.COMPRESSED);
        }
    }

    /** Bytes in memory of a repetitive string column cached now, under the session's current setting. */
    private long cachedBytes() {
        Set<Integer> before = Arrays.stream(spark.sparkContext().getRDDStorageInfo()).map(RDDInfo::id)
                .collect(Collectors.toSet());
        Dataset<Row> carriers = spark.range(200_000).selectExpr("concat('carrier-', CAST(id % 3 AS STRING)) AS carrier")
                .persist(StorageLevel.MEMORY_ONLY());
        try {
            carriers.count();
            return Arrays.stream(spark.sparkContext().getRDDStorageInfo()).filter(i -> !before.contains(i.id()))
                    .mapToLong(RDDInfo::memSize).sum();
        } finally {
            carriers.unpersist(true);
        }
    }
}
