package io.crmanalytics.propensity;

import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.desc;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.ntile;

import io.crmanalytics.contract.DataContract;
import io.crmanalytics.contract.GoldContract;
import io.crmanalytics.core.Progress;
import io.crmanalytics.core.UserException;
import io.crmanalytics.job.Job;
import io.crmanalytics.job.JobContext;
import io.crmanalytics.job.JobResult;
import io.crmanalytics.job.JobTables;
import io.crmanalytics.warehouse.Layer;
import io.crmanalytics.warehouse.Tables;
import io.crmanalytics.warehouse.Warehouse;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;

/**
 * {@code crm propensity}: per product category, who is likely to buy in the next outcome window, and the
 * next-best offer per customer.
 *
 * <p>Cut-offs (each the end of its date), H = outcome window: the <em>training</em> cut-offs R-2H, R-3H, ...
 * ({@code trainingWindows} of them; features up to each, labels in the H days after it), whose rows are pooled
 * and where cross-validation picks hyper-parameters; the <em>validation</em> cut-off R-H (labels in the H days up
 * to the end of R) where the better family is chosen, calibrated and evaluated out of time; that same model (the
 * one whose calibration and metrics were measured) scores every customer with features up to the end of the run
 * date R. Pooling windows multiplies the rows the models learn from without using any label that is not known at
 * the run date; it replaces the earlier refit on the validation rows, which left the saved model's calibration
 * unmeasured.
 */
public final class PropensityJob implements Job {
    public static final String SCORES = "propensity_scores";
    public static final String OFFERS = "next_best_offer";
    public static final String EVALUATION = "propensity_evaluation";
    public static final String RELIABILITY = "propensity_reliability";
    static final String CUSTOMER_VALUE = "customer_value";
    /** Row list of the result: per category, the chosen model and its validation figures, or why it was skipped. */
    public static final String CATEGORIES = "categories";
    /** The keys of the categories a customer bought in a label window (an array column). */
    static final String BOUGHT = "bought_categories";

    private final PropensityOptions options;

    public PropensityJob(PropensityOptions options) {
        this.options = options;
    }

    @Override
    public String name() {
        return "propensity";
    }

    @Override
    public List<Warehouse.TableRef> inputs() {
        return JobTables.concat(JobTables.silver(DataContract.ORDERS, DataContract.ORDER_LINES, DataContract.PRODUCTS,
                DataContract.CUSTOMERS, DataContract.INTERACTIONS, DataContract.SURVEYS,
                DataContract.CUSTOMER_ATTRIBUTES), JobTables.gold(GoldContract.CUSTOMER_VALUE));
    }

    @Override
    public List<Warehouse.TableRef> outputs() {
        return JobTables.gold(GoldContract.PROPENSITY_SCORES, GoldContract.NEXT_BEST_OFFER,
                GoldContract.PROPENSITY_EVALUATION, GoldContract.PROPENSITY_RELIABILITY);
    }

    /**
     * What the models are fitted, chosen and applied on: the driver's encoded training sample and validation rows
     * with every category's purchases, and the scoring rows left on the executors.
     *
     * @param lines          purchase lines (persisted; the caller unpersists)
     * @param scoringRows    feature rows at the run date (checkpointed; the caller unpersists)
     * @param featureSeconds time spent on the feature tables of all cut-offs
     */
    record Prepared(LocalDate trainingCutoff, LocalDate validationCutoff, LocalDate oldestCutoff,
                    List<LocalDate> trainingCutoffs, Map<String, String> categories, FeatureSpec spec,
                    TrainingSample sample, List<EncodedRows.Encoded> training, List<EncodedRows.Encoded> validation,
                    Dataset<Row> lines, Dataset<Row> scoringRows, double featureSeconds) {
    }

