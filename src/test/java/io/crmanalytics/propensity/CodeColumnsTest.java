package io.crmanalytics.propensity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.crmanalytics.testing.Cli;
import io.crmanalytics.testing.SharedSpark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Integer columns that are codes, not quantities: {@code region_code} (1-6, where region 3 buys and the number
 * itself means nothing) is detected and read as a category; {@code visits} (0-300) stays a number; the user can
 * overrule either way with --categorical / --numeric; the command says what it decided.
 */
class CodeColumnsTest {

    /** customer_id, region_code (1-6), visits (0-300), balance, segment text, bought yes/no. */
    static Path writeTable(Path file, int rows, long seed) throws IOException {
        Random random = new Random(seed);
        StringBuilder csv = new StringBuilder("customer_id,region_code,visits,balance,segment,bought\n");
        for (int i = 0; i < rows; i++) {
            int region = 1 + random.nextInt(6);
            int visits = random.nextInt(301);
            double balance = Math.round(random.nextGaussian() * 100) / 10.0;
            String segment = random.nextBoolean() ? "a" : "b";
            // Region 3 buys far more: a pattern no line through the code number can follow.
            double logit = -1.6 + (region == 3 ? 2.5 : 0) + 0.004 * visits + 0.05 * balance;
            boolean bought = random.nextDouble() < 1 / (1 + Math.exp(-logit));
            csv.append("K").append(10000 + i).append(',').append(region).append(',').append(visits).append(',')
                    .append(balance).append(',').append(segment).append(',').append(bought ? "yes" : "no")
                    .append('\n');
        }
        Files.writeString(file, csv.toString());
        return file;
    }

    private static JsonNode features(Path model) throws IOException {
        return new ObjectMapper().readTree(model.resolve("model.json").toFile()).path("features");
    }

    @Test
    void lowCardinalityIntegersAreCodesUnlessDeclared() throws IOException {
        Path dir = SharedSpark.newWarehouseDir("codes");
        Path table = writeTable(dir.resolve("t.csv"), 1500, 11);

        Path detected = dir.resolve("detected");
        Cli.Result r = Cli.run("propensity", "train", "--features", table.toString(), "--label", "bought", "--id",
                "customer_id", "--model-dir", detected.toString(), "--grid", "none");
        assertEquals(0, r.exitCode(), r.err() + r.out());
        assertTrue(r.out().contains("integer columns read both as numbers and as codes (categories): region_code"
                + " (6 values)"), r.out());
        JsonNode spec = features(detected);
        assertTrue(spec.path("levels").has("region_code"), spec.toString());
        assertEquals(6, spec.path("levels").path("region_code").size(), "every region has its own slot: " + spec);
        assertTrue(spec.path("numeric").toString().contains("\"region_code\""), "a code is read as a number too: "
                + spec);
        assertFalse(spec.path("levels").has("visits"), "300 values: a quantity " + spec);
        assertTrue(spec.path("numeric").toString().contains("\"visits\""), spec.toString());

        Path declared = dir.resolve("declared");
        Cli.Result d = Cli.run("propensity", "train", "--features", table.toString(), "--label", "bought", "--id",
                "customer_id", "--model-dir", declared.toString(), "--grid", "none",
                "--numeric", "REGION_CODE", "--categorical", "segment,visits");
        assertEquals(0, d.exitCode(), d.err() + d.out());
        assertTrue(d.out().contains("as declared: segment, visits, region_code"), d.out());
        JsonNode overruled = features(declared);
        assertTrue(overruled.path("numeric").toString().contains("\"region_code\""), overruled.toString());
        assertTrue(overruled.path("levels").has("visits"), overruled.toString());
        assertFalse(overruled.path("levels").has("region_code"), "declared numeric: one reading " + overruled);
        assertFalse(overruled.path("numeric").toString().contains("\"visits\""), "declared categorical: one reading "
                + overruled);

        Cli.Result unknown = Cli.run("propensity", "train", "--features", table.toString(), "--label", "bought",
                "--id", "customer_id", "--model-dir", dir.resolve("x").toString(), "--categorical", "nope");
        assertEquals(1, unknown.exitCode());
        assertTrue(unknown.err().contains("--categorical 'nope' is not a column"), unknown.err());
        Cli.Result both = Cli.run("propensity", "train", "--features", table.toString(), "--label", "bought",
                "--id", "customer_id", "--model-dir", dir.resolve("x").toString(), "--categorical", "visits",
                "--numeric", "visits");
        assertEquals(1, both.exitCode());
        assertTrue(both.err().contains("both as --categorical and --numeric"), both.err());
    }

    @Test
    void codesAreEncodedAsTheirLevelWhateverTheNumberType() {
        FeatureSpec spec = new FeatureSpec(java.util.List.of(), java.util.List.of(),
                java.util.Map.of("region", java.util.List.of("3", "1")));
        org.apache.spark.sql.types.StructType schema = new org.apache.spark.sql.types.StructType()
                .add("REGION", org.apache.spark.sql.types.DataTypes.DoubleType);
        int[] at = spec.positions(schema);
        assertEquals(1.0, spec.encode(org.apache.spark.sql.RowFactory.create(3.0), at)[0], "3.0 is level 3");
        assertEquals(1.0, spec.encode(org.apache.spark.sql.RowFactory.create(7.0), at)[2], "unseen: other");
        assertEquals(1.0, spec.encode(org.apache.spark.sql.RowFactory.create((Object) null), at)[3], "missing");
    }
}
