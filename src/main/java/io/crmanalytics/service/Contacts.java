package io.crmanalytics.service;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lag;
import static org.apache.spark.sql.functions.lead;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.unix_seconds;
import static org.apache.spark.sql.functions.when;

import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

/**
 * Inbound contacts with the per-contact facts every KPI is built from, so that the scorecard, the channel KPIs
 * and the queue analysis all count a "resolution" or an "abandon" the same way:
 * <ul>
 *   <li>{@code reason}: the reason code, else the reason the complaint attribution predicted, else "unlabeled";</li>
 *   <li>{@code first_contact_resolved}: resolved, and no contact from the same customer with the same reason within
 *       the repeat window (an unidentified caller cannot be followed, so resolved alone counts);</li>
 *   <li>{@code repeat_contact}: another contact from the same customer, any reason, within the repeat window;</li>
 *   <li>{@code transferred}: the customer's next contact on the same channel starts within the transfer gap after
 *       this one ended and is handled by a different agent (the contract has no transfer field; this is the
 *       footprint a transfer leaves);</li>
 *   <li>{@code answered}: an agent took it; {@code abandoned}: a live (phone, chat) contact no agent took;
 *       {@code queued}: a live contact, answered or abandoned: the base of service level and abandon rates (an
 *       e-mail's "wait" is a response time in hours and an IVR call never queues, so neither belongs there);</li>
 *   <li>{@code complaint}: is_complaint, else attributed to a shipment, else a complaint reason code.</li>
 * </ul>
 */
public final class Contacts {
    /** Reason codes that are complaints by themselves when is_complaint is empty. */
    static final List<String> COMPLAINT_REASONS = List.of("late_delivery", "damaged", "wrong_item", "missing_item");
    /** Channels where a customer waits in a queue for an agent, so an unanswered contact is an abandon. */
    static final List<String> LIVE_CHANNELS = List.of("phone", "chat");

    private Contacts() {
    }

    public static Dataset<Row> build(ServiceInputs in, ServiceOptions options) {
        Dataset<Row> contacts = in.interactions()
                .where(coalesce(col("direction"), lit("inbound")).equalTo("inbound"));
        boolean attributed = in.attribution().isPresent();
        if (attributed) {
            contacts = contacts.join(in.attribution().get(), "interaction_id", "left");
        } else {
            contacts = contacts.withColumn("predicted_reason", lit(null).cast("string"))
                    .withColumn("attributed_shipment_id", lit(null).cast("string"))
                    .withColumn("attributed_order_id", lit(null).cast("string"))
                    .withColumn("attribution_basis", lit(null).cast("string"));
        }
        contacts = contacts
                .withColumn("reason", coalesce(col("reason_code"), col("predicted_reason"), lit("unlabeled")))
                .withColumn("reason_source", when(col("reason_code").isNotNull(), "labeled")
                        .when(col("predicted_reason").isNotNull(), "predicted").otherwise("unlabeled"))
                .withColumn("complaint", coalesce(col("is_complaint"),
                        when(col("attributed_shipment_id").isNotNull(), lit(true)),
                        col("reason_code").isin(COMPLAINT_REASONS.toArray()),
                        when(col("predicted_reason").isNotNull(), lit(true)),
                        lit(false)))
                .withColumn("answered", col("agent_id").isNotNull())
                .withColumn("abandoned", col("channel").isin(LIVE_CHANNELS.toArray())
                        .and(col("agent_id").isNull()).and(coalesce(col("handle_seconds"), lit(0)).equalTo(0)))
                .withColumn("queued", col("channel").isin(LIVE_CHANNELS.toArray())
                        .and(col("answered").or(col("abandoned"))))
                .withColumn("day", to_date(col("started_ts")))
                .withColumn("month", date_format(col("started_ts"), "yyyy-MM"))
                .withColumn("end_ts", coalesce(col("ended_ts"),
                        expr("started_ts + make_interval(0, 0, 0, 0, 0, 0, coalesce(handle_seconds, 0))")));

        long window = options.repeatWindowDays() * 86_400L;
        WindowSpec byCustomer = Window.partitionBy("customer_id").orderBy("started_ts", "interaction_id");
        WindowSpec byCustomerReason = Window.partitionBy("customer_id", "reason")
                .orderBy("started_ts", "interaction_id");
        WindowSpec byCustomerChannel = Window.partitionBy("customer_id", "channel")
                .orderBy("started_ts", "interaction_id");
        Column known = col("customer_id").isNotNull();
        Column sameReasonAgain = known.and(coalesce(
                secondsBetween(col("started_ts"), lead("started_ts", 1).over(byCustomerReason)).leq(window),
                lit(false)));
        Column anyAgain = known.and(coalesce(
                secondsBetween(col("started_ts"), lead("started_ts", 1).over(byCustomer)).leq(window), lit(false)));
        Column nextOnChannelAgent = lead("agent_id", 1).over(byCustomerChannel);
        Column transferred = known.and(col("agent_id").isNotNull()).and(coalesce(
                secondsBetween(col("end_ts"), lead("started_ts", 1).over(byCustomerChannel))
                        .between(0, options.transferGapSeconds())
                        .and(nextOnChannelAgent.isNotNull()).and(nextOnChannelAgent.notEqual(col("agent_id"))),
                lit(false)));
        Column repeatOfEarlier = known.and(coalesce(
                secondsBetween(lag("started_ts", 1).over(byCustomer), col("started_ts")).leq(window), lit(false)));
        return contacts
                .withColumn("same_reason_again", sameReasonAgain)
                .withColumn("first_contact_resolved", coalesce(col("resolved"), lit(false))
                        .and(not(col("same_reason_again"))))
                .withColumn("repeat_contact", anyAgain)
                .withColumn("follows_recent_contact", repeatOfEarlier)
                .withColumn("transferred", transferred);
    }

    private static Column secondsBetween(Column from, Column to) {
        return unix_seconds(to).minus(unix_seconds(from));
    }
}