    @Override
    public JobResult run(JobContext ctx) {
        Progress progress = ctx.progress();
        LocalDate runDate = ctx.runDate();
        JobResult result = new JobResult(name());
        Prepared prepared = prepare(ctx, result);
        Map<String, String> categories = prepared.categories();
        LocalDate trainingCutoff = prepared.trainingCutoff();
        LocalDate validationCutoff = prepared.validationCutoff();
        List<EncodedRows.Encoded> training = prepared.training();
        List<EncodedRows.Encoded> validation = prepared.validation();
        Dataset<Row> lines = prepared.lines();
        Dataset<Row> scoringRows = prepared.scoringRows();
        FeatureSpec spec = prepared.spec();
        TrainingSample sample = prepared.sample();

        Progress.Stage trainingStage = progress.start("train all categories");
        List<Row> evaluationRows = new ArrayList<>();
        List<Row> reliabilityRows = new ArrayList<>();
        Map<String, PropensityModel> models = new LinkedHashMap<>();
        String modelRoot = ctx.warehouse().folder("models") + "/propensity/" + runDate;
        for (Map.Entry<String, String> category : categories.entrySet()) {
            String key = category.getKey();
            String display = category.getValue();
            Progress.Stage fit = progress.start("category " + display);
            ModelBuilder.Outcome outcome;
            try {
                Map<String, Object> info = new LinkedHashMap<>();
                info.put("product_category", display);
                info.put("training_cutoff", trainingCutoff.toString());
                info.put("training_cutoffs", prepared.trainingCutoffs().stream().map(LocalDate::toString).toList());
                info.put("validation_cutoff", validationCutoff.toString());
                info.put("training_sample_fraction", sample.fraction());
                outcome = ModelBuilder.build(EncodedRows.labelled(training, key), EncodedRows.labelled(validation, key),
                        spec, options.search(), options.minPositives(), info, progress);
            } catch (ModelBuilder.TooFewRows e) {
                result.row(CATEGORIES, "product_category", display, "skipped_because", e.getMessage());
                progress.info("  skipped %s: %s", display, e.getMessage());
                continue;
            }
            outcome.model().save(ctx.spark().sparkContext().hadoopConfiguration(), modelRoot + "/" + key);
            models.put(display, outcome.model());
            evaluationRows.add(evaluationRow(display, outcome, trainingCutoff, validationCutoff));
            for (Evaluation.Decile d : outcome.reliability().deciles()) {
                reliabilityRows.add(org.apache.spark.sql.RowFactory.create(display, d.decile(), d.rows(),
                        d.meanPredicted(), d.observedRate()));
            }
            result.row(CATEGORIES, "product_category", display, "model", outcome.chosen(),
                    "auc", outcome.ranking().auc(),
                    "auc_logistic_regression", outcome.validationAuc().get(Classifier.LOGISTIC),
                    "auc_gradient_boosted_trees", outcome.validationAuc().get(Classifier.TREES),
                    "top_decile_lift", outcome.ranking().topDecileLift(),
                    "calibration_error", outcome.reliability().calibrationError());
            fit.done(outcome.trainingRows(), outcome.ranking().rows());
        }
        if (models.isEmpty()) {
            throw new UserException("no category has enough buyers to learn from (need " + options.minPositives()
                    + " buyers in the windows starting " + prepared.oldestCutoff() + " to " + trainingCutoff + " and in the one"
                    + " starting " + validationCutoff
                    + "); silver.orders must reach back " + 2 * options.outcomeDays() + " days before the run date " + runDate);
        }
        Dataset<Row> allScores = EncodedRows.score(scoringRows, List.of("customer_id"), models, true, progress);

        double trainingSeconds = trainingStage.seconds();
        Progress.Stage write = progress.start("score and write");
        Dataset<Row> scores = allScores.withColumn("decile", ntile(10).over(
                Window.partitionBy("product_category").orderBy(desc(Evaluation.RAW)))).persist();
        result.table("gold." + SCORES, ctx.writeGold(SCORES, scores.select("customer_id",
                "product_category", "propensity", "decile", "model")));
        java.sql.Timestamp runEnd = ctx.endOf(runDate);
        java.sql.Timestamp excludeFrom = ctx.endOf(runDate.minusDays(options.excludeRecentDays()));
        // The reason's text for the offers alone: one row per customer, not per customer and category.
        result.table("gold." + OFFERS, ctx.writeGold(OFFERS, EncodedRows.withReasons(
                NextBestOffer.compute(scores, lines, runEnd, excludeFrom), EncodedRows.CATEGORY, models)));
        result.table("gold." + EVALUATION, ctx.writeGold(EVALUATION,
                ctx.spark().createDataFrame(evaluationRows, evaluationSchema())));
        result.table("gold." + RELIABILITY, ctx.writeGold(RELIABILITY,
                ctx.spark().createDataFrame(reliabilityRows, reliabilitySchema())));
        scores.unpersist();
        scoringRows.unpersist();
        lines.unpersist();
        write.done();
        result.figure("categories_modelled", evaluationRows.size());
        result.figure("feature_seconds", prepared.featureSeconds());
        result.figure("training_seconds", trainingSeconds);
        result.figure("scoring_seconds", write.seconds());
        result.figure("models_saved_under", modelRoot);
        return result;
    }

