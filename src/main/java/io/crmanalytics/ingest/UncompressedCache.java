package io.crmanalytics.ingest;

import org.apache.spark.SparkConf;
import org.apache.spark.sql.RuntimeConfig;
import org.apache.spark.sql.SparkSession;

/**
 * Ingest's cached inputs held uncompressed while it runs. Ingest reads each entity's raw rows and its classified
 * rows several times (bronze, typing, counts, quarantine, silver), so it caches both, and it reads each cache only a
 * few times before dropping it. Spark compresses every cached column by default, trying each of its encodings on
 * every value as it builds the cache (a dictionary per string column among them): at 1 M customers that building
 * was 12-15 % of ingest's CPU samples, more than the smaller cache saved. Uncompressed, three entities of the 1 M
 * input (12.2 M rows) took 297 s instead of 318 s and 508 s of CPU instead of 554, with a peak RSS 0.15 GiB higher
 * (bench/results/nightly.md, 2026-12-04); the whole 1 M ingest took 2.5-4.5 % less time in two pairs. The caches
 * are {@code MEMORY_AND_DISK}: a cache too large for memory goes to local disk rather than failing.
 *
 * <p>Only ingest's caches: the other jobs keep Spark's default, and the session's previous value is back when this
 * is closed. A value given at launch ({@code --conf} or {@code -Dspark...}) is the user's choice and is left alone.
 * Spark reads the setting when a cache is built, on the driver, so it holds for every cache ingest materializes
 * while this is open, its concurrent entities included.
 */
final class UncompressedCache implements AutoCloseable {
    static final String COMPRESSED = "spark.sql.inMemoryColumnarStorage.compressed";
    private final RuntimeConfig session;
    private final String previous;
    private final boolean changed;

    private UncompressedCache(RuntimeConfig session, String previous, boolean changed) {
        this.session = session;
        this.previous = previous;
        this.changed = changed;
    }

    /** Caches built from now until {@link #close()} are uncompressed, unless the launch set otherwise. */
    static UncompressedCache open(SparkSession spark) {
        return open(spark.sparkContext().getConf(), spark.conf());
    }

    /** {@link #open(SparkSession)} with the launch settings and the session's settings apart. */
    static UncompressedCache open(SparkConf launch, RuntimeConfig session) {
        if (launch.contains(COMPRESSED)) {
            return new UncompressedCache(session, null, false);
        }
        String previous = session.contains(COMPRESSED) ? session.get(COMPRESSED) : null;
        session.set(COMPRESSED, "false");
        return new UncompressedCache(session, previous, true);
    }

    @Override
    public void close() {
        if (!changed) {
            return;
        }
        if (previous == null) {
            session.unset(COMPRESSED);
        } else {
            session.set(COMPRESSED, previous);
        }
    }
}
