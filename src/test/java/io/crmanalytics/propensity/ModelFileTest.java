package io.crmanalytics.propensity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.crmanalytics.testing.Cli;
import io.crmanalytics.testing.SharedSpark;
import java.io.File;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The model file is self-contained: a model trained with the real CLI in this JVM is scored by `crm propensity
 * score` in a separate JVM that has only the model folder and the new rows, and gives exactly the scores this JVM
 * gives. model.json carries the format version, the feature layout and the calibration; an unknown version is
 * refused with one line.
 */
class ModelFileTest {

    @Test
    void trainedHereScoredInAnotherProcess() throws Exception {
        Path dir = SharedSpark.newWarehouseDir("model-file");
        Path train = CodeColumnsTest.writeTable(dir.resolve("train.csv"), 1200, 3);
        Path fresh = CodeColumnsTest.writeTable(dir.resolve("fresh.csv"), 300, 4);
        Path model = dir.resolve("model");
        Cli.Result trained = Cli.run("propensity", "train", "--features", train.toString(), "--label", "bought",
                "--id", "customer_id", "--model-dir", model.toString(), "--grid", "none");
        assertEquals(0, trained.exitCode(), trained.err() + trained.out());

        JsonNode info = new ObjectMapper().readTree(model.resolve("model.json").toFile());
        assertEquals(PropensityModel.FORMAT_VERSION, info.path("format_version").asInt());
        assertTrue(info.path("features").path("numeric").isArray(), info.toString());
        assertTrue(info.path("features").path("levels").has("region_code"), "levels inside: " + info);
        assertTrue(info.path("calibration").path("boundaries").size() > 1, "calibration inside: " + info);
        assertTrue(Files.isRegularFile(model.resolve("classifier.bin")));

        Path here = dir.resolve("here.csv");
        Cli.Result scoredHere = Cli.run("propensity", "score", "--model-dir", model.toString(), "--features",
                fresh.toString(), "--out", here.toString());
        assertEquals(0, scoredHere.exitCode(), scoredHere.err());

        Path there = dir.resolve("there.csv");
        List<String> command = new ArrayList<>();
        command.add(System.getProperty("java.home") + File.separator + "bin" + File.separator + "java");
        command.add("-Xmx700m");
        // Spark on Java 17 needs the same --add-opens flags this test JVM was started with.
        for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (arg.startsWith("--add-opens") || arg.startsWith("--add-exports")) {
                command.add(arg);
            }
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "io.crmanalytics.cli.Main",
                "propensity", "score", "--master", "local[1]", "--model-dir", model.toString(),
                "--features", fresh.toString(), "--out", there.toString()));
        Process child = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("child.log").toFile()).start();
        assertTrue(child.waitFor(5, TimeUnit.MINUTES), "child JVM finished");
        assertEquals(0, child.exitValue(), Files.readString(dir.resolve("child.log")));
        List<String> expected = Files.readAllLines(here);
        assertEquals(301, expected.size(), "one row per input row");
        assertEquals(expected, Files.readAllLines(there), "the other process scores exactly alike");
    }

    @Test
    void unknownFormatVersionIsOneClearLine() throws Exception {
        Path dir = SharedSpark.newWarehouseDir("model-version");
        Path model = Files.createDirectories(dir.resolve("model"));
        Files.writeString(model.resolve("model.json"), "{\"format_version\": 99}");
        Cli.Result r = Cli.run("propensity", "score", "--model-dir", model.toString(), "--features",
                CodeColumnsTest.writeTable(dir.resolve("x.csv"), 20, 1).toString(), "--out",
                dir.resolve("o.csv").toString());
        assertEquals(1, r.exitCode());
        assertTrue(r.err().contains("format version 99"), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
    }
}
