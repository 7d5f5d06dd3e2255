package io.crmanalytics.rootcause;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.classification.LogisticRegressionModel;
import org.apache.spark.ml.feature.HashingTF;
import org.apache.spark.ml.feature.IDF;
import org.apache.spark.ml.feature.IndexToString;
import org.apache.spark.ml.feature.NGram;
import org.apache.spark.ml.feature.RegexTokenizer;
import org.apache.spark.ml.feature.SQLTransformer;
import org.apache.spark.ml.feature.StringIndexer;
import org.apache.spark.ml.feature.StringIndexerModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The text model for interactions whose complaint flag and reason are empty: Spark MLlib logistic regressions
 * on TF-IDF of character 1-, 2- and 3-grams. Characters, not words, because Chinese notes have no spaces between
 * words; in English, character n-grams also absorb typos and inflections. Trained on the labeled interactions of
 * the same data; 20% of them (seeded split) are held out to measure accuracy per reason, and the models fitted on
 * the other 80% (a seeded sample of them above the training cap) are the ones applied.
 */
final class NotesClassifier {
    static final String TEXT = "notes_text";
    /** Below this many labeled notes (or with one class only) no model is trained; the notes stay undecided. */
    static final int MIN_LABELED = 20;
    private static final long SEED = 20240601L;
    /** Each L-BFGS iteration is one Spark job; with L2 regularisation the fit has converged well before 30. */
    private static final int MAX_ITERATIONS = 30;

    private final PipelineModel features;
    private final LogisticRegressionModel complaintModel;
    private final ReasonModel reasonModel;     // null when fewer than two reasons are labeled
    private final String onlyReason;           // the single labeled reason, when there is one
    private final List<Row> evaluation;
    /** Labeled notes in the training split before the cap. */
    private final long trainingRowsAvailable;

    private NotesClassifier(PipelineModel features, LogisticRegressionModel complaintModel, ReasonModel reasonModel,
                            String onlyReason, List<Row> evaluation, long trainingRowsAvailable) {
        this.features = features;
        this.complaintModel = complaintModel;
        this.reasonModel = reasonModel;
        this.onlyReason = onlyReason;
        this.evaluation = evaluation;
        this.trainingRowsAvailable = trainingRowsAvailable;
    }

    /** The reason regression and the mapping of its class indexes back to reason codes. */
    private record ReasonModel(LogisticRegressionModel regression, IndexToString names) {
    }

    /** Schema of gold.complaint_classifier_evaluation (without run_date). */
    static final StructType EVALUATION_SCHEMA = new StructType()
            .add("model", DataTypes.StringType)
            .add("label", DataTypes.StringType)
            .add("train_rows", DataTypes.LongType)
            .add("test_rows", DataTypes.LongType)
            .add("correct", DataTypes.LongType)
            .add("accuracy", DataTypes.DoubleType);

    /**
     * Trains on {@code labeled} ({@value #TEXT}, {@code complaint_label} boolean, {@code reason_label} string, null
     * for non-complaints); returns null when there is too little labeled text to learn from.
     */
    static NotesClassifier train(Dataset<Row> labeled, long maxTrainingRows) {
        Dataset<Row>[] split = labeled.randomSplit(new double[] {0.8, 0.2}, SEED);
        Dataset<Row> train = split[0];
        Dataset<Row> test = split[1];
        long available = train.count();
        if (maxTrainingRows > 0 && available > maxTrainingRows) {
            // Character n-grams of short notes are learnt from far fewer examples than a large contact centre
            // labels in a year, while every L-BFGS iteration passes over all of them: sample, seeded.
            train = train.sample(false, (double) maxTrainingRows / available, SEED);
        }
        train = train.withColumn("label", col("complaint_label").cast("double")).cache();
        Row classes = train.agg(count(lit(1)), sum(col("label"))).first();
        long trainRows = classes.getLong(0);
        double positives = classes.isNullAt(1) ? 0 : classes.getDouble(1);
        if (trainRows < MIN_LABELED || positives == 0 || positives == trainRows) {
            train.unpersist();
            return null;
        }
        PipelineModel features = featurePipeline().fit(train);
        Dataset<Row> trainFeatures = features.transform(train).cache();
        LogisticRegressionModel complaintModel = new LogisticRegression()
                .setMaxIter(MAX_ITERATIONS).setRegParam(0.01).setElasticNetParam(0.0)
                .setPredictionCol("complaint_prediction").setRawPredictionCol("complaint_raw")
                .setProbabilityCol("complaint_probability")
                .fit(trainFeatures);

        Dataset<Row> reasonTrain = trainFeatures.where(col("complaint_label").and(col("reason_label").isNotNull()));
        List<String> reasons = reasonTrain.select("reason_label").distinct().as(
                org.apache.spark.sql.Encoders.STRING()).collectAsList();
        ReasonModel reasonModel = null;
        String onlyReason = reasons.size() == 1 ? reasons.get(0) : null;
        if (reasons.size() > 1) {
            StringIndexerModel indexer = new StringIndexer().setInputCol("reason_label").setOutputCol("reason_index")
                    .fit(reasonTrain);
            LogisticRegression reasonRegression = new LogisticRegression()
                    .setMaxIter(MAX_ITERATIONS).setRegParam(0.01).setFamily("multinomial")
                    .setLabelCol("reason_index").setPredictionCol("reason_prediction")
                    .setRawPredictionCol("reason_raw").setProbabilityCol("reason_probability");
            IndexToString back = new IndexToString().setInputCol("reason_prediction")
                    .setOutputCol("predicted_reason").setLabels(indexer.labelsArray()[0]);
            // The indexer is used for training only: rows to predict have no reason label to index.
            LogisticRegressionModel fitted = reasonRegression.fit(indexer.transform(reasonTrain));
            reasonModel = new ReasonModel(fitted, back);
        }
        NotesClassifier model = new NotesClassifier(features, complaintModel, reasonModel, onlyReason, List.of(),
                available);
        List<Row> evaluation = model.evaluate(trainFeatures, test);
        trainFeatures.unpersist();
        train.unpersist();
        return new NotesClassifier(features, complaintModel, reasonModel, onlyReason, evaluation, available);
    }

