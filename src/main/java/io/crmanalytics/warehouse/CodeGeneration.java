package io.crmanalytics.warehouse;

import java.io.IOException;
import java.util.Locale;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.RuntimeConfig;
import org.apache.spark.sql.SparkSession;

/**
 * Whether Spark compiles Java code for the process's queries, chosen from the size of the data the process works
 * on. Spark generates and compiles (Janino) a class for each query stage and expression; on large data that code
 * repays its compilation many times, on small data the compilation is most of the work. The sample nightly (6 MB of
 * input) took 25% less time and CPU evaluating interpreted (bench/results/nightly.md), so below
 * {@link #SMALL_DATA_BYTES} the process evaluates interpreted, and above it Spark's defaults stand.
 *
 * <p>When Spark generates code, no generated method it runs may be too large for the JVM to compile: HotSpot leaves a
 * method of more than 8,000 bytes of bytecode to its interpreter ({@code -XX:+DontCompileHugeMethods}, its default),
 * while Spark keeps whole-stage code generation for methods up to 65,535 bytes. Ingest's classification (typing and
 * every rule of an entity in one stage) compiles to more than 8,000, and at 1 M customers that stage ran
 * interpreted. {@link #HUGE_METHOD_LIMIT} at {@link #HOTSPOT_HUGE_METHOD_BYTES} makes Spark run such a subtree
 * without whole-stage code generation, as its tuning guide advises for HotSpot: its expressions are still compiled,
 * in methods the JVM does compile.
 *
 * <p>A choice the user made wins: with either code generation setting given at launch ({@code --conf} or
 * {@code -Dspark...}), neither is changed, and a launch {@code hugeMethodLimit} is kept. {@code spark.sql.codegen.factoryMode} is a Spark setting marked internal (Spark's own tests
 * run every expression both ways with it); a Spark that dropped it would ignore it, and only speed would change.
 */
public final class CodeGeneration {
    /** Input folder plus warehouse, as stored (compressed Parquet, raw input files). */
    public static final long SMALL_DATA_BYTES = 32L << 20;
    static final String WHOLE_STAGE = "spark.sql.codegen.wholeStage";
    static final String FACTORY_MODE = "spark.sql.codegen.factoryMode";
    static final String HUGE_METHOD_LIMIT = "spark.sql.codegen.hugeMethodLimit";
    /** The largest method HotSpot compiles, in bytes of bytecode. */
    static final int HOTSPOT_HUGE_METHOD_BYTES = 8_000;

    private CodeGeneration() {
    }

    /**
     * Sets the session's code generation for this much data (see the class comment) and says what it chose, or
     * that the user's launch settings were kept.
     */
    public static String chooseFor(SparkSession spark, long bytes) {
        return chooseFor(spark.sparkContext().getConf(), spark.conf(), bytes);
    }

    /** {@link #chooseFor(SparkSession, long)} with the launch settings and the session's settings apart. */
    static String chooseFor(SparkConf launch, RuntimeConfig session, long bytes) {
        if (!launch.contains(HUGE_METHOD_LIMIT)) {
            session.set(HUGE_METHOD_LIMIT, String.valueOf(HOTSPOT_HUGE_METHOD_BYTES));
        }
        if (launch.contains(WHOLE_STAGE) || launch.contains(FACTORY_MODE)) {
            return "as set at launch";
        }
        boolean small = bytes < SMALL_DATA_BYTES;
        session.set(WHOLE_STAGE, String.valueOf(!small));
        session.set(FACTORY_MODE, small ? "NO_CODEGEN" : "FALLBACK");
        return String.format(Locale.ROOT, "%s (%.1f MiB of data, %s %d MiB)", small ? "off" : "on",
                bytes / (double) (1 << 20), small ? "below" : "from", SMALL_DATA_BYTES >> 20);
    }

    /** "on" or "off": whether the session currently generates code (what a run summary records). */
    public static String state(SparkSession spark) {
        return state(spark.conf());
    }

    static String state(RuntimeConfig session) {
        boolean off = "NO_CODEGEN".equalsIgnoreCase(session.get(FACTORY_MODE, "FALLBACK"))
                && !Boolean.parseBoolean(session.get(WHOLE_STAGE, "true"));
        return off ? "off" : "on";
    }

    /**
     * Bytes of the files under these folders (or files), counted only until {@link #SMALL_DATA_BYTES} is reached:
     * on an object store a large warehouse is not listed whole just to learn that it is large. Missing paths count 0;
     * a folder that cannot be listed counts as large, which leaves Spark's defaults.
     */
    public static long bytesUnder(SparkSession spark, String... locations) {
        long total = 0;
        for (String location : locations) {
            if (location == null || total >= SMALL_DATA_BYTES) {
                continue;
            }
            try {
                Path path = new Path(location);
                FileSystem fs = path.getFileSystem(spark.sparkContext().hadoopConfiguration());
                if (!fs.exists(path)) {
                    continue;
                }
                long[] sum = {total};
                FileWalk.files(fs, path, file -> {
                    sum[0] += file.getLen();
                    return sum[0] < SMALL_DATA_BYTES;
                });
                total = sum[0];
            } catch (IOException | RuntimeException e) {
                return SMALL_DATA_BYTES;
            }
        }
        return total;
    }
}