    /**
     * Features at every cut-off, the (capped) training sample and the validation rows, encoded on the driver.
     * Package-private for the learning-curve benchmark, which fits models on subsets of an uncapped sample.
     */
    Prepared prepare(JobContext ctx, JobResult result) {
        Progress progress = ctx.progress();
        LocalDate runDate = ctx.runDate();
        int h = options.outcomeDays();
        LocalDate validationCutoff = runDate.minusDays(h);
        List<LocalDate> trainingCutoffs = new ArrayList<>();
        for (int k = 0; k < options.trainingWindows(); k++) {
            trainingCutoffs.add(runDate.minusDays((2L + k) * h));
        }
        LocalDate trainingCutoff = trainingCutoffs.get(0);
        LocalDate oldestCutoff = trainingCutoffs.get(trainingCutoffs.size() - 1);

        Progress.Stage stage = progress.start("features at " + (trainingCutoffs.size() + 2) + " cut-offs");
        Dataset<Row> lines = Purchases.lines(ctx).persist();
        Map<String, String> categories = categories(ctx);
        CustomerFeatures builder = new CustomerFeatures(ctx, h, new ArrayList<>(categories.keySet()), lines);
        List<LocalDate> allCutoffs = new ArrayList<>(trainingCutoffs);
        allCutoffs.addAll(List.of(validationCutoff, runDate));
        Map<LocalDate, Dataset<Row>> clv = clvSnapshots(ctx, allCutoffs);
        // Every cut-off's features in one pass and one stored table; each window below is a filter of it.
        CustomerFeatures.Table features = builder.at(allCutoffs, clv);
        Dataset<Row> allRows = materialize(features.rows());
        Map<LocalDate, Long> rowsAt = new LinkedHashMap<>();
        for (Row r : allRows.groupBy(CustomerFeatures.CUTOFF).count().collectAsList()) {
            rowsAt.put(r.getDate(0).toLocalDate(), r.getLong(1));
        }
        stage.done(rowsAt.getOrDefault(runDate, 0L));
        double featureSeconds = stage.seconds();
        List<Dataset<Row>> trainingWindows = new ArrayList<>();
        List<Long> trainingCounts = new ArrayList<>();
        for (LocalDate cutoff : trainingCutoffs) {
            trainingWindows.add(window(allRows, cutoff));
            trainingCounts.add(rowsAt.getOrDefault(cutoff, 0L));
        }
        TrainingSample sample = TrainingSample.of(trainingWindows, trainingCounts, options.maxTrainingRows(),
                options.search().seed());
        if (sample.sampled()) {
            progress.info("  training on a %.1f%% random sample of %,d customer-windows (--max-training-rows %,d)",
                    100 * sample.fraction(), sample.available(), options.maxTrainingRows());
        }
        Dataset<Row> pooledSample = sample.windows().stream().reduce((x, y) -> x.unionByName(y, true)).orElseThrow();
        FeatureSpec spec = FeatureSpec.learn(pooledSample, features.numeric(), features.strings());
        result.figure("training_rows_available", sample.available());
        result.figure("training_sample_fraction", sample.fraction());
        result.figure("clv_features_used", !clv.isEmpty());
        result.figure("features", spec.width());
        result.figure("training_windows", trainingCutoffs.size());

        // The driver holds the capped sample once, encoded, with the categories each row bought: every category's
        // labels come from it without another pass over Spark.
        Progress.Stage collect = progress.start("collect the training sample and validation rows");
        List<LocalDate> labelled = new ArrayList<>(trainingCutoffs);
        labelled.add(validationCutoff);
        Dataset<Row> labels = boughtAfter(ctx, lines, labelled, h).persist();
        List<EncodedRows.Encoded> training = EncodedRows.collect(withBoughtAfter(pooledSample, labels), spec,
                "customer_id", BOUGHT);
        Dataset<Row> validationSample = window(allRows, validationCutoff);
        long validationAvailable = rowsAt.getOrDefault(validationCutoff, 0L);
        if (options.maxTrainingRows() > 0 && validationAvailable > options.maxTrainingRows()) {
            validationSample = validationSample.sample(false,
                    (double) options.maxTrainingRows() / validationAvailable, options.search().seed() + 1000);
            progress.info("  validating on a %.1f%% random sample of %,d customers", 100.0 * options.maxTrainingRows()
                    / validationAvailable, validationAvailable);
        }
        List<EncodedRows.Encoded> validation = EncodedRows.collect(withBoughtAfter(validationSample, labels),
                spec, "customer_id", BOUGHT);
        collect.done(training.size() + validation.size());
        sample.release();
        labels.unpersist();
        Dataset<Row> scoringRows = window(allRows, runDate).drop(CustomerFeatures.CUTOFF);

        return new Prepared(trainingCutoff, validationCutoff, oldestCutoff, List.copyOf(trainingCutoffs), categories,
                spec, sample, training, validation, lines, scoringRows, featureSeconds);
    }

