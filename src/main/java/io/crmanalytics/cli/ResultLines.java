package io.crmanalytics.cli;

import io.crmanalytics.ingest.IngestJob;
import io.crmanalytics.job.JobResult;
import io.crmanalytics.propensity.PropensityJob;
import io.crmanalytics.publish.PublishJob;
import io.crmanalytics.quality.GateResult;
import io.crmanalytics.report.ReportJob;
import io.crmanalytics.rootcause.RootCausesJob;
import io.crmanalytics.service.ServiceJob;
import io.crmanalytics.value.ClvJob;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The console lines below a job's tables and figures, rendered from the rows the job returned: jobs return data,
 * this class decides how it reads on a terminal. One method per job that has something beyond figures.
 */
public final class ResultLines {
    private ResultLines() {
    }

    public static List<String> of(JobResult result) {
        List<String> lines = new ArrayList<>();
        switch (result.job()) {
            case IngestJob.NAME -> ingest(result, lines);
            case RootCausesJob.NAME -> rootCauses(result, lines);
            case "clv" -> clv(result, lines);
            case "propensity" -> propensity(result, lines);
            case ServiceJob.NAME -> service(result, lines);
            case PublishJob.NAME -> publish(result, lines);
            case ReportJob.NAME -> report(result, lines);
            default -> {
            }
        }
        return lines;
    }

    private static void ingest(JobResult result, List<String> lines) {
        lines.add(String.format(Locale.ROOT, "%-20s %12s %12s %12s %12s %9s  %s", "entity", "rows in", "silver",
                "quarantined", "exact dups", "rejected", "top rules"));
        for (Map<String, Object> e : result.rows(IngestJob.ENTITIES)) {
            String rules = (String) e.get("top_rules");
            lines.add(String.format(Locale.ROOT, "%-20s %12d %12d %12d %12d %8.2f%%  %s", e.get("entity"),
                    e.get("rows_in"), e.get("silver"), e.get("quarantined"), e.get("exact_duplicates"),
                    100 * (double) e.get("reject_rate"),
                    (Boolean) e.get("rejected") ? "REJECTED (silver unchanged) " + rules : rules));
        }
        List<Map<String, Object>> skipped = result.rows(IngestJob.SKIPPED);
        if (!skipped.isEmpty()) {
            lines.add("skipped (absent from the input): "
                    + String.join(", ", skipped.stream().map(r -> (String) r.get("entity")).toList()));
        }
        List<Map<String, Object>> unknown = result.rows(IngestJob.UNKNOWN_FILES);
        if (!unknown.isEmpty()) {
            lines.add("not read (no contract entity has this name and format): "
                    + String.join(", ", unknown.stream().map(r -> (String) r.get("file")).toList()));
        }
        result.rows(IngestJob.WARNINGS).forEach(w -> lines.add("warning: " + w.get("warning")));
    }

