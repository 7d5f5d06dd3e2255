package io.crmanalytics.bench;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.crmanalytics.cli.ResultLines;
import io.crmanalytics.core.Progress;
import io.crmanalytics.job.JobContext;
import io.crmanalytics.job.JobResult;
import io.crmanalytics.propensity.PropensityJob;
import io.crmanalytics.propensity.PropensityOptions;
import io.crmanalytics.propensity.SearchOptions;
import io.crmanalytics.warehouse.Layer;
import io.crmanalytics.warehouse.SparkSessions;
import io.crmanalytics.warehouse.Warehouse;
import java.io.File;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.ml.evaluation.BinaryClassificationEvaluator;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Acceptance on the generator's sample data: runs the propensity job with its run date at the ground truth's
 * cut-off (so its scores are true out-of-time predictions for the 90 days after it), then compares, per planted
 * category and on the same customers and realised labels, the AUC of the published propensity with the AUC of
 * the generator's posterior probability (E[oracle | observable history]: the Bayes ceiling, which the acceptance
 * gap is measured against) and of its oracle (latent state at the cut-off, unobservable: reported for context).
 * <p>Usage: {@code PropensityAcceptance SAMPLE_DIR WAREHOUSE_DIR}
 */
public final class PropensityAcceptance {
    public static void main(String[] args) throws Exception {
        SparkSessions.quietLogging();
        String sample = args[0];
        String warehouseDir = args[1];
        JsonNode truth = new ObjectMapper().readTree(new File(sample, "ground_truth.json"));
        LocalDate cutoff = LocalDate.parse(truth.path("propensity").path("cutoff_date").asText());
        LocalDate runDate = LocalDate.parse(truth.path("run_date").asText());
        List<String> planted = new ArrayList<>();
        truth.path("propensity_categories").forEach(n -> planted.add(n.asText()));

        SparkSession spark = SparkSessions.create("local[2]", ZoneId.of("UTC"));
        spark.sparkContext().setLogLevel("ERROR");
        Warehouse warehouse = new Warehouse(spark, warehouseDir);
        if (!warehouse.exists(Layer.SILVER, "orders")) {
            CsvToSilver.load(warehouse, sample);
        }
        JobContext ctx = new JobContext(spark, warehouse, cutoff, ZoneId.of("UTC"), Progress.toStderr());
        long start = System.nanoTime();
        SearchOptions search = new SearchOptions(
                SearchOptions.Grid.parse(System.getProperty("acceptance.grid", SearchOptions.GRID)), SearchOptions.SEED);
        JobResult result = new PropensityJob(PropensityOptions.builder().search(search).categories(planted).build())
                .run(ctx);
        double seconds = (System.nanoTime() - start) / 1e9;
        ResultLines.of(result).forEach(System.out::println);

        Dataset<Row> scores = ctx.readGoldAsOf(PropensityJob.SCORES);
        Dataset<Row> truthRows = spark.read().option("header", "true").option("inferSchema", "true")
                .csv(new File(sample, "ground_truth_propensity.csv").getPath())
                .withColumnRenamed("category", "product_category");
        // Realised labels: bought in the category after the end of the cut-off date, up to the end of the run date.
        Dataset<Row> bought = warehouse.read(Layer.SILVER, "order_lines")
                .join(warehouse.read(Layer.SILVER, "orders"), "order_id")
                .join(warehouse.read(Layer.SILVER, "products"), "product_id")
                .where(col("order_ts").geq(lit(java.sql.Timestamp.from(cutoff.plusDays(1).atStartOfDay(java.time.ZoneOffset.UTC).toInstant())))
                        .and(col("order_ts").lt(lit(java.sql.Timestamp.from(runDate.plusDays(1).atStartOfDay(java.time.ZoneOffset.UTC).toInstant())))))
                .select(col("customer_id"), col("category").as("product_category"), lit(1.0).as("bought")).distinct();
        Dataset<Row> joined = scores.join(truthRows, scala.jdk.javaapi.CollectionConverters.asScala(
                        List.of("customer_id", "product_category")).toSeq())
                .join(bought, scala.jdk.javaapi.CollectionConverters.asScala(
                        List.of("customer_id", "product_category")).toSeq(), "left")
                .withColumn("label", when(col("bought").isNotNull(), 1.0).otherwise(0.0)).persist();

        StringBuilder md = new StringBuilder();
        md.append(String.format(Locale.ROOT, "Run date %s (ground-truth cut-off), labels %s..%s, grid %s, job wall time %.0f s%n%n",
                cutoff, cutoff.plusDays(1), runDate, search.grid().name().toLowerCase(Locale.ROOT), seconds));
        md.append("| category | customers | buyers | AUC model | AUC posterior (Bayes ceiling) | AUC oracle"
                + " (latent state) | gap to ceiling | gap to oracle |\n");
        md.append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
        for (String category : planted) {
            Dataset<Row> rows = joined.where(col("product_category").equalTo(category));
            long n = rows.count();
            long buyers = rows.where(col("label").equalTo(1.0)).count();
            double model = auc(rows, "propensity");
            double ceiling = auc(rows, "posterior_probability");
            double oracle = auc(rows, "true_probability");
            md.append(String.format(Locale.ROOT, "| %s | %d | %d | %.4f | %.4f | %.4f | %.4f | %.4f |%n", category, n,
                    buyers, model, ceiling, oracle, ceiling - model, oracle - model));
        }
        System.out.println(md);
        spark.stop();
    }

    private static double auc(Dataset<Row> rows, String score) {
        return new BinaryClassificationEvaluator().setLabelCol("label").setRawPredictionCol(score)
                .setMetricName("areaUnderROC").evaluate(rows.withColumn(score, col(score).cast("double")));
    }
}