    private static Pipeline featurePipeline() {
        RegexTokenizer chars = new RegexTokenizer().setInputCol(TEXT).setOutputCol("chars")
                .setPattern("").setGaps(true).setMinTokenLength(1).setToLowercase(true);
        NGram bigrams = new NGram().setN(2).setInputCol("chars").setOutputCol("bigrams");
        NGram trigrams = new NGram().setN(3).setInputCol("chars").setOutputCol("trigrams");
        // One hashed space for all n-grams, not one per size joined by a VectorAssembler: the assembler writes an
        // attribute per output slot into the column's metadata, and those ~70,000 attributes then travelled with
        // every task of every L-BFGS iteration (3.6 MiB task binaries; most of the job's time on small data).
        SQLTransformer grams = new SQLTransformer()
                .setStatement("SELECT *, concat(chars, bigrams, trigrams) AS grams FROM __THIS__");
        HashingTF tf = new HashingTF().setInputCol("grams").setOutputCol("tf").setNumFeatures(1 << 16);
        IDF idf = new IDF().setInputCol("tf").setOutputCol("features").setMinDocFreq(1);
        return new Pipeline().setStages(new PipelineStage[] {chars, bigrams, trigrams, grams, tf, idf});
    }

    /**
     * Adds {@code predicted_complaint} (boolean) and {@code predicted_reason} (string, null when no reason model)
     * to rows that have {@value #TEXT}.
     */
    Dataset<Row> predict(Dataset<Row> rows) {
        Dataset<Row> scored = complaintModel.transform(features.transform(rows))
                .withColumn("predicted_complaint", col("complaint_prediction").equalTo(1.0));
        if (reasonModel != null) {
            scored = reasonModel.names().transform(reasonModel.regression().transform(scored));
        } else {
            scored = scored.withColumn("predicted_reason", lit(onlyReason).cast("string"));
        }
        List<String> keep = new ArrayList<>(List.of(rows.columns()));
        keep.add("predicted_complaint");
        keep.add("predicted_reason");
        return scored.selectExpr(keep.stream().map(c -> "`" + c + "`").toArray(String[]::new));
    }

    List<Row> evaluation() {
        return evaluation;
    }

    long trainingRowsAvailable() {
        return trainingRowsAvailable;
    }

    /** Accuracy on the held-out rows: complaint/not per class and overall; reason per true reason and overall. */
    private List<Row> evaluate(Dataset<Row> trainFeatures, Dataset<Row> test) {
        Dataset<Row> predicted = predict(test).cache();
        List<Row> rows = new ArrayList<>();
        long trainRows = trainFeatures.count();
        Dataset<Row> complaintCorrect = predicted.withColumn("label_name",
                        when(col("complaint_label"), lit("complaint")).otherwise(lit("not_complaint")))
                .withColumn("hit", when(col("predicted_complaint").equalTo(col("complaint_label")), 1).otherwise(0));
        addAccuracy(rows, "complaint", trainRows, complaintCorrect);
        long reasonTrainRows = trainFeatures.where(col("complaint_label").and(col("reason_label").isNotNull())).count();
        Dataset<Row> reasonCorrect = predicted.where(col("complaint_label").and(col("reason_label").isNotNull()))
                .withColumn("label_name", col("reason_label"))
                .withColumn("hit", when(col("predicted_reason").equalTo(col("reason_label")), 1).otherwise(0));
        addAccuracy(rows, "reason", reasonTrainRows, reasonCorrect);
        predicted.unpersist();
        return rows;
    }

    private static void addAccuracy(List<Row> rows, String model, long trainRows, Dataset<Row> scored) {
        long total = 0;
        long hits = 0;
        for (Row r : scored.groupBy("label_name").agg(count(lit(1)), sum(col("hit"))).orderBy("label_name")
                .collectAsList()) {
            long n = r.getLong(1);
            long correct = r.isNullAt(2) ? 0 : r.getLong(2);
            total += n;
            hits += correct;
            rows.add(RowFactory.create(model, r.getString(0), trainRows, n, correct, (double) correct / n));
        }
        if (total > 0) {
            rows.add(RowFactory.create(model, "overall", trainRows, total, hits, (double) hits / total));
        }
    }

    static Dataset<Row> evaluationTable(SparkSession spark, List<Row> rows) {
        return spark.createDataFrame(rows, EVALUATION_SCHEMA);
    }
}
