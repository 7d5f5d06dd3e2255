package io.crmanalytics.propensity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.crmanalytics.testing.SharedSpark;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/**
 * What {@link FeatureSpec#learn} keeps of categorical columns, learned for all columns in one query: levels on at
 * least {@code max(10, 0.5 %)} of the rows, most frequent first with ties in the level's text order, at most 40
 * per column, a whole number in a numeric column as "3" (not "3.0"), a column missing on every row dropped.
 */
class FeatureSpecLearnTest {

    @Test
    void keepsFrequentLevelsOfEveryColumnInOrder() {
        StructType schema = new StructType()
                .add("colour", DataTypes.StringType)
                .add("band", DataTypes.DoubleType)
                .add("many", DataTypes.StringType)
                .add("empty", DataTypes.StringType)
                .add("amount", DataTypes.DoubleType);
        List<Row> rows = new ArrayList<>();
        // colour: red 30, blue 30 (a tie: "blue" first), green 12, grey 9 (below 10 rows: dropped), null 19.
        // band: 3.0 x 50, 1.5 x 40, null 10. many: 50 levels of 2 rows each -> none frequent enough.
        String[] colours = new String[100];
        IntStream.range(0, 30).forEach(i -> colours[i] = "red");
        IntStream.range(30, 60).forEach(i -> colours[i] = "blue");
        IntStream.range(60, 72).forEach(i -> colours[i] = "green");
        IntStream.range(72, 81).forEach(i -> colours[i] = "grey");
        for (int i = 0; i < 100; i++) {
            Double band = i < 50 ? Double.valueOf(3.0) : i < 90 ? Double.valueOf(1.5) : null;
            rows.add(RowFactory.create(colours[i], band, "m" + (i / 2), null, (double) i));
        }
        Dataset<Row> table = SharedSpark.session().createDataFrame(rows, schema);

        FeatureSpec spec = FeatureSpec.learn(table, List.of("amount"), List.of("colour", "band", "many", "empty"));

        assertEquals(List.of("amount"), spec.numeric());
        assertEquals(49.5, spec.means().get(0), 1e-9);
        assertEquals(List.of("blue", "red", "green"), spec.levels().get("colour"));
        assertEquals(List.of("3", "1.5"), spec.levels().get("band"));
        assertEquals(List.of(), spec.levels().get("many"));
        assertFalse(spec.levels().containsKey("empty"), spec.levels().toString());
        assertEquals(List.of("colour", "band", "many"), spec.strings());
    }

    @Test
    void keepsAtMostFortyLevelsPerColumn() {
        StructType schema = new StructType().add("code", DataTypes.StringType).add("other", DataTypes.StringType);
        List<Row> rows = new ArrayList<>();
        // 60 levels; level k appears 10 + k times, so the 40 kept are k = 59 down to 20.
        for (int k = 0; k < 60; k++) {
            for (int n = 0; n < 10 + k; n++) {
                rows.add(RowFactory.create(String.format("L%02d", k), n % 2 == 0 ? "x" : "y"));
            }
        }
        Dataset<Row> table = SharedSpark.session().createDataFrame(rows, schema);

        FeatureSpec spec = FeatureSpec.learn(table, List.of(), List.of("code", "other"));

        List<String> expected = IntStream.iterate(59, k -> k >= 20, k -> k - 1)
                .mapToObj(k -> String.format("L%02d", k)).toList();
        assertEquals(expected, spec.levels().get("code"));
        assertEquals(List.of("x", "y"), spec.levels().get("other"));
    }
}