    /**
     * Computes a feature table once and replaces its plan by a scan of the stored rows. Why not {@code persist}:
     * a feature table's plan joins a dozen aggregates of six tables, and with persist every later step (labels,
     * CV folds, each model's passes, scoring) re-analyses that whole plan before the cache is substituted; on 2
     * cores that planning, not the arithmetic, took most of the job. The stored rows live on the executors
     * (a local checkpoint): losing an executor fails the run instead of recomputing them, acceptable for a batch
     * job that is rerun as a whole.
     */
    private static Dataset<Row> materialize(Dataset<Row> rows) {
        return rows.localCheckpoint();
    }

    /** One cut-off's rows of the table of every cut-off's features (the cut-off column kept for the labels). */
    private static Dataset<Row> window(Dataset<Row> allRows, LocalDate cutoff) {
        return allRows.where(col(CustomerFeatures.CUTOFF).equalTo(lit(java.sql.Date.valueOf(cutoff))));
    }

    /** Category key (column-name safe) to category name, from silver.products, optionally restricted. */
    private Map<String, String> categories(JobContext ctx) {
        Map<String, String> out = new java.util.TreeMap<>();
        for (Row r : ctx.warehouse().read(Layer.SILVER, "products").select("category").distinct().collectAsList()) {
            String name = r.getString(0);
            if (!options.categories().isEmpty() && !options.categories().contains(name)) {
                continue;
            }
            String previous = out.put(Purchases.key(name), name);
            if (previous != null && !previous.equals(name)) {
                throw new UserException("categories '" + previous + "' and '" + name
                        + "' differ only in case or punctuation; rename one in products");
            }
        }
        if (out.isEmpty()) {
            throw new UserException(options.categories().isEmpty() ? "silver.products has no categories"
                    : "none of --categories " + options.categories() + " is a category of silver.products");
        }
        return out;
    }

    /**
     * For every cut-off, the newest gold.customer_value snapshot taken on or before it (a snapshot from after the
     * cut-off would leak the outcome window into the features). Empty unless the oldest cut-off has one, so every
     * window has CLV figures or none does. The snapshots' run dates are read once, in one small job.
     */
    static Map<LocalDate, Dataset<Row>> clvSnapshots(JobContext ctx, List<LocalDate> cutoffs) {
        Map<LocalDate, Dataset<Row>> out = new LinkedHashMap<>();
        if (!ctx.goldExists(CUSTOMER_VALUE)) {
            return out;
        }
        Dataset<Row> all = ctx.warehouse().read(Layer.GOLD, CUSTOMER_VALUE);
        java.util.TreeSet<LocalDate> taken = new java.util.TreeSet<>();
        for (Row r : all.select(Tables.RUN_DATE).distinct().collectAsList()) {
            if (!r.isNullAt(0)) {
                taken.add(r.getDate(0).toLocalDate());
            }
        }
        if (taken.floor(java.util.Collections.min(cutoffs)) == null) {
            return out;
        }
        for (LocalDate cutoff : cutoffs) {
            java.sql.Date snapshot = java.sql.Date.valueOf(taken.floor(cutoff));
            out.put(cutoff, all.where(col(Tables.RUN_DATE).equalTo(lit(snapshot))).drop(Tables.RUN_DATE));
        }
        return out;
    }

