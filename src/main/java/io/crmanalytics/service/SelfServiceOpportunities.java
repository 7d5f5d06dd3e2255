package io.crmanalytics.service;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.ceil;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

/**
 * {@code gold.self_service_opportunities}: one row per contact reason (the predicted reason for unlabeled contacts
 * when the complaint attribution ran; contacts with no reason at all are left out: nothing to automate).
 * <ul>
 *   <li>candidate: simple and repeatable, i.e. first-contact resolution at least the minimum, average handle time
 *       at most the average over all answered contacts, and at least the minimum number of distinct customers;</li>
 *   <li>opportunity_rank: candidates ranked by the agent hours they cost (sum of handle time), 1 = largest;</li>
 *   <li>the 80/20 check: reasons ranked by volume; in_top_20_percent marks the top ceil(20%) of reasons and
 *       top_20_percent_contact_share is the share of contacts they cover, measured rather than assumed.</li>
 * </ul>
 */
public final class SelfServiceOpportunities {
    private SelfServiceOpportunities() {
    }

    public static Dataset<Row> build(Dataset<Row> contacts, ServiceOptions options) {
        Dataset<Row> withReason = contacts.where(col("reason").notEqual("unlabeled"));
        Row overall = contacts.where(col("answered")).agg(avg("handle_seconds")).first();
        double overallHandle = overall.isNullAt(0) ? 0.0 : overall.getDouble(0);
        Dataset<Row> perReason = withReason.groupBy("reason").agg(
                count(lit(1)).as("contacts"),
                count(when(col("reason_source").equalTo("predicted"), 1)).as("predicted_reason_contacts"),
                countDistinct("customer_id").as("customers"),
                avg(when(col("answered"), col("handle_seconds"))).as("average_handle_seconds"),
                sum(when(col("answered"), col("handle_seconds"))).divide(3600.0).as("agent_hours"),
                avg(when(col("abandoned"), lit(null)).when(col("first_contact_resolved"), 1.0).otherwise(0.0))
                        .as("first_contact_resolution_rate"));
        // A global window over a handful of reason rows: one partition is right here.
        WindowSpec all = Window.partitionBy(lit(1));
        WindowSpec byVolume = Window.partitionBy(lit(1)).orderBy(col("contacts").desc(), col("reason"));
        Column candidate = col("first_contact_resolution_rate").geq(options.selfServiceMinFcr())
                .and(col("average_handle_seconds").leq(overallHandle))
                .and(col("customers").geq(options.selfServiceMinCustomers()));
        Dataset<Row> ranked = perReason
                .withColumn("contact_share", col("contacts").divide(sum("contacts").over(all)))
                .withColumn("volume_rank", row_number().over(byVolume))
                .withColumn("cumulative_contact_share", sum("contact_share").over(byVolume))
                .withColumn("in_top_20_percent", col("volume_rank").leq(ceil(count(lit(1)).over(all).multiply(0.2))))
                .withColumn("top_20_percent_contact_share",
                        sum(when(col("in_top_20_percent"), col("contact_share")).otherwise(0.0)).over(all))
                .withColumn("candidate", candidate);
        Dataset<Row> candidates = ranked.where(col("candidate")).select(col("reason"),
                row_number().over(Window.partitionBy(lit(1)).orderBy(col("agent_hours").desc(), col("reason")))
                        .as("opportunity_rank"));
        return ranked.join(candidates, new String[] {"reason"}, "left").select(
                "reason", "opportunity_rank", "candidate", "contacts", "predicted_reason_contacts", "customers",
                "first_contact_resolution_rate", "average_handle_seconds", "agent_hours", "contact_share",
                "volume_rank", "cumulative_contact_share", "in_top_20_percent", "top_20_percent_contact_share");
    }
}
