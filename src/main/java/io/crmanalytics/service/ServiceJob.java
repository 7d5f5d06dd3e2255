package io.crmanalytics.service;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.crmanalytics.contract.DataContract;
import io.crmanalytics.contract.GoldContract;
import io.crmanalytics.core.Progress;
import io.crmanalytics.job.Concurrently;
import io.crmanalytics.job.Job;
import io.crmanalytics.job.JobContext;
import io.crmanalytics.job.JobResult;
import io.crmanalytics.job.JobTables;
import io.crmanalytics.warehouse.Layer;
import io.crmanalytics.warehouse.Tables;
import io.crmanalytics.warehouse.Warehouse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * {@code crm service}: contact-center analytics. Reads the silver contact, survey, IVR, shipment, order and
 * customer tables (plus gold.customer_value and gold.complaint_attribution when those jobs have run) and writes
 * gold.agent_scorecard, channel_kpis, ivr_funnel, cx_scores, cx_drivers, queue_kpis,
 * self_service_opportunities and proactive_outreach, and the outreach CSV. See docs/service.md.
 */
public final class ServiceJob implements Job {
    public static final String NAME = "service";
    /** Row lists of the result, for the CLI's summary. */
    public static final String FLAGGED_IVR_NODES = "flagged_ivr_nodes";
    public static final String QUEUES = "queues";
    public static final String SELF_SERVICE_CANDIDATES = "self_service_candidates";
    public static final String CX_DRIVERS = "cx_drivers";
    private final ServiceOptions options;

    public ServiceJob(ServiceOptions options) {
        this.options = options;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<Warehouse.TableRef> inputs() {
        return JobTables.concat(JobTables.silver(DataContract.INTERACTIONS, DataContract.SURVEYS,
                DataContract.IVR_EVENTS, DataContract.SHIPMENTS, DataContract.ORDERS, DataContract.CUSTOMERS),
                JobTables.gold(GoldContract.CUSTOMER_VALUE, GoldContract.COMPLAINT_ATTRIBUTION));
    }

    @Override
    public List<Warehouse.TableRef> outputs() {
        return JobTables.gold(GoldContract.AGENT_SCORECARD, GoldContract.CHANNEL_KPIS, GoldContract.IVR_FUNNEL,
                GoldContract.CX_SCORES, GoldContract.CX_DRIVERS, GoldContract.QUEUE_KPIS,
                GoldContract.SELF_SERVICE_OPPORTUNITIES, GoldContract.PROACTIVE_OUTREACH);
    }

    @Override
    public JobResult run(JobContext ctx) {
        JobResult result = new JobResult(NAME);
        Progress progress = ctx.progress();
        Progress.Stage reading = progress.start("read inputs");
        ServiceInputs in = ServiceInputs.read(ctx);
        reading.done();
        Dataset<Row> contacts = Contacts.build(in, options).cache();
        Dataset<Row> surveys = in.surveys().cache();
        try {
            Progress.Stage stage = progress.start("contacts");
            long contactCount = contacts.count();
            stage.done(contactCount);
            result.figure("inbound contacts", contactCount);
            result.figure("value tiers", in.valueTiers().isPresent() ? "gold.customer_value"
                    : "not available (gold.customer_value missing): every tier 'unknown'");
            result.figure("complaint attribution", in.attribution().isPresent() ? "gold.complaint_attribution"
                    : "not available: shipment contacts found by order id and timing, no predicted reasons");

            // The seven tables are independent of each other: they are written at once (see Concurrently).
            Map<String, Supplier<Dataset<Row>>> tables = new LinkedHashMap<>();
            tables.put("agent_scorecard", () -> AgentScorecard.build(contacts, surveys));
            tables.put("channel_kpis", () -> ChannelKpis.build(contacts, in.ivrEvents(), options));
            tables.put("ivr_funnel", () -> IvrFunnel.build(ctx.spark(), in.ivrEvents(), options));
            tables.put("cx_scores", () -> CxScores.build(CxScores.surveyFacts(surveys, contacts, in.customers())));
            tables.put("cx_drivers", () -> CxDrivers.build(ctx.spark(),
                    CxDrivers.surveyAttributes(surveys, contacts, in.shipments(), ctx.runDate(), options), options));
            tables.put("queue_kpis", () -> QueueKpis.build(contacts, in.customers(), options));
            tables.put("self_service_opportunities", () -> SelfServiceOpportunities.build(contacts, options));
            List<Callable<Long>> writes = new ArrayList<>();
            tables.forEach((table, rows) -> writes.add(() -> write(ctx, table, rows.get())));
            List<Long> written = Concurrently.run(ctx.spark(), writes);
            int i = 0;
            for (String table : tables.keySet()) {
                result.table("gold." + table, written.get(i++));
            }

            Dataset<Row> outreach = ProactiveOutreach.build(in, contacts, ctx.runDate(), options).cache();
            try {
                List<String> columns = ProactiveOutreach.COLUMNS;
                result.table("gold.proactive_outreach", write(ctx, "proactive_outreach",
                        outreach.select(columns.stream().map(org.apache.spark.sql.functions::col)
                                .toArray(org.apache.spark.sql.Column[]::new))));
                if (options.writeOutreachCsv()) {
                    Progress.Stage csv = progress.start("outreach CSV");
                    List<String> withDate = new ArrayList<>(columns);
                    withDate.add(Tables.RUN_DATE);
                    String file = OutreachCsv.write(ctx, outreach.withColumn(Tables.RUN_DATE,
                            lit(java.sql.Date.valueOf(ctx.runDate()))), ProactiveOutreach.ranking(), withDate);
                    csv.done();
                    result.figure("outreach CSV", file);
                }
                ServiceSummary.add(ctx, result, contacts, options);
            } finally {
                outreach.unpersist();
            }
        } finally {
            contacts.unpersist();
            surveys.unpersist();
        }
        return result;
    }

    private static long write(JobContext ctx, String table, Dataset<Row> rows) {
        Progress.Stage stage = ctx.progress().start("gold." + table);
        long written = ctx.writeGold(table, rows);
        stage.done(written);
        return written;
    }

    static String percent(Double share) {
        return share == null ? "n/a" : String.format(Locale.ROOT, "%.1f%%", 100 * share);
    }

    /**
     * This run date's rows of a gold table this job has just written. A plain partition filter: the newest run
     * date on or before ours is ours, so readGoldAsOf's extra aggregate (one Spark job per read) is not needed.
     */
    static Dataset<Row> forRunDate(JobContext ctx, String table) {
        return ctx.warehouse().read(Layer.GOLD, table).where(col(Tables.RUN_DATE).equalTo(
                lit(java.sql.Date.valueOf(ctx.runDate()))));
    }
}
