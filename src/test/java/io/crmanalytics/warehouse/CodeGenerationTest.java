package io.crmanalytics.warehouse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.crmanalytics.testing.SharedSpark;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.RuntimeConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Spark's code generation chosen from the data's size, a launch setting left alone, and the size counted. */
class CodeGenerationTest {
    private final RuntimeConfig session = SharedSpark.session().conf();

    @AfterEach
    void smallAgain() {
        // The test JVM's data is small (see SharedSpark): leave the shared session as the other tests expect it.
        CodeGeneration.chooseFor(SharedSpark.session(), 0);
    }

    @Test
    void offBelowTheThresholdOnFromIt() {
        assertTrue(CodeGeneration.chooseFor(new SparkConf(false), session, CodeGeneration.SMALL_DATA_BYTES - 1)
                .startsWith("off"));
        assertEquals("off", CodeGeneration.state(session));
        assertEquals("NO_CODEGEN", session.get(CodeGeneration.FACTORY_MODE));
        assertEquals("false", session.get(CodeGeneration.WHOLE_STAGE));

        assertTrue(CodeGeneration.chooseFor(new SparkConf(false), session, CodeGeneration.SMALL_DATA_BYTES)
                .startsWith("on"));
        assertEquals("on", CodeGeneration.state(session));
        assertEquals("FALLBACK", session.get(CodeGeneration.FACTORY_MODE));
        assertEquals("true", session.get(CodeGeneration.WHOLE_STAGE));
        assertEquals("8000", session.get(CodeGeneration.HUGE_METHOD_LIMIT), "no method the JIT would not compile");
    }

    @Test
    void aSettingGivenAtLaunchIsKept() {
        CodeGeneration.chooseFor(new SparkConf(false), session, 0);
        SparkConf launch = new SparkConf(false).set(CodeGeneration.WHOLE_STAGE, "true");
        assertEquals("as set at launch", CodeGeneration.chooseFor(launch, session, CodeGeneration.SMALL_DATA_BYTES * 10));
        assertEquals("NO_CODEGEN", session.get(CodeGeneration.FACTORY_MODE), "untouched");
        SparkConf forced = new SparkConf(false).set(CodeGeneration.FACTORY_MODE, "FALLBACK");
        assertEquals("as set at launch", CodeGeneration.chooseFor(forced, session, 0));

        session.set(CodeGeneration.HUGE_METHOD_LIMIT, "20000");
        SparkConf limit = new SparkConf(false).set(CodeGeneration.HUGE_METHOD_LIMIT, "20000");
        CodeGeneration.chooseFor(limit, session, CodeGeneration.SMALL_DATA_BYTES * 10);
        assertEquals("20000", session.get(CodeGeneration.HUGE_METHOD_LIMIT), "the launch's limit is kept");
        assertEquals("on", CodeGeneration.state(session));
    }

    @Test
    void sizeIsTheFilesUnderTheFoldersCountedUpToTheThreshold() throws IOException {
        Path dir = SharedSpark.newWarehouseDir("codegen-size");
        Files.createDirectories(dir.resolve("silver/orders"));
        Files.write(dir.resolve("silver/orders/part-0.parquet"), new byte[1000]);
        Path input = Files.createDirectories(dir.resolveSibling(dir.getFileName() + "-input"));
        Files.write(input.resolve("orders.csv"), new byte[234]);
        var spark = SharedSpark.session();
        assertEquals(1234, CodeGeneration.bytesUnder(spark, dir.toString(), input.toString(), null));
        assertEquals(0, CodeGeneration.bytesUnder(spark, dir.resolve("absent").toString()));

        // A sparse file: large to the file system, no disk used. Counting stops at the threshold.
        try (RandomAccessFile big = new RandomAccessFile(input.resolve("interactions.csv").toFile(), "rw")) {
            big.setLength(CodeGeneration.SMALL_DATA_BYTES * 3);
        }
        // Whichever file the listing gives first, the warehouse folder after it is not listed.
        long big = CodeGeneration.SMALL_DATA_BYTES * 3;
        long counted = CodeGeneration.bytesUnder(spark, input.toString(), dir.toString());
        assertTrue(counted == big || counted == big + 234, String.valueOf(counted));
    }
}
