package io.crmanalytics.rootcause;

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.to_timestamp;
import static org.apache.spark.sql.functions.unix_timestamp;
import static org.apache.spark.sql.functions.when;

import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

/**
 * Links each complaint to the shipment it is about, judging every candidate by its state at the moment of the
 * contact (delivered by then or not, past its promised date or not), not by what the run date knows.
 * <ul>
 *   <li>Candidates: with an order id, that order's shipments; without, the customer's shipments shipped before
 *       the contact whose state time (delivery when delivered by the contact, else the promised date when past
 *       it, else the shipping time) lies within {@code windowDays} before the contact. Complaints naming no order
 *       whose reason is not about a delivery or an order (account, product question, other) get no window.</li>
 *   <li>Fit to the reason ({@link #fit}): late_delivery prefers a parcel whose promised date matches the day count
 *       the notes state, then one past its promised date and not delivered, then one delivered late; damaged,
 *       wrong_item, missing_item and return need a delivered parcel; billing takes any; an unspecified reason
 *       prefers a problem shipment. Then recency: the latest state time first.</li>
 *   <li>Reported, never silently guessed ({@code attribution_basis}): when no candidate fits the reason, or when
 *       several fit equally and the reason has no moment to choose by (billing, return, unspecified: they may
 *       come weeks after any of the orders), a window complaint stays unattributed. A named order is kept whatever
 *       the fit: the customer said which order.</li>
 * </ul>
 * Every complaint keeps a row: those without a shipment get method {@code unattributed} and the reason why.
 */
final class Attribution {
    static final String BY_ORDER = "order_id";
    static final String BY_WINDOW = "window";
    static final String UNATTRIBUTED = "unattributed";

    /** One candidate, and it fits the reason. */
    static final String ONLY_CANDIDATE = "only_candidate";
    /** Several candidates; exactly one fits the reason best. */
    static final String BEST_FIT = "best_fit";
    /** Several fit equally; the reason has a moment (the delivery, the promised date) complaints follow: the latest. */
    static final String MOST_RECENT_FITTING = "most_recent_fitting";
    /** Several fit equally and the reason has no moment: a guess, so a window complaint stays unattributed. */
    static final String AMBIGUOUS = "ambiguous";
    /** No candidate's state at the contact fits the reason (e.g. late_delivery, but every parcel came on time). */
    static final String NO_FIT = "no_fit";
    static final List<String> BASES = List.of(ONLY_CANDIDATE, BEST_FIT, MOST_RECENT_FITTING, AMBIGUOUS, NO_FIT);

    /** Reasons a complaint follows a moment of: the delivery, or the promised date passing. */
    static final List<String> TIMED_REASONS = List.of("late_delivery", "damaged", "wrong_item", "missing_item");
    /** Reasons that need the parcel delivered by the contact. */
    static final List<String> AFTER_DELIVERY_REASONS = List.of("damaged", "wrong_item", "missing_item", "return");
    /** Reasons a complaint naming no order may be about one of the customer's shipments. */
    static final List<String> WINDOW_REASONS = List.of("late_delivery", "damaged", "wrong_item", "missing_item",
            "billing", "return", ComplaintReasons.UNSPECIFIED);
    private static final int NO_FIT_RANK = 9;

    /**
     * Up to this many complaints, the shipments stream past a broadcast copy of the complaints (about 100 bytes
     * each, so at most ~100 MB per executor) instead of both sides being shuffled: the shipments are typically
     * tens of times more numerous. Above it, Spark's own join choice applies.
     */
    static final long BROADCAST_COMPLAINTS = 1_000_000;

    private Attribution() {
    }

