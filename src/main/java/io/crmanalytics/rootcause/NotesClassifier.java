package io.crmanalytics.rootcause;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import smile.classification.SparseLogisticRegression;
import smile.data.SparseDataset;
import smile.util.SparseArray;

/**
 * The text model for interactions whose complaint flag and reason are empty: L2-regularised logistic regressions
 * (binary: complaint or not; multinomial: reason) on {@link NoteGrams}, trained in memory with Smile on the labeled
 * interactions of the same data. 20% of them (seeded split) are held out to measure accuracy per reason; the
 * models fitted on the other 80% (a seeded sample of them above the training cap) are the ones applied. The
 * training sample is capped, so it fits the driver by design: the fit is a few seconds of one JVM, where Spark
 * MLlib ran each L-BFGS iteration as a Spark job. Reading the notes stays in Spark: the fitted models are
 * broadcast and applied row by row.
 */
final class NotesClassifier {
    static final String TEXT = "notes_text";
    /** Below this many labeled notes (or with one class only) no model is trained; the notes stay undecided. */
    static final int MIN_LABELED = 20;
    private static final long SEED = 20240601L;
    /**
     * The L2 penalty per training note: Smile penalises the summed log-likelihood, so the penalty grows with the
     * training rows to mean the same at every sample size (the 0.01 of the MLlib model this one replaced, which
     * penalised the mean). On the sample data 0.0001 to 0.01 give the same held-out predictions; 100 spoils them.
     */
    private static final double PENALTY_PER_NOTE = 0.01;
    private static final double TOLERANCE = 1e-5;
    /** The reason model (nine classes, 65,536 slots each) takes 1.2 s for 50 iterations on 1,063 notes. */
    private static final int MAX_ITERATIONS = 100;
    private static final StructType READING = new StructType()
            .add("complaint", DataTypes.BooleanType)
            .add("reason", DataTypes.StringType);

    private final Broadcast<Models> models;
    private final List<Row> evaluation;
    /** Labeled notes in the training split before the cap. */
    private final long trainingRowsAvailable;

    private NotesClassifier(Broadcast<Models> models, List<Row> evaluation, long trainingRowsAvailable) {
        this.models = models;
        this.evaluation = evaluation;
        this.trainingRowsAvailable = trainingRowsAvailable;
    }

    /**
     * What a task needs to read a note: the n-gram weights, the complaint model, and the reason model with its
     * reason codes (or the single labeled reason, or none).
     */
    private record Models(NoteGrams grams, SparseLogisticRegression complaint, SparseLogisticRegression reason,
                          String[] reasons) implements Serializable {
        Row read(String note) {
            SparseArray x = grams.vector(note);
            String why = reason != null ? reasons[reason.predict(x)] : reasons.length == 1 ? reasons[0] : null;
            return RowFactory.create(complaint.predict(x) == 1, why);
        }
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
            // labels in a year, and the sample is held in the driver's memory: sample, seeded.
            train = train.sample(false, (double) maxTrainingRows / available, SEED);
        }
        List<Row> rows = train.collectAsList();
        long positives = rows.stream().filter(r -> r.getBoolean(1)).count();
        if (rows.size() < MIN_LABELED || positives == 0 || positives == rows.size()) {
            return null;
        }
        NoteGrams grams = NoteGrams.fit(rows.stream().map(r -> r.getString(0)).toList());
        SparseArray[] notes = rows.stream().map(r -> grams.vector(r.getString(0))).toArray(SparseArray[]::new);
        SparseLogisticRegression complaint = fit(List.of(notes),
                rows.stream().mapToInt(r -> r.getBoolean(1) ? 1 : 0).toArray());

        List<SparseArray> reasonNotes = new ArrayList<>();
        List<String> reasonLabels = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).getBoolean(1) && !rows.get(i).isNullAt(2)) {
                reasonNotes.add(notes[i]);
                reasonLabels.add(rows.get(i).getString(2));
            }
        }
        String[] reasons = new TreeSet<>(reasonLabels).toArray(String[]::new);
        SparseLogisticRegression reason = reasons.length < 2 ? null : fit(reasonNotes,
                reasonLabels.stream().mapToInt(r -> java.util.Arrays.binarySearch(reasons, r)).toArray());

        JavaSparkContext context = JavaSparkContext.fromSparkContext(labeled.sparkSession().sparkContext());
        Broadcast<Models> models = context.broadcast(new Models(grams, complaint, reason, reasons));
        NotesClassifier untested = new NotesClassifier(models, List.of(), available);
        List<Row> evaluation = untested.evaluate(test, rows.size(), reasonNotes.size());
        return new NotesClassifier(models, evaluation, available);
    }

    /** Binary or multinomial by the number of classes in {@code labels} (0 .. k-1). */
    private static SparseLogisticRegression fit(List<SparseArray> notes, int[] labels) {
        double penalty = PENALTY_PER_NOTE * notes.size();
        return SparseLogisticRegression.fit(SparseDataset.of(notes, NoteGrams.SLOTS), labels, penalty, TOLERANCE,
                MAX_ITERATIONS);
    }

    /**
     * Adds {@code predicted_complaint} (boolean) and {@code predicted_reason} (string, null when no reason was
     * labeled) to rows that have {@value #TEXT}.
     */
    Dataset<Row> predict(Dataset<Row> rows) {
        Broadcast<Models> shared = models;
        UserDefinedFunction read = functions.udf((UDF1<String, Row>) note -> shared.value().read(note), READING);
        String reading = "__notes_reading";
        Dataset<Row> scored = rows.withColumn(reading, read.apply(col(TEXT)));
        List<String> keep = new ArrayList<>(List.of(rows.columns()));
        List<org.apache.spark.sql.Column> out = new ArrayList<>(keep.stream().map(c -> col("`" + c + "`")).toList());
        out.add(col(reading + ".complaint").as("predicted_complaint"));
        out.add(col(reading + ".reason").as("predicted_reason"));
        return scored.select(out.toArray(org.apache.spark.sql.Column[]::new));
    }

    List<Row> evaluation() {
        return evaluation;
    }

    long trainingRowsAvailable() {
        return trainingRowsAvailable;
    }

    /** Accuracy on the held-out rows: complaint/not per class and overall; reason per true reason and overall. */
    private List<Row> evaluate(Dataset<Row> test, long trainRows, long reasonTrainRows) {
        Dataset<Row> predicted = predict(test).cache();
        List<Row> rows = new ArrayList<>();
        Dataset<Row> complaintCorrect = predicted.withColumn("label_name",
                        when(col("complaint_label"), lit("complaint")).otherwise(lit("not_complaint")))
                .withColumn("hit", when(col("predicted_complaint").equalTo(col("complaint_label")), 1).otherwise(0));
        addAccuracy(rows, "complaint", trainRows, complaintCorrect);
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
