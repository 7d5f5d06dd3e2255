package io.crmanalytics.propensity;

import static org.apache.spark.sql.functions.array_contains;
import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.crmanalytics.job.JobContext;
import io.crmanalytics.testing.SharedSpark;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/**
 * No leakage: the training rows for a cut-off (features, and labels from the outcome window after it) do not
 * change when anything after the outcome window changes, and the features do not change when anything after
 * the cut-off changes - new orders, contacts, surveys, customers, or an edited later order. That includes the
 * BG/NBD features, whose population parameters are fitted at each cut-off.
 */
class LeakageTest {
    private static final LocalDate CUTOFF = LocalDate.parse("2024-06-30");
    private static final int WINDOW = 90;

    private static List<String> rows(Dataset<Row> rows) {
        return rows.orderBy("customer_id").collectAsList().stream().map(Row::toString).toList();
    }

    /** As the job forms them: features keyed by cut-off, joined with the purchases in the window after it. */
    private static Dataset<Row> trainingRows(JobContext ctx, String category) {
        Dataset<Row> lines = Purchases.lines(ctx);
        CustomerFeatures features = new CustomerFeatures(ctx, WINDOW, ShopFixture.CATEGORIES, lines);
        return PropensityJob.withBoughtAfter(features.at(List.of(CUTOFF), Map.of()).rows(),
                PropensityJob.boughtAfter(ctx, lines, List.of(CUTOFF), WINDOW))
                .withColumn("label", array_contains(col(PropensityJob.BOUGHT), category).cast("int"));
    }

    private static Dataset<Row> features(JobContext ctx) {
        return new CustomerFeatures(ctx, WINDOW, ShopFixture.CATEGORIES, Purchases.lines(ctx)).at(CUTOFF, null).rows();
    }

    @Test
    void laterDataChangesNeitherFeaturesNorTrainingRows() {
        JobContext ctx = SharedSpark.context(SharedSpark.newWarehouseDir("leakage"), LocalDate.parse("2024-12-31"));
        ShopFixture shop = ShopFixture.build(40, LocalDate.parse("2023-07-01"), LocalDate.parse("2024-12-31"), 0.08, 3);
        shop.write(ctx);
        List<String> trainingBefore = rows(trainingRows(ctx, "books"));
        Dataset<Row> featureRows = features(ctx);
        // The BG/NBD features are fitted at the cut-off from the history before it: they are covered here too.
        assertTrue(List.of(featureRows.columns()).containsAll(List.of("rhythm_p_alive", "rhythm_p_order_window",
                "cat_books_p_window", "cat_garden_p_window_log")), "BG/NBD features present");
        List<String> featuresBefore = rows(featureRows);
        List<String> gardenBefore = rows(trainingRows(ctx, "garden"));
        assertTrue(trainingBefore.size() >= 40, "every customer signed up before the cut-off");

        // After the outcome window: a new order from everyone, complaints, a new customer, an edited order.
        Instant afterWindow = Instant.parse("2024-10-15T12:00:00Z");
        for (int c = 0; c < 40; c++) {
            String id = String.format("C%04d", c);
            shop.order(id, afterWindow, "books", 5);
            shop.contact(id, afterWindow, true);
        }
        shop.customers.row("customer_id", "LATE1", "signup_date", "2024-11-01", "region", "north");
        shop.write(ctx);
        assertEquals(trainingBefore, rows(trainingRows(ctx, "books")), "data after the outcome window leaked");

        // Inside the outcome window: labels may change, features must not.
        Instant inWindow = Instant.parse("2024-07-01T00:00:00Z");
        for (int c = 0; c < 40; c++) {
            shop.order(String.format("C%04d", c), inWindow, "garden", 1);
            shop.contact(String.format("C%04d", c), inWindow, false);
        }
        shop.write(ctx);
        assertEquals(featuresBefore, rows(features(ctx)), "data after the cut-off leaked into the features");
        assertNotEquals(gardenBefore, rows(trainingRows(ctx, "garden")), "labels do see the outcome window");
    }

    /**
     * The job computes every cut-off in one pass (each event paired with the cut-offs it precedes): a cut-off's
     * rows, features and labels, are exactly what that cut-off alone gives, so a later cut-off's events reach
     * neither an earlier cut-off's features nor its labels.
     */
    @Test
    void oneCutOffOfSeveralIsThatCutOffAlone() {
        JobContext ctx = SharedSpark.context(SharedSpark.newWarehouseDir("leakage-cutoffs"), LocalDate.parse("2024-12-31"));
        ShopFixture shop = ShopFixture.build(40, LocalDate.parse("2023-07-01"), LocalDate.parse("2024-12-31"), 0.08, 5);
        // Two customers who sign up between the cut-offs: the cut-offs differ in who existed.
        shop.customers.row("customer_id", "LATE1", "signup_date", "2024-05-01", "region", "north");
        shop.order("LATE1", Instant.parse("2024-05-10T10:00:00Z"), "books", 1);
        shop.order("LATE1", Instant.parse("2024-07-20T10:00:00Z"), "garden", 1);
        shop.customers.row("customer_id", "LATE2", "signup_date", "2024-08-01", "region", "south");
        shop.write(ctx);
        Dataset<Row> lines = Purchases.lines(ctx);
        List<LocalDate> cutoffs = List.of(CUTOFF.minusDays(2 * WINDOW), CUTOFF.minusDays(WINDOW), CUTOFF,
                CUTOFF.plusDays(WINDOW));
        Dataset<Row> together = PropensityJob.withBoughtAfter(
                new CustomerFeatures(ctx, WINDOW, ShopFixture.CATEGORIES, lines).at(cutoffs, Map.of()).rows(),
                PropensityJob.boughtAfter(ctx, lines, cutoffs, WINDOW)).cache();
        List<Long> sizes = new java.util.ArrayList<>();
        for (LocalDate cutoff : cutoffs) {
            Dataset<Row> alone = PropensityJob.withBoughtAfter(
                    new CustomerFeatures(ctx, WINDOW, ShopFixture.CATEGORIES, lines).at(List.of(cutoff), Map.of()).rows(),
                    PropensityJob.boughtAfter(ctx, lines, List.of(cutoff), WINDOW));
            List<String> expected = rows(alone);
            assertEquals(expected, rows(together.where(col(CustomerFeatures.CUTOFF).equalTo(
                    java.sql.Date.valueOf(cutoff)))), "cut-off " + cutoff);
            sizes.add((long) expected.size());
        }
        assertEquals(List.of(40L, 40L, 41L, 42L), sizes, "rows per cut-off");
        assertTrue(List.of(together.columns()).contains("rhythm_p_alive"), "BG/NBD features at every cut-off");
        together.unpersist();
    }
}
