package io.crmanalytics.service;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.crmanalytics.job.JobContext;
import io.crmanalytics.job.JobResult;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The short readable summary {@code crm service} prints: headline figures, then a few rows on what to act on (flagged IVR nodes, queues, self-service candidates, drivers).
 * Read back from the gold tables just written (small aggregates), so the summary shows what the tables hold.
 */
final class ServiceSummary {
    private ServiceSummary() {
    }

    static void add(JobContext ctx, JobResult result, Dataset<Row> contacts, ServiceOptions options) {
        Row overall = contacts.agg(
                sum(when(col("queued").and(col("answered"))
                        .and(col("wait_seconds").leq(options.serviceLevelSeconds())), 1L).otherwise(0L)),
                sum(when(col("queued"), 1L).otherwise(0L)),
                avg(when(col("queued"), when(col("abandoned"), 1.0).otherwise(0.0))),
                avg(when(col("abandoned"), lit(null)).when(col("first_contact_resolved"), 1.0).otherwise(0.0)))
                .first();
        long queued = overall.isNullAt(1) ? 0 : overall.getLong(1);
        result.figure("service level (answered in " + options.serviceLevelSeconds() + " s)",
                ServiceJob.percent(queued == 0 ? null : (double) overall.getLong(0) / queued));
        result.figure("abandon rate", ServiceJob.percent(nullable(overall, 2)));
        result.figure("first contact resolution", ServiceJob.percent(nullable(overall, 3)));

        List<Row> cx = ServiceJob.forRunDate(ctx, "cx_scores").where(col("dimension").equalTo("overall"))
                .collectAsList();
        if (!cx.isEmpty()) {
            Row r = cx.get(0);
            result.figure("NPS (95% CI)", r.isNullAt(r.fieldIndex("nps")) ? "n/a"
                    : String.format(Locale.ROOT, "%.1f (%.1f to %.1f), %d responses", r.<Double>getAs("nps"),
                    r.<Double>getAs("nps_ci_low"), r.<Double>getAs("nps_ci_high"), r.<Long>getAs("nps_responses")));
            result.figure("CSAT (share of 4-5)", ServiceJob.percent(r.getAs("csat_share")));
            Double ces = r.getAs("ces_average");
            result.figure("CES average (1-7)", ces == null ? "n/a" : String.format(Locale.ROOT, "%.2f", ces));
        }

        List<Row> flagged = ServiceJob.forRunDate(ctx, "ivr_funnel").where(col("flagged")).orderBy("node")
                .collectAsList();
        result.figure("IVR nodes flagged", flagged.isEmpty() ? "none"
                : String.join(", ", flagged.stream().map(r -> r.<String>getAs("node")).toList()));
        for (Row r : flagged) {
            result.row(ServiceJob.FLAGGED_IVR_NODES, "node", r.<String>getAs("node"), "note", r.<String>getAs("note"),
                    "rate_ratio", r.<Double>getAs("rate_ratio"), "q_value", r.<Double>getAs("q_value"));
        }

        for (Row q : ServiceJob.forRunDate(ctx, "queue_kpis").orderBy(col("vip_queue").desc(), col("queue"))
                .collectAsList()) {
            result.row(ServiceJob.QUEUES, "queue", q.<String>getAs("queue"), "vip_queue", q.<Boolean>getAs("vip_queue"),
                    "contacts", q.<Long>getAs("contacts"), "average_wait_seconds", q.<Double>getAs("average_wait_seconds"),
                    "service_level", q.<Double>getAs("service_level"), "desk_idle_share", q.<Double>getAs("desk_idle_share"));
        }

        List<Row> reasons = ServiceJob.forRunDate(ctx, "self_service_opportunities").orderBy("volume_rank")
                .collectAsList();
        if (!reasons.isEmpty()) {
            result.figure("top 20% of reasons cover", ServiceJob.percent(reasons.get(0).getAs(
                    "top_20_percent_contact_share")) + " of contacts");
        }
        reasons.stream().filter(r -> r.getAs("opportunity_rank") != null)
                .sorted(java.util.Comparator.comparingInt(r -> r.<Integer>getAs("opportunity_rank"))).limit(3)
                .forEach(r -> result.row(ServiceJob.SELF_SERVICE_CANDIDATES, "opportunity_rank", r.<Integer>getAs("opportunity_rank"),
                        "reason", r.<String>getAs("reason"), "contacts", r.<Long>getAs("contacts"),
                        "agent_hours", r.<Double>getAs("agent_hours"),
                        "first_contact_resolution_rate", r.<Double>getAs("first_contact_resolution_rate")));

        ServiceJob.forRunDate(ctx, "cx_drivers").where(col("raises_odds")).orderBy(col("odds_ratio").desc())
                .limit(5).collectAsList().forEach(r -> result.row(ServiceJob.CX_DRIVERS, "outcome", r.<String>getAs("outcome"),
                        "attribute", r.<String>getAs("attribute"), "level", r.<String>getAs("level"),
                        "odds_ratio", r.<Double>getAs("odds_ratio"), "odds_ratio_ci_low", r.<Double>getAs("odds_ratio_ci_low"),
                        "odds_ratio_ci_high", r.<Double>getAs("odds_ratio_ci_high"), "q_value", r.<Double>getAs("q_value")));

        Row outreach = ServiceJob.forRunDate(ctx, "proactive_outreach").agg(count(lit(1)),
                count(when(col("suggested_action").equalTo(ProactiveOutreach.NOTIFY_WITH_DISCOUNT), 1))).first();
        result.figure("proactive outreach", String.format(Locale.ROOT, "%,d shipments (%,d with a discount)",
                outreach.getLong(0), outreach.getLong(1)));
    }

    private static Double nullable(Row row, int index) {
        return row.isNullAt(index) ? null : row.getDouble(index);
    }
}
