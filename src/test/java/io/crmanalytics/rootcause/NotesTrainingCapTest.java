package io.crmanalytics.rootcause;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.crmanalytics.testing.SharedSpark;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** {@code --max-notes-training-rows}: the training share is sampled down to the cap; the held-out share never is. */
class NotesTrainingCapTest {
    private static final StructType LABELED = new StructType()
            .add(NotesClassifier.TEXT, DataTypes.StringType)
            .add("complaint_label", DataTypes.BooleanType)
            .add("reason_label", DataTypes.StringType);
    private static final String[][] NOTES = {
            {"late_delivery", "my parcel arrived a week late", "包裹晚到了一个星期"},
            {"damaged", "the box arrived damaged and crushed", "箱子到的时候破损了"},
            {null, "question about the size of a product", "想问一下产品的尺寸"}};

    @Test
    void trainsOnASampleOfTheCapSizeAndEvaluatesOnEveryHeldOutNote() {
        Dataset<Row> labeled = labeled();
        NotesClassifier all = NotesClassifier.train(labeled, 0);
        NotesClassifier capped = NotesClassifier.train(labeled, 60);

        long available = all.trainingRowsAvailable();
        assertEquals(available, capped.trainingRowsAvailable(), "the same seeded split before the cap");
        assertEquals(available, trainRows(all), "no cap: every note of the training share");
        long kept = trainRows(capped);
        // Bernoulli draw with p = 60 / available: within 5 standard deviations of 60, and well below all.
        double p = 60.0 / available;
        double sd = Math.sqrt(available * p * (1 - p));
        assertTrue(Math.abs(kept - 60) <= 5 * sd && kept < available, "kept " + kept + " of " + available);
        assertEquals(testRows(all), testRows(capped), "the held-out share is not sampled");
        assertTrue(testRows(all) > 0);
    }

    private static Dataset<Row> labeled() {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            for (String[] n : NOTES) {
                String text = n[1 + i % 2] + (i % 3 == 0 ? "" : " #" + i);
                rows.add(RowFactory.create(text, n[0] != null, n[0]));
            }
        }
        return SharedSpark.session().createDataFrame(rows, LABELED);
    }

    private static long trainRows(NotesClassifier classifier) {
        return overall(classifier).getLong(2);
    }

    private static long testRows(NotesClassifier classifier) {
        return overall(classifier).getLong(3);
    }

    private static Row overall(NotesClassifier classifier) {
        return classifier.evaluation().stream()
                .filter(r -> r.getString(0).equals("complaint") && r.getString(1).equals("overall"))
                .findFirst().orElseThrow();
    }
}