    /**
     * For several label windows at once (each the {@code days} after the end of its cut-off, one pass over the
     * purchases): cut-off, customer_id and {@link #BOUGHT}, for the customers who bought anything in the window.
     */
    static Dataset<Row> boughtAfter(JobContext ctx, Dataset<Row> lines, List<LocalDate> cutoffs, int days) {
        List<org.apache.spark.sql.Column> windows = new ArrayList<>();
        for (LocalDate cutoff : cutoffs) {
            windows.add(org.apache.spark.sql.functions.struct(lit(java.sql.Date.valueOf(cutoff)).as("cutoff"),
                    lit(ctx.endOf(cutoff)).as("from"), lit(ctx.endOf(cutoff.plusDays(days))).as("to")));
        }
        org.apache.spark.sql.Column ts = col("order_ts");
        org.apache.spark.sql.Column inWindow = org.apache.spark.sql.functions.filter(
                org.apache.spark.sql.functions.array(windows.toArray(org.apache.spark.sql.Column[]::new)),
                w -> ts.geq(w.getField("from")).and(ts.lt(w.getField("to"))));
        // A generator over a literal array (no join): each purchase paired with the windows it falls in.
        return lines.withColumn("_window", org.apache.spark.sql.functions.explode(inWindow))
                .groupBy(col("_window.cutoff").as(CustomerFeatures.CUTOFF), col("customer_id"))
                .agg(array_sort(collect_set(col("category_key"))).as(BOUGHT));
    }

    /** Feature rows keyed by cut-off with {@link #BOUGHT} from {@link #boughtAfter}. */
    static Dataset<Row> withBoughtAfter(Dataset<Row> features, Dataset<Row> labels) {
        return features.join(labels, scala.jdk.javaapi.CollectionConverters.asScala(
                List.of("customer_id", CustomerFeatures.CUTOFF)).toList(), "left");
    }

    private static Row evaluationRow(String category, ModelBuilder.Outcome o, LocalDate trainingCutoff,
                                     LocalDate validationCutoff) {
        List<Double> gains = new ArrayList<>();
        for (double g : o.ranking().gains()) {
            gains.add(g);
        }
        Map<String, Double> stopping = o.stoppingAuc();
        return org.apache.spark.sql.RowFactory.create(category, o.chosen(), o.params(), o.ranking().auc(),
                o.ranking().prAuc(), o.ranking().topDecileLift(),
                scala.jdk.javaapi.CollectionConverters.asScala(gains).toSeq(),
                o.reliability().calibrationError(), o.trainingRows(), o.trainingPositives(), o.ranking().rows(),
                o.ranking().positives(), o.validationAuc().get(Classifier.LOGISTIC),
                o.validationAuc().get(Classifier.TREES), stopping.get(Classifier.LOGISTIC),
                stopping.get(Classifier.TREES), java.sql.Date.valueOf(trainingCutoff),
                java.sql.Date.valueOf(validationCutoff));
    }

    static org.apache.spark.sql.types.StructType evaluationSchema() {
        return new org.apache.spark.sql.types.StructType()
                .add("product_category", DataTypes.StringType)
                .add("chosen_model", DataTypes.StringType)
                .add("model_params", DataTypes.StringType)
                .add("auc", DataTypes.DoubleType)
                .add("pr_auc", DataTypes.DoubleType)
                .add("top_decile_lift", DataTypes.DoubleType)
                .add("cumulative_gains", DataTypes.createArrayType(DataTypes.DoubleType, false))
                .add("calibration_error", DataTypes.DoubleType)
                .add("training_rows", DataTypes.LongType)
                .add("training_positives", DataTypes.LongType)
                .add("validation_rows", DataTypes.LongType)
                .add("validation_positives", DataTypes.LongType)
                .add("lr_validation_auc", DataTypes.DoubleType)
                .add("gbt_validation_auc", DataTypes.DoubleType)
                .add("lr_cv_auc", DataTypes.DoubleType)
                .add("gbt_cv_auc", DataTypes.DoubleType)
                .add("training_cutoff", DataTypes.DateType)
                .add("validation_cutoff", DataTypes.DateType);
    }

    static org.apache.spark.sql.types.StructType reliabilitySchema() {
        return new org.apache.spark.sql.types.StructType()
                .add("product_category", DataTypes.StringType)
                .add("decile", DataTypes.IntegerType)
                .add("rows", DataTypes.LongType)
                .add("mean_predicted", DataTypes.DoubleType)
                .add("observed_rate", DataTypes.DoubleType);
    }
}
