package io.crmanalytics.propensity;

import io.crmanalytics.bench.PropensityBenchmark;
import io.crmanalytics.core.Progress;
import io.crmanalytics.job.JobContext;
import io.crmanalytics.job.JobResult;
import io.crmanalytics.warehouse.SparkSessions;
import io.crmanalytics.warehouse.Warehouse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.apache.spark.sql.SparkSession;

/**
 * What the training cap costs: out-of-time AUC against training rows. Generates N customers (as
 * {@link PropensityBenchmark}), builds the job's features and its <em>uncapped</em> training sample with the job's
 * own code ({@link PropensityJob#prepare}), then for each size fits the job's model search on a seeded random
 * subset of that many customer-windows and evaluates on the whole validation window (the job's out-of-time rows).
 * Appends one markdown row per category and size to the results file.
 *
 * <p>Usage: {@code LearningCurveBenchmark CUSTOMERS WAREHOUSE_DIR RESULTS_FILE};
 * {@code -Dbench.sizes=25000,50000,...} (sizes above the available rows are skipped; default 25k, 50k, 100k,
 * 250k, 1M), {@code -Dbench.categories=category_0,...} (default category_0 and category_5),
 * {@code -Dbench.note=TEXT}.
 */
public final class LearningCurveBenchmark {
    public static void main(String[] args) throws IOException {
        SparkSessions.quietLogging();
        long customers = Long.parseLong(args[0]);
        Path results = Path.of(args[2]);
        SparkSession spark = SparkSessions.create(System.getProperty("bench.master", "local[2]"), ZoneId.of("UTC"));
        spark.sparkContext().setLogLevel("ERROR");
        Warehouse warehouse = new Warehouse(spark, args[1]);
        PropensityBenchmark.generate(warehouse, customers);
        List<String> categories = List.of(System.getProperty("bench.categories", "category_0,category_5").split(","));
        // Every category's features are built, as in the job; models are fitted for the chosen categories only.
        PropensityOptions options = PropensityOptions.builder().maxTrainingRows(0).build();
        JobContext ctx = new JobContext(spark, warehouse, PropensityBenchmark.RUN, ZoneId.of("UTC"),
                Progress.toStderr());
        PropensityJob.Prepared prepared = new PropensityJob(options).prepare(ctx, new JobResult("learning-curve"));
        List<EncodedRows.Encoded> pool = new ArrayList<>(prepared.training());
        Collections.shuffle(pool, new Random(options.search().seed()));
        long[] sizes = Arrays.stream(System.getProperty("bench.sizes", "25000,50000,100000,250000,1000000")
                .split(",")).mapToLong(Long::parseLong).toArray();
        String note = System.getProperty("bench.note", "local[2], 2-core machine");
        for (String key : prepared.categories().keySet()) {
            if (!categories.contains(prepared.categories().get(key))) {
                continue;
            }
            ModelSearch.Rows validation = EncodedRows.labelled(prepared.validation(), key);
            for (long size : sizes) {
                if (size > pool.size()) {
                    continue;
                }
                ModelSearch.Rows train = EncodedRows.labelled(pool.subList(0, (int) size), key);
                long start = System.nanoTime();
                ModelBuilder.Outcome outcome = ModelBuilder.build(train, validation, prepared.spec(),
                        options.search(), options.minPositives(), new LinkedHashMap<>(), ctx.progress());
                double seconds = (System.nanoTime() - start) / 1e9;
                String line = String.format(Locale.ROOT,
                        "| %,d | %s | %,d of %,d | %,d | %,d | %.4f | %.4f | %s | %.4f | %s | %.1f | %s |%n",
                        customers, prepared.categories().get(key), train.size(), pool.size(), train.positives(),
                        validation.size(), outcome.validationAuc().get(Classifier.LOGISTIC),
                        outcome.validationAuc().get(Classifier.TREES), outcome.chosen(), outcome.ranking().auc(),
                        treesParams(outcome), seconds, note);
                System.out.print(line);
                Files.writeString(results, line, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            }
        }
        spark.stop();
    }

    /** The trees' size from the search's report of the trees candidate. */
    private static String treesParams(ModelBuilder.Outcome outcome) {
        return outcome.candidates().stream().filter(c -> c.family().equals(Classifier.TREES))
                .map(ModelSearch.Candidate::params).findFirst().orElse("");
    }
}
