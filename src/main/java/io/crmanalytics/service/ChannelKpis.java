package io.crmanalytics.service;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * {@code gold.channel_kpis}: one row per channel and day (the day a contact started, in the run's time zone).
 * <ul>
 *   <li>service_level: answered within the threshold / queued contacts (live channels, phone and chat, answered or
 *       abandoned); null for the other channels;</li>
 *   <li>abandon_rate: abandoned / queued; average_handle_seconds over answered contacts;</li>
 *   <li>first_contact_resolution_rate over the contacts that were not abandoned;</li>
 *   <li>self_service_share, on the {@code ivr} row: IVR calls that day that ended self-served / IVR calls (from
 *       the IVR event trail, which holds the calls that never became an interaction too).</li>
 * </ul>
 */
public final class ChannelKpis {
    private ChannelKpis() {
    }

    public static Dataset<Row> build(Dataset<Row> contacts, Dataset<Row> ivrEvents, ServiceOptions options) {
        Column queued = col("queued");
        Column inTime = col("queued").and(col("answered"))
                .and(col("wait_seconds").leq(options.serviceLevelSeconds()));
        Dataset<Row> byChannel = contacts.groupBy("channel", "day").agg(
                count(lit(1)).as("volume"),
                sum(when(col("answered"), 1L).otherwise(0L)).as("answered"),
                sum(when(col("abandoned"), 1L).otherwise(0L)).as("abandoned"),
                sum(when(queued, 1L).otherwise(0L)).as("queued"),
                sum(when(inTime, 1L).otherwise(0L)).as("answered_in_time"),
                avg(when(col("answered"), col("handle_seconds"))).as("average_handle_seconds"),
                avg(when(col("abandoned"), lit(null)).when(col("first_contact_resolved"), 1.0).otherwise(0.0))
                        .as("first_contact_resolution_rate"));

        Dataset<Row> ivrDays = ivrEvents.groupBy("call_id").agg(
                        to_date(min("event_ts")).as("day"),
                        max(when(col("event").equalTo("self_served"), 1L).otherwise(0L)).as("self_served"))
                .groupBy("day").agg(count(lit(1)).as("ivr_calls"), sum("self_served").as("ivr_self_served"))
                .withColumn("channel", lit("ivr"));

        Dataset<Row> joined = byChannel.join(ivrDays, new String[] {"channel", "day"}, "full_outer");
        return joined.select(
                col("channel"), col("day"),
                zeroIfNull("volume"), zeroIfNull("answered"), zeroIfNull("abandoned"),
                when(col("queued").gt(0), col("answered_in_time").divide(col("queued"))).as("service_level"),
                when(col("queued").gt(0), col("abandoned").divide(col("queued"))).as("abandon_rate"),
                col("average_handle_seconds"), col("first_contact_resolution_rate"),
                col("ivr_calls"), col("ivr_self_served"),
                when(col("ivr_calls").gt(0), col("ivr_self_served").divide(col("ivr_calls")))
                        .as("self_service_share"),
                lit(options.serviceLevelSeconds()).as("service_level_threshold_seconds"));
    }

    private static Column zeroIfNull(String column) {
        return org.apache.spark.sql.functions.coalesce(col(column), lit(0L)).as(column);
    }
}
