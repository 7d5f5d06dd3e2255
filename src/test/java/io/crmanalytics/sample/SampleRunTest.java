package io.crmanalytics.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.crmanalytics.testing.SampleRunWarehouse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The README's first command end to end: the quick sample nightly (testing.SampleRunWarehouse, {@code crm run} in
 * this JVM) and then {@code scripts/sample-run-test.sh --warehouse}, which checks what the sample's ground truth
 * allows (the planted carrier is rank 1 with its shares, the planted IVR node is the one flagged, attribution
 * accuracy, no outreach about a parcel already complained about) through {@code bin/crm sql}, and executes the
 * notebooks against the run. The checks stay in the script so that anyone can run them on their own sample run.
 * {@code -DskipSampleRun} leaves the class out.
 */
class SampleRunTest {
    private static final Path PROJECT = Path.of(System.getProperty("crm.projectDir", "."));

    @Test
    void theSampleNightlyFindsWhatWasPlantedAndTheNotebooksRunOnIt() throws Exception {
        assumeFalse(Boolean.parseBoolean(System.getProperty("crm.skipSampleRun", "false")), "-DskipSampleRun");
        Path warehouse = SampleRunWarehouse.warehouse();
        Path log = warehouse.resolveSibling(warehouse.getFileName() + "-checks.log");
        ProcessBuilder checks = new ProcessBuilder(PROJECT.resolve("scripts/sample-run-test.sh").toString(),
                "--warehouse", warehouse.toString()).redirectErrorStream(true).redirectOutput(log.toFile());
        // The build is done; and no class-data archive: writing one at the first `crm sql`'s exit costs more than
        // the three short commands after it would save.
        checks.environment().put("CRM_NO_BUILD", "1");
        checks.environment().put("CRM_CDS", "0");
        Process process = checks.start();
        boolean ended = process.waitFor(15, TimeUnit.MINUTES);
        String output = Files.readString(log);
        System.out.print(output);
        if (!ended) {
            process.destroyForcibly();
        }
        assertEquals(0, ended ? process.exitValue() : -1, "scripts/sample-run-test.sh --warehouse failed:\n" + output);
    }
}
