package io.crmanalytics.rootcause;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.nullif;
import static org.apache.spark.sql.functions.regexp_extract;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.when;

import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Which interactions are complaints, and about what. In order of trust: the {@code is_complaint} flag; else a
 * complaint reason code; else the notes, read by the {@link NotesClassifier} trained on the interactions that do
 * carry a flag or a reason. The reason of a complaint is its reason code, else the one predicted from its notes,
 * else {@value ComplaintReasons#UNSPECIFIED}.
 */
final class ComplaintDetection {
    static final String BY_FLAG = "is_complaint";
    static final String BY_REASON = "reason_code";
    static final String BY_NOTES = "notes_model";

    /** Complaints (interaction_id, customer_id, order_id, contact_ts, complaint_reason, detected_by). */
    record Result(Dataset<Row> complaints, NotesClassifier classifier, long undecided) {
        List<Row> evaluation() {
            return classifier == null ? List.of() : classifier.evaluation();
        }
    }

    private ComplaintDetection() {
    }

    /** @param maxTrainingRows the notes model's training cap (0: none), see {@link NotesClassifier#train} */
    static Result detect(Dataset<Row> interactions, long maxTrainingRows) {
        Column reason = nullif(lower(trim(col("reason_code"))), lit(""));
        Dataset<Row> base = interactions.select(
                col("interaction_id"), nullif(trim(col("customer_id")), lit("")).as("customer_id"),
                nullif(trim(col("order_id")), lit("")).as("order_id"), col("started_ts").as("contact_ts"),
                col("is_complaint"), reason.as("reason"), nullif(trim(col("notes")), lit("")).as(NotesClassifier.TEXT))
                .withColumn("complaint_label", coalesce(col("is_complaint"),
                        when(col("reason").isNotNull(),
                        col("reason").isin(ComplaintReasons.CODES.toArray()))))
                .withColumn("stated_days_late", statedDaysLate(col(NotesClassifier.TEXT)))
                .withColumn("detected_by", when(col("is_complaint").isNotNull(), lit(BY_FLAG))
                        .when(col("reason").isNotNull(), lit(BY_REASON))
                        .when(col(NotesClassifier.TEXT).isNotNull(), lit(BY_NOTES)))
                .cache();

        Dataset<Row> labeled = base.where(col("complaint_label").isNotNull().and(col(NotesClassifier.TEXT).isNotNull()))
                .select(col(NotesClassifier.TEXT), col("complaint_label"),
                        when(col("complaint_label"), col("reason")).as("reason_label"));
        NotesClassifier classifier = NotesClassifier.train(labeled, maxTrainingRows);

        // Rows the model must read: undecided ones, and complaints whose reason is missing but notes are there.
        Column needsModel = col("detected_by").equalTo(BY_NOTES)
                .or(col("complaint_label").and(col("reason").isNull()).and(col(NotesClassifier.TEXT).isNotNull()));
        Dataset<Row> direct = base.where(col("complaint_label").and(col("reason").isNotNull()
                .or(col(NotesClassifier.TEXT).isNull())))
                .withColumn("complaint_reason", coalesce(col("reason"), lit(ComplaintReasons.UNSPECIFIED)));
        Dataset<Row> modelled;
        long undecided = 0;
        if (classifier != null) {
            modelled = classifier.predict(base.where(needsModel))
                    .where(coalesce(col("complaint_label"), col("predicted_complaint")))
                    .withColumn("complaint_reason", coalesce(col("predicted_reason"),
                            lit(ComplaintReasons.UNSPECIFIED)));
        } else {
            // No model: flagged complaints keep an unspecified reason; notes-only interactions stay undecided.
            modelled = base.where(needsModel.and(col("complaint_label").isNotNull()))
                    .withColumn("complaint_reason", lit(ComplaintReasons.UNSPECIFIED));
            undecided = base.where(col("detected_by").equalTo(BY_NOTES)).count();
        }
        String[] columns = {"interaction_id", "customer_id", "order_id", "contact_ts", "complaint_reason",
                "detected_by", "stated_days_late"};
        Dataset<Row> complaints = direct.selectExpr(columns).unionByName(modelled.selectExpr(columns));
        return new Result(complaints, classifier, undecided);
    }

    /**
     * The day count a note states ("3 days past the promised date", "晚了3天"), or null: it tells the attribution
     * which parcel a late-delivery complaint is about (the one promised that many days before the contact).
     */
    static Column statedDaysLate(Column notes) {
        return nullif(regexp_extract(notes, "(\\d{1,3})\\s*(?:days?\\b|天)", 1), lit("")).cast("int");
    }
}