    /**
     * @param complaints {@code interaction_id, customer_id, order_id, contact_ts, complaint_reason, detected_by,
     *                   stated_days_late}
     * @param shipments  the shipment facts ({@link ShipmentFacts})
     */
    static Dataset<Row> attribute(Dataset<Row> complaints, long complaintCount, Dataset<Row> shipments,
                                  int windowDays) {
        Dataset<Row> toMatch = complaintCount <= BROADCAST_COMPLAINTS ? broadcast(complaints) : complaints;
        Dataset<Row> ship = shipments.select(col("shipment_id"), col("order_id").as("s_order_id"),
                col("customer_id").as("s_customer_id"), col("shipped_ts"), col("reference_ts"), col("problem"),
                col("delivered_ts"), col("promised_date"), col("delivery_status"));
        Dataset<Row> byOrder = toMatch.where(col("order_id").isNotNull())
                .join(ship, col("order_id").equalTo(col("s_order_id")))
                .withColumn("method", lit(BY_ORDER));
        Column inWindow = col("shipped_ts").leq(col("contact_ts"))
                .and(stateTs().geq(expr("contact_ts - INTERVAL " + windowDays + " DAYS")));
        Dataset<Row> byWindow = toMatch.where(col("order_id").isNull().and(col("customer_id").isNotNull())
                        .and(col("complaint_reason").isin(WINDOW_REASONS.toArray())))
                .join(ship, col("customer_id").equalTo(col("s_customer_id")).and(inWindow))
                .withColumn("method", lit(BY_WINDOW));

        WindowSpec perComplaint = Window.partitionBy("interaction_id");
        Column beforeContact = coalesce(stateTs().leq(col("contact_ts")), lit(false));
        Column secondsApart = abs(unix_timestamp(col("contact_ts")).minus(unix_timestamp(stateTs())));
        Dataset<Row> picked = byOrder.unionByName(byWindow)
                .withColumn("fit", fit())
                .withColumn("best_fit", min(col("fit")).over(perComplaint))
                .withColumn("fitting", sum(when(col("fit").equalTo(col("best_fit")), 1).otherwise(0))
                        .over(perComplaint))
                .withColumn("candidate_shipments", count(lit(1)).over(perComplaint))
                .withColumn("pick", row_number().over(perComplaint.orderBy(col("fit").asc(), beforeContact.desc(),
                        secondsApart.asc_nulls_last(), col("shipment_id").asc())))
                .where(col("pick").equalTo(1))
                .withColumn("attribution_basis", basis());
        // A window guess the basis does not support is reported, and the complaint stays unattributed.
        Column kept = col("method").equalTo(BY_ORDER)
                .or(col("attribution_basis").isin(ONLY_CANDIDATE, BEST_FIT, MOST_RECENT_FITTING));
        Dataset<Row> candidates = picked.select(col("interaction_id").as("a_interaction_id"),
                when(kept, col("shipment_id")).as("a_shipment_id"),
                when(kept, col("s_order_id")).as("shipment_order_id"),
                when(kept, col("method")).as("a_method"),
                col("attribution_basis"), col("candidate_shipments").cast("int").as("candidate_shipments"),
                col("fitting"),
                when(kept, col("problem").or(overdueAtContact())).as("shipment_problem"),
                when(kept, col("delivery_status")).as("a_delivery_status"),
                when(kept, expr("cast(unix_timestamp(contact_ts) - unix_timestamp(reference_ts) as double)")
                        .divide(86400.0)).as("days_after_delivery"));

        Column why = when(col("a_method").isNotNull(), lit(null).cast("string"))
                .when(col("order_id").isNotNull(), lit("order has no shipment"))
                .when(col("customer_id").isNull(), lit("no order id and unknown customer"))
                .when(col("attribution_basis").equalTo(NO_FIT), expr("concat('no shipment within " + windowDays
                        + " days before the contact fits ', complaint_reason, ' at contact time')"))
                .when(col("attribution_basis").equalTo(AMBIGUOUS), expr("concat(fitting, ' shipments fit"
                        + " equally and a ', complaint_reason, ' complaint does not say which')"))
                .when(not(col("complaint_reason").isin(WINDOW_REASONS.toArray())),
                        expr("concat('reason ', complaint_reason, ' is not about a shipment, and no order is named')"))
                .otherwise(lit("no shipment of the customer within " + windowDays + " days before the contact"));
        return complaints.join(candidates, col("interaction_id").equalTo(col("a_interaction_id")), "left")
                .select(col("interaction_id"), col("customer_id"), col("contact_ts"), col("complaint_reason"),
                        col("detected_by"), col("a_shipment_id").as("shipment_id"),
                        coalesce(col("order_id"), col("shipment_order_id")).as("order_id"),
                        coalesce(col("a_method"), lit(UNATTRIBUTED)).as("method"),
                        why.as("unattributed_reason"), col("attribution_basis"), col("candidate_shipments"),
                        col("shipment_problem"), col("a_delivery_status").as("delivery_status"),
                        col("days_after_delivery"));
    }

    private static Column deliveredAtContact() {
        return col("delivered_ts").isNotNull().and(col("delivered_ts").leq(col("contact_ts")));
    }

    /** Still in transit past its promised date when the customer called (lost parcels included). */
    private static Column overdueAtContact() {
        return not(deliveredAtContact()).and(col("promised_date").isNotNull())
                .and(col("promised_date").lt(to_date(col("contact_ts"))));
    }

    /** The shipment's latest event as the customer saw it at the contact: delivered, overdue, or shipped. */
    private static Column stateTs() {
        return when(deliveredAtContact(), col("delivered_ts"))
                .when(overdueAtContact(), to_timestamp(col("promised_date")))
                .otherwise(col("shipped_ts"));
    }

    /** How well the candidate's state at the contact fits the complaint's reason: 0 best, {@value NO_FIT_RANK} none. */
    private static Column fit() {
        Column reason = col("complaint_reason");
        Column deliveredLate = deliveredAtContact().and(col("delivery_status").equalTo("late"));
        Column late = overdueAtContact().or(deliveredLate);
        // "3 days past the promised date", "晚了3天": the parcel promised that many days before the contact.
        Column matchesNotes = coalesce(expr("promised_date = date_sub(to_date(contact_ts), stated_days_late)"),
                lit(false));
        Column problem = coalesce(col("problem"), lit(false)).or(overdueAtContact());
        return when(reason.equalTo("late_delivery"), when(late.and(matchesNotes), 0)
                        .when(overdueAtContact(), 1).when(deliveredLate, 2).otherwise(NO_FIT_RANK))
                .when(reason.isin(AFTER_DELIVERY_REASONS.toArray()),
                        when(deliveredAtContact(), 0).otherwise(NO_FIT_RANK))
                .when(reason.equalTo(ComplaintReasons.UNSPECIFIED), when(problem, 0).otherwise(1))
                .otherwise(0);
    }

    private static Column basis() {
        return when(col("best_fit").equalTo(NO_FIT_RANK), NO_FIT)
                .when(col("candidate_shipments").equalTo(1), ONLY_CANDIDATE)
                .when(col("fitting").equalTo(1), BEST_FIT)
                .when(col("complaint_reason").isin(TIMED_REASONS.toArray()), MOST_RECENT_FITTING)
                .otherwise(AMBIGUOUS);
    }
}
