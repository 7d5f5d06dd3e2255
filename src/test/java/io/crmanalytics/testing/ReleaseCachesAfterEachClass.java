package io.crmanalytics.testing;

import org.apache.spark.sql.delta.DeltaLog;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * After each test class, forgets what the shared SparkSession keeps of the warehouses that class made: Delta's
 * cache of table logs and snapshots, and cached Datasets. A test class's warehouses are never read again by
 * another class, but one JVM runs every class of a lane, and without this the live heap kept growing from class to
 * class (from under 100 MB to about 900 MB over four whole-job classes, 2026-12-02), so the collector worked
 * harder and the late classes ran slower. Registered for every class through JUnit's extension auto-detection
 * (src/test/resources/junit-platform.properties).
 */
public final class ReleaseCachesAfterEachClass implements AfterAllCallback {
    @Override
    public void afterAll(ExtensionContext context) {
        if (SharedSpark.started()) {
            DeltaLog.clearCache();
            SharedSpark.session().catalog().clearCache();
        }
    }
}
