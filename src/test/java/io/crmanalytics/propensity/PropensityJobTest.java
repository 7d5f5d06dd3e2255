package io.crmanalytics.propensity;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.crmanalytics.job.JobContext;
import io.crmanalytics.testing.Cli;
import io.crmanalytics.testing.SharedSpark;
import io.crmanalytics.warehouse.Layer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/** Warehouse mode through the real CLI on a small shop with a planted "readers buy books" affinity. */
class PropensityJobTest {
    private static final LocalDate RUN = LocalDate.parse("2024-12-31");

    @Test
    void scoresOffersEvaluationAndModels() throws Exception {
        Path dir = SharedSpark.newWarehouseDir("propensity");
        JobContext ctx = SharedSpark.context(dir, RUN);
        ShopFixture.build(220, LocalDate.parse("2024-01-01"), RUN, 0.09, 5).write(ctx);

        Cli.Result r = Cli.run("propensity", "--warehouse", dir.toString(), "--run-date", RUN.toString(),
                "--categories", "books", "--min-positives", "5", "--grid", "none");
        assertEquals(0, r.exitCode(), r.err() + r.out());
        assertTrue(r.out().contains("gold.propensity_scores"), r.out());

        Dataset<Row> scores = ctx.readGoldAsOf(PropensityJob.SCORES);
        long customers = ctx.warehouse().read(Layer.SILVER, "customers").count();
        assertEquals(customers, scores.count(), "every customer scored");
        assertEquals(0, scores.where(col("propensity").lt(0).or(col("propensity").gt(1))).count());
        assertEquals(10, scores.where(col("product_category").equalTo("books")).select("decile").distinct().count());

        Dataset<Row> evaluation = ctx.readGoldAsOf(PropensityJob.EVALUATION);
        Row books = evaluation.where(col("product_category").equalTo("books")).first();
        assertTrue(books.<Double>getAs("auc") > 0.7, "planted affinity is found: " + books);
        assertTrue(books.<Long>getAs("training_rows") > 2 * customers, "three past windows pooled: " + books);
        assertEquals(10, books.getList(books.fieldIndex("cumulative_gains")).size());
        assertEquals(1.0, (Double) books.getList(books.fieldIndex("cumulative_gains")).get(9), 1e-9);
        assertEquals(10, ctx.readGoldAsOf(PropensityJob.RELIABILITY).count(), "10 deciles");

        // Next-best offer: at most one per customer, never a category bought in the last 30 days.
        Dataset<Row> offers = ctx.readGoldAsOf(PropensityJob.OFFERS);
        assertEquals(offers.count(), offers.select("customer_id").distinct().count());
        assertTrue(offers.count() > customers / 2, "most customers get an offer");
        assertEquals(offers.count(), offers.where(col("product_category").equalTo("books")).count());
        // The last 30 days up to the end of the run date; the fixture also has orders after it (not yet known).
        Dataset<Row> recent = Purchases.lines(ctx)
                .where(col("order_ts").geq(java.sql.Timestamp.from(java.time.Instant.parse("2024-12-02T00:00:00Z")))
                        .and(col("order_ts").lt(java.sql.Timestamp.from(java.time.Instant.parse("2025-01-01T00:00:00Z")))))
                .select("customer_id", "product_category").distinct();
        assertEquals(0, offers.join(recent, scala.jdk.javaapi.CollectionConverters.asScala(
                java.util.List.of("customer_id", "product_category")).toSeq()).count());
        assertEquals(0, offers.where(col("reason").isNull().or(col("reason").equalTo(""))).count());
        // Each offer's reason is what the category's saved model says of that customer's features at the run date
        // (the text is made after the offers are chosen, from the features the scoring picked).
        PropensityModel saved = PropensityModel.load(ctx.spark().sparkContext().hadoopConfiguration(),
                dir.resolve("models/propensity/" + RUN + "/books").toString());
        Dataset<Row> features = new CustomerFeatures(ctx, PropensityOptions.OUTCOME_DAYS, List.of("books"),
                Purchases.lines(ctx)).at(RUN, null).rows();
        int[] positions = saved.spec().positions(features.schema());
        Map<String, String> reasons = new HashMap<>();
        for (Row f : features.collectAsList()) {
            reasons.put(f.getAs("customer_id"), saved.info().explainer().reason(saved.spec().encode(f, positions)));
        }
        List<Row> offered = offers.select("customer_id", "reason").collectAsList();
        for (Row o : offered) {
            assertEquals(reasons.get(o.getString(0)), o.getString(1), "the reason of " + o.getString(0));
        }
        assertTrue(offered.stream().map(o -> o.getString(1)).distinct().count() > 1, "reasons differ by customer");
        // Isotonic calibration may give a bottom bin exactly 0; the value is still propensity x order value.
        assertEquals(0, offers.where(col("expected_order_value").leq(0)).count());
        assertEquals(0, offers.where(org.apache.spark.sql.functions.abs(col("expected_value")
                .minus(col("propensity").multiply(col("expected_order_value")))).gt(1e-9)).count());

        for (String category : new String[] {"books"}) {
            Path model = dir.resolve("models/propensity/" + RUN + "/" + category);
            assertTrue(Files.isRegularFile(model.resolve("classifier.bin")), "saved " + model);
            assertTrue(Files.isRegularFile(model.resolve("model.json")), "saved " + model);
        }
    }
}