    private static void rootCauses(JobResult result, List<String> lines) {
        for (Map<String, Object> a : result.rows(RootCausesJob.ATTRIBUTION_ROWS)) {
            lines.add(String.format(Locale.ROOT, "Attribution: %,d complaints: %,d by order id, %,d by %d-day window, "
                    + "%,d unattributed", a.get("complaints"), a.get("by_order_id"), a.get("by_window"),
                    a.get("window_days"), a.get("unattributed")));
            lines.add(String.format(Locale.ROOT, "Window attribution: %,d by the only candidate, %,d by the best fit"
                            + " to the reason, %,d the most recent of several fitting; left unattributed: %,d ambiguous,"
                            + " %,d with no shipment fitting the reason", a.get("only_candidate"), a.get("best_fit"),
                    a.get("most_recent_fitting"), a.get("ambiguous"), a.get("no_fit")));
            if (a.containsKey("accuracy_by_window")) {
                lines.add(String.format(Locale.ROOT, "Against the truth: by order id %s of %,d, by window %s of %,d;"
                                + " about no shipment and left unattributed %s of %,d; about a shipment but unattributed"
                                + " %,d", a.get("accuracy_by_order"), a.get("checked_by_order"),
                        a.get("accuracy_by_window"), a.get("checked_by_window"), a.get("accuracy_no_shipment"),
                        a.get("checked_no_shipment"), a.get("missed")));
            }
            lines.add("");
        }
        List<Map<String, Object>> top = result.rows(RootCausesJob.TOP_FINDINGS);
        if (top.isEmpty()) {
            lines.add("No significant root cause (q < 0.05) found.");
            return;
        }
        lines.add(String.format(Locale.ROOT, "%-14s %4s  %-48s %9s %9s %7s %7s %-14s %8s %8s",
                "reason", "rank", "factors", "shipments", "complnts", "ship%", "compl%", "lift (95% CI)",
                "q", "adjusted"));
        for (Map<String, Object> f : top) {
            String factors = (String) f.get("factors");
            Double adjusted = (Double) f.get("adjusted_lift");
            lines.add(String.format(Locale.ROOT, "%-14s %4d  %-48s %,9d %,9d %6.1f%% %6.1f%% %-14s %8.1e %8s",
                    f.get("complaint_reason"), f.get("rank"),
                    factors.length() > 48 ? factors.substring(0, 47) + "…" : factors,
                    f.get("shipments"), f.get("complaints"), 100 * (double) f.get("shipment_share"),
                    100 * (double) f.get("complaint_share"),
                    String.format(Locale.ROOT, "%.1f (%.1f-%.1f)", f.get("lift"), f.get("lift_ci_low"),
                            f.get("lift_ci_high")),
                    f.get("q_value"), adjusted == null ? "" : String.format(Locale.ROOT, "%.2f", adjusted)));
            @SuppressWarnings("unchecked")
            List<String> aliases = (List<String>) f.get("aliases");
            for (String alias : aliases) {
                lines.add("                    = " + alias + " (the same shipments)");
            }
            if (f.get("explained_by") != null) {
                lines.add(String.format(Locale.ROOT, "                    explained by %s: %.1f (%.1f-%.1f) outside it",
                        f.get("explained_by"), f.get("residual_lift"), f.get("residual_lift_ci_low"),
                        f.get("residual_lift_ci_high")));
            }
        }
    }

    private static void clv(JobResult result, List<String> lines) {
        Object correlation = result.figures().get("corr(frequency, monetary_value)");
        if (correlation instanceof Double c && Math.abs(c) > ClvJob.CORRELATION_WARNING) {
            lines.add(String.format(Locale.ROOT, "WARNING: corr(frequency, monetary_value) = %.2f among repeat "
                    + "buyers; Gamma-Gamma assumes spend is independent of purchase frequency, so expected values "
                    + "and CLV are biased for the most and least frequent buyers.", c));
        }
        lines.add("RFM segments:");
        result.rows(ClvJob.RFM_SEGMENTS).forEach(r -> lines.add(String.format(Locale.ROOT, "  %-20s %,10d",
                r.get("rfm_segment"), r.get("customers"))));
        lines.add("Value tiers:");
        result.rows(ClvJob.VALUE_TIERS).forEach(r -> lines.add(String.format(Locale.ROOT, "  %-20s %,10d",
                r.get("value_tier"), r.get("customers"))));
        for (Map<String, Object> window : result.rows(ClvJob.HOLDOUT_WINDOW)) {
            lines.add("");
            lines.add(String.format(Locale.ROOT, "Holdout validation (%s, %s]: repeat purchases, actual vs predicted",
                    window.get("calibration_end"), window.get("holdout_end")));
            lines.add(String.format(Locale.ROOT, "  %-22s %-6s %10s %12s %12s %10s", "view", "bucket", "customers",
                    "actual", "predicted", "MAE"));
            for (Map<String, Object> r : result.rows(ClvJob.HOLDOUT_VALIDATION)) {
                Double error = (Double) r.get("mean_absolute_error");
                lines.add(String.format(Locale.ROOT, "  %-22s %-6s %,10d %12.1f %12.1f %10s", r.get("view"),
                        r.get("bucket"), r.get("customers"), r.get("actual"), r.get("predicted"),
                        error == null ? "" : String.format(Locale.ROOT, "%.3f", error)));
            }
        }
    }

