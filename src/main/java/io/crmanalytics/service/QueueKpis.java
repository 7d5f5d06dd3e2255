package io.crmanalytics.service;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.percentile_approx;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.unix_seconds;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/**
 * {@code gold.queue_kpis}: one row per queue, so that a dedicated VIP desk can be judged against a shared queue
 * with priority: how much faster VIPs are answered, and what it costs in idle desk time.
 * <ul>
 *   <li>wait, service level and abandon rate as in channel_kpis, over the queue's live (phone, chat) contacts;</li>
 *   <li>desk idle share: a desk is an agent on a day, belonging to the queue it answered most that day; its shift
 *       span runs from its first contact's start to its last contact's end, its busy time is the sum of handle
 *       times; idle share = 1 - busy / span over the queue's desks. The span misses time before the first and
 *       after the last contact, so this is a lower bound of the true idle share.</li>
 * </ul>
 */
public final class QueueKpis {
    private QueueKpis() {
    }

    public static Dataset<Row> build(Dataset<Row> contacts, Dataset<Row> customers, ServiceOptions options) {
        Dataset<Row> withQueue = contacts.withColumn("queue_name", coalesce(col("queue"), lit("unassigned")));
        Column queued = col("queued");
        Column answeredLive = col("queued").and(col("answered"));
        Column inTime = answeredLive.and(col("wait_seconds").leq(options.serviceLevelSeconds()));
        // Only the VIP share needs the customer, so the customers are joined here and not to withQueue: the desks
        // below use the contacts alone, and a join there would read and join every customer a second time.
        Dataset<Row> service = withQueue.join(customers.select(col("customer_id"), col("vip").as("vip_customer")),
                        new String[] {"customer_id"}, "left")
                .groupBy("queue_name").agg(
                count(lit(1)).as("contacts"),
                count(when(col("answered"), 1)).as("answered"),
                count(when(col("abandoned"), 1)).as("abandoned"),
                avg(when(answeredLive, col("wait_seconds"))).as("average_wait_seconds"),
                percentile_approx(when(answeredLive, col("wait_seconds")), lit(0.9), lit(10000))
                        .as("p90_wait_seconds"),
                count(when(queued, 1)).as("queued"),
                count(when(inTime, 1)).as("answered_in_time"),
                avg(when(coalesce(col("vip_customer"), lit(false)), 1.0).otherwise(0.0)).as("vip_customer_share"));

        Dataset<Row> desks = withQueue.where(col("answered"))
                .groupBy("agent_id", "day", "queue_name").agg(count(lit(1)).as("n"),
                        min("started_ts").as("first_start"), max("end_ts").as("last_end"),
                        sum(coalesce(col("handle_seconds"), lit(0))).as("busy"))
                .withColumn("span_start", min("first_start").over(Window.partitionBy("agent_id", "day")))
                .withColumn("span_end", max("last_end").over(Window.partitionBy("agent_id", "day")))
                .withColumn("day_busy", sum("busy").over(Window.partitionBy("agent_id", "day")))
                .withColumn("pick", row_number().over(Window.partitionBy("agent_id", "day")
                        .orderBy(col("n").desc(), col("queue_name"))))
                .where(col("pick").equalTo(1))
                .groupBy("queue_name").agg(count(lit(1)).as("desk_days"),
                        sum("day_busy").as("desk_busy_seconds"),
                        sum(unix_seconds(col("span_end")).minus(unix_seconds(col("span_start"))))
                                .as("desk_span_seconds"));

        return service.join(desks, new String[] {"queue_name"}, "left").select(
                col("queue_name").as("queue"),
                lower(col("queue_name")).contains("vip").as("vip_queue"),
                col("contacts"), col("answered"), col("abandoned"),
                col("average_wait_seconds"), col("p90_wait_seconds"),
                when(col("queued").gt(0), col("answered_in_time").divide(col("queued"))).as("service_level"),
                when(col("queued").gt(0), col("abandoned").divide(col("queued"))).as("abandon_rate"),
                col("vip_customer_share"),
                coalesce(col("desk_days"), lit(0L)).as("desk_days"),
                col("desk_busy_seconds"), col("desk_span_seconds"),
                // Wrap-up may run past the last contact's end, so busy can exceed the span: idle is then 0, not negative.
                when(col("desk_span_seconds").gt(0), greatest(lit(0.0), lit(1.0).minus(col("desk_busy_seconds")
                        .divide(col("desk_span_seconds"))))).as("desk_idle_share"));
    }
}