    private static void propensity(JobResult result, List<String> lines) {
        for (Map<String, Object> c : result.rows(PropensityJob.CATEGORIES)) {
            if (c.containsKey("skipped_because")) {
                lines.add("skipped category " + c.get("product_category") + ": " + c.get("skipped_because"));
            } else {
                lines.add(String.format(Locale.ROOT, "  %-24s %-24s AUC %.3f (LR %.3f, GBT %.3f)  lift@10%% %.2f  ECE %.3f",
                        c.get("product_category"), c.get("model"), c.get("auc"), c.get("auc_logistic_regression"),
                        c.get("auc_gradient_boosted_trees"), c.get("top_decile_lift"), c.get("calibration_error")));
            }
        }
    }

    private static void service(JobResult result, List<String> lines) {
        for (Map<String, Object> r : result.rows(ServiceJob.FLAGGED_IVR_NODES)) {
            lines.add(String.format(Locale.ROOT, "IVR %s: %s (rate ratio %.2f, q = %.2g)", r.get("node"), r.get("note"),
                    r.get("rate_ratio"), r.get("q_value")));
        }
        for (Map<String, Object> q : result.rows(ServiceJob.QUEUES)) {
            Double wait = (Double) q.get("average_wait_seconds");
            lines.add(String.format(Locale.ROOT, "queue %-12s %s contacts %,d, average wait %s s, service level %s,"
                            + " desk idle share %s", q.get("queue"), (Boolean) q.get("vip_queue") ? "(VIP)" : "     ",
                    q.get("contacts"), wait == null ? "n/a" : String.format(Locale.ROOT, "%.1f", wait),
                    percent(q.get("service_level")), percent(q.get("desk_idle_share"))));
        }
        for (Map<String, Object> r : result.rows(ServiceJob.SELF_SERVICE_CANDIDATES)) {
            lines.add(String.format(Locale.ROOT, "self-service candidate #%d: %s (%,d contacts, %.1f agent hours, FCR %s)",
                    r.get("opportunity_rank"), r.get("reason"), r.get("contacts"), r.get("agent_hours"),
                    percent(r.get("first_contact_resolution_rate"))));
        }
        for (Map<String, Object> r : result.rows(ServiceJob.CX_DRIVERS)) {
            lines.add(String.format(Locale.ROOT, "driver of %s: %s=%s, odds ratio %.2f (%.2f-%.2f), q = %.2g",
                    r.get("outcome"), r.get("attribute"), r.get("level"), r.get("odds_ratio"),
                    r.get("odds_ratio_ci_low"), r.get("odds_ratio_ci_high"), r.get("q_value")));
        }
    }

    /** A share as a percentage with one decimal, "n/a" when unknown (as the service job's figures). */
    private static String percent(Object share) {
        return share == null ? "n/a" : String.format(Locale.ROOT, "%.1f%%", 100 * (Double) share);
    }

    private static void publish(JobResult result, List<String> lines) {
        result.rows(PublishJob.NOT_BUILT).forEach(r -> lines.add("gold." + r.get("table") + " not built: "
                + r.get("reason")));
        result.rows(PublishJob.GATES).forEach(r -> lines.add(new GateResult((String) r.get("table"),
                (String) r.get("gate"), (Boolean) r.get("passed"), (Double) r.get("measured"),
                (Double) r.get("threshold"), (String) r.get("detail")).line()));
        result.rows(PublishJob.NOT_EXPORTED).forEach(r -> lines.add("not exported: gold." + r.get("table")
                + " has no rows for run date " + r.get("run_date")));
    }

    private static void report(JobResult result, List<String> lines) {
        for (Map<String, Object> files : result.rows(ReportJob.FILES)) {
            lines.add("report:  " + files.get("report"));
            lines.add("summary: " + files.get("summary"));
        }
        List<Map<String, Object>> notRun = result.rows(ReportJob.SECTIONS_NOT_RUN);
        if (!notRun.isEmpty()) {
            lines.add("not run: " + String.join(", ", notRun.stream().map(r -> (String) r.get("section")).toList()));
        }
    }
}
