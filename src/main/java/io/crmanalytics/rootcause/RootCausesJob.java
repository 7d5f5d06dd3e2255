package io.crmanalytics.rootcause;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.to_date;

import io.crmanalytics.contract.DataContract;
import io.crmanalytics.contract.GoldContract;
import io.crmanalytics.core.Progress;
import io.crmanalytics.core.UserException;
import io.crmanalytics.job.Job;
import io.crmanalytics.job.JobContext;
import io.crmanalytics.job.JobResult;
import io.crmanalytics.job.JobTables;
import io.crmanalytics.stats.RatioEstimate;
import io.crmanalytics.warehouse.Layer;
import io.crmanalytics.warehouse.Warehouse;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.RuntimeConfig;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * {@code root_causes}: detects complaints, attributes them to shipments, explains them by shipment attributes and
 * flags emerging issues. Writes gold.complaint_classifier_evaluation, gold.complaint_attribution,
 * gold.complaint_root_causes and gold.complaint_trends. The analysis covers every shipment shipped and every
 * contact made up to the end of the run date (in the run's time zone).
 */
public final class RootCausesJob implements Job {
    public static final String NAME = "root_causes";
    public static final String ATTRIBUTION = "complaint_attribution";
    public static final String ROOT_CAUSES = "complaint_root_causes";
    public static final String TRENDS = "complaint_trends";
    public static final String EVALUATION = "complaint_classifier_evaluation";
    /** Row lists of the result: the attribution counts (one row) and the significant findings up to the top. */
    public static final String ATTRIBUTION_ROWS = "attribution";
    public static final String TOP_FINDINGS = "top_findings";

    static final StructType ROOT_CAUSE_SCHEMA = new StructType()
            .add("complaint_reason", DataTypes.StringType)
            .add("factors", DataTypes.StringType)
            .add("num_factors", DataTypes.IntegerType)
            .add("shipments", DataTypes.LongType)
            .add("complaints", DataTypes.LongType)
            .add("shipment_share", DataTypes.DoubleType)
            .add("complaint_share", DataTypes.DoubleType)
            .add("complaint_rate", DataTypes.DoubleType)
            .add("lift", DataTypes.DoubleType)
            .add("lift_ci_low", DataTypes.DoubleType)
            .add("lift_ci_high", DataTypes.DoubleType)
            .add("p_value", DataTypes.DoubleType)
            .add("q_value", DataTypes.DoubleType)
            .add("adjusted_lift", DataTypes.DoubleType)
            .add("rank", DataTypes.IntegerType)
            .add("information_gain", DataTypes.DoubleType)
            .add("explained_by", DataTypes.StringType)
            .add("residual_lift", DataTypes.DoubleType)
            .add("residual_lift_ci_low", DataTypes.DoubleType)
            .add("residual_lift_ci_high", DataTypes.DoubleType)
            .add("aliases", DataTypes.StringType)
            .add("summary", DataTypes.StringType);

    private final RootCauseOptions options;

    public RootCausesJob(RootCauseOptions options) {
        this.options = options;
    }

    @Override
    public String name() {
        return NAME;
    }

    /**
     * Spark SQL's switch for compressing cached tables. Off while this job runs: its cached rows (the shipment
     * facts above all) are mostly ids that do not compress, and gathering the compression statistics (a boxed hash
     * map per string column and batch) took a third of the attribution step at 10 million shipments (84 s, 64 s
     * without). The caches are larger for it, and spill to disk when memory runs short.
     */
    static final String CACHE_COMPRESSION = "spark.sql.inMemoryColumnarStorage.compressed";

    @Override
    public List<Warehouse.TableRef> inputs() {
        return JobTables.silver(DataContract.INTERACTIONS, DataContract.SHIPMENTS, DataContract.ORDERS,
                DataContract.ORDER_LINES, DataContract.CUSTOMERS, DataContract.PRODUCTS);
    }

    @Override
    public List<Warehouse.TableRef> outputs() {
        return JobTables.gold(GoldContract.COMPLAINT_CLASSIFIER_EVALUATION, GoldContract.COMPLAINT_ATTRIBUTION,
                GoldContract.COMPLAINT_ROOT_CAUSES, GoldContract.COMPLAINT_TRENDS);
    }

    @Override
    public JobResult run(JobContext ctx) {
        RuntimeConfig conf = ctx.spark().conf();
        String compression = conf.get(CACHE_COMPRESSION);
        conf.set(CACHE_COMPRESSION, "false");
        try {
            return analyse(ctx);
        } finally {
            conf.set(CACHE_COMPRESSION, compression);
        }
    }

    private JobResult analyse(JobContext ctx) {
        JobResult result = new JobResult(NAME);
        Progress progress = ctx.progress();
        Timestamp endOfRunDate = ctx.endOfRunDate();

        Progress.Stage stage = progress.start("detect complaints");
        Dataset<Row> interactions = ctx.warehouse().read(Layer.SILVER, "interactions")
                .where(col("started_ts").lt(lit(endOfRunDate)));
        ComplaintDetection.Result detection = ComplaintDetection.detect(interactions,
                options.maxNotesTrainingRows());
        Dataset<Row> complaints = detection.complaints().cache();
        long complaintCount = complaints.count();
        stage.done(complaintCount);
        writeEvaluation(ctx, result, detection);

        stage = progress.start("attribute complaints to shipments");
        Dataset<Row> facts = ShipmentFacts.build(ctx).where(col("shipped_ts").lt(lit(endOfRunDate))).cache();
        Dataset<Row> attribution = Attribution.attribute(complaints, complaintCount, facts, options.windowDays())
                .cache();
        result.table("gold." + ATTRIBUTION, ctx.writeGold(ATTRIBUTION, attribution));
        Map<String, Long> methods = attributionSummary(attribution);
        AttributionReport attributionReport = AttributionReport.of(ctx.spark(), attribution,
                options.attributionTruth());
        stage.done(complaintCount, complaintCount - methods.get(Attribution.UNATTRIBUTED));

        Reasons reasons = reasons(attribution);
        stage = progress.start("encode shipments");
        List<Finding> findings;
        List<Finding> reported;
        long shipments;
        long trendRows;
        long emerging;
        try (EncodedUnits units = EncodedUnits.encode(units(ctx, facts, attribution, complaintCount),
                options.dimensions(), reasons, options.maxFactors())) {
            shipments = units.levelCounter().totals().shipments();
            if (shipments == 0) {
                throw new UserException("silver.shipments has no shipment shipped on or before " + ctx.runDate()
                        + ": nothing to explain");
            }
            stage.done(shipments);

            stage = progress.start("explain (Apriori, " + reasons.size() + " reasons)");
            findings = ExplanationEngine.explain(units, options.maxFactors(), options.minShipments(),
                    options.minComplaints(), RootCauseOptions.ALPHA, progress);
            reported = findings.stream().filter(Finding::reported).toList();
            stage.done(shipments, reported.size());
            result.table("gold." + ROOT_CAUSES, ctx.writeGold(ROOT_CAUSES, rootCauseTable(ctx, reported)));

            stage = progress.start("trends");
            Dataset<Row> trends = Trends.compute(ctx.spark(), units, RootCauseOptions.ALPHA);
            trendRows = ctx.writeGold(TRENDS, trends);
            result.table("gold." + TRENDS, trendRows);
            emerging = trends.where(col("emerging")).count();
            stage.done(trendRows);
        }

        long significant = reported.stream().filter(f -> f.rank() != null).count();
        result.figure("complaints", complaintCount)
                .figure("complaints attributed by order id", methods.get(Attribution.BY_ORDER))
                .figure("complaints attributed by window", methods.get(Attribution.BY_WINDOW))
                .figure("complaints unattributed", methods.get(Attribution.UNATTRIBUTED));
        attributionReport.addFigures(result);
        result.figure("shipments analysed", shipments)
                .figure("hypotheses tested", (long) findings.size())
                .figure("significant findings (q < 0.05)", significant)
                .figure("emerging factors", emerging);
        if (detection.undecided() > 0) {
            result.figure("interactions undecided (too few labeled notes to train)", detection.undecided());
        }
        addTop(result, reported, methods, complaintCount, attributionReport);
        facts.unpersist();
        attribution.unpersist();
        complaints.unpersist();
        return result;
    }

    private void writeEvaluation(JobContext ctx, JobResult result, ComplaintDetection.Result detection) {
        List<Row> evaluation = detection.evaluation();
        if (detection.classifier() != null) {
            result.figure("labeled notes available for training", detection.classifier().trainingRowsAvailable());
        }
        for (Row row : evaluation) {
            result.figure(String.format(Locale.ROOT, "classifier accuracy %s %s (n=%d)", row.getString(0),
                    row.getString(1), row.getLong(3)), row.getDouble(5));
        }
        result.table("gold." + EVALUATION, ctx.writeGold(EVALUATION,
                NotesClassifier.evaluationTable(ctx.spark(), evaluation)));
    }

    private static Map<String, Long> attributionSummary(Dataset<Row> attribution) {
        Map<String, Long> methods = new LinkedHashMap<>();
        for (String method : List.of(Attribution.BY_ORDER, Attribution.BY_WINDOW, Attribution.UNATTRIBUTED)) {
            methods.put(method, 0L);
        }
        for (Row row : attribution.groupBy("method").agg(count(lit(1))).collectAsList()) {
            methods.put(row.getString(0), row.getLong(1));
        }
        return methods;
    }

    /** 'all' and every specific reason among attributed complaints (or only the one asked for). */
    private Reasons reasons(Dataset<Row> attribution) {
        List<String> observed = attribution.where(col("shipment_id").isNotNull())
                .select("complaint_reason").distinct().as(org.apache.spark.sql.Encoders.STRING()).collectAsList()
                .stream().filter(r -> !ComplaintReasons.UNSPECIFIED.equals(r)).toList();
        if (options.reason() == null) {
            return Reasons.allAnd(observed);
        }
        if (Reasons.ALL.equals(options.reason())) {
            return Reasons.allAnd(List.of());
        }
        if (!observed.contains(options.reason())) {
            throw new UserException("no attributed complaint has reason '" + options.reason() + "'; reasons found: "
                    + (observed.isEmpty() ? "none" : String.join(", ", observed.stream().sorted().toList())));
        }
        return Reasons.allAnd(List.of(options.reason()));
    }

    /** The shipments with the reasons they were complained about, as the engine's analysis units. */
    private Dataset<Row> units(JobContext ctx, Dataset<Row> facts, Dataset<Row> attribution, long complaintCount) {
        Dataset<Row> complained = attribution.where(col("shipment_id").isNotNull())
                .groupBy(col("shipment_id").as("c_shipment_id"))
                .agg(collect_set(col("complaint_reason")).as("complaint_reasons"));
        if (complaintCount <= Attribution.BROADCAST_COMPLAINTS) {
            complained = broadcast(complained);     // as in the attribution: no shuffle of every shipment
        }
        Dataset<Row> shipments = facts.join(complained, col("shipment_id").equalTo(col("c_shipment_id")), "left")
                .withColumn("reference_date", coalesce(to_date(col("reference_ts")), to_date(col("shipped_ts"))));
        return AnalysisUnits.build(shipments, Trends.window(ctx.runDate(), options.recentDays(),
                options.baselineDays()));
    }

    private static Dataset<Row> rootCauseTable(JobContext ctx, List<Finding> reported) {
        List<Row> rows = new ArrayList<>(reported.size());
        for (Finding f : reported) {
            Finding.Placement placed = f.placement();
            RatioEstimate residual = placed == null || placed.explainedBy() == null ? null : placed.residualLift();
            rows.add(RowFactory.create(f.reason(), f.itemset().factors(), f.itemset().size(), f.shipments(),
                    f.complaints(), f.shipmentShare(), f.complaintShare(), f.complaintRate(), f.lift(),
                    f.liftCiLow(), f.liftCiHigh(), f.pValue(), f.qValue(),
                    // NaN when no stratification leaves a comparison: undefined.
                    f.adjustedLift() == null || f.adjustedLift().isNaN() ? null : f.adjustedLift(), f.rank(),
                    placed == null ? null : placed.informationGain(),
                    residual == null ? null : placed.explainedBy().factors(),
                    residual == null ? null : residual.ratio(), residual == null ? null : residual.ciLow(),
                    residual == null ? null : residual.ciHigh(),
                    f.aliases().isEmpty() ? null : String.join("; ", f.aliases().stream().map(Itemset::factors)
                            .toList()),
                    Ranking.summary(f, RootCauseOptions.ALPHA)));
        }
        return ctx.spark().createDataFrame(rows, ROOT_CAUSE_SCHEMA);
    }

    /** The attribution counts and the top findings per reason, as rows the CLI renders. */
    private void addTop(JobResult result, List<Finding> reported, Map<String, Long> methods, long complaints,
                        AttributionReport attributionReport) {
        List<Object> attribution = new ArrayList<>(List.of("complaints", complaints,
                "by_order_id", methods.get(Attribution.BY_ORDER), "by_window", methods.get(Attribution.BY_WINDOW),
                "window_days", options.windowDays(), "unattributed", methods.get(Attribution.UNATTRIBUTED)));
        attribution.addAll(attributionReport.rowValues());
        result.row(ATTRIBUTION_ROWS, attribution.toArray());
        reported.stream().filter(f -> f.rank() != null)
                .filter(f -> options.reason() == null || f.reason().equals(options.reason()))
                .filter(f -> f.rank() <= options.top())
                .sorted(Comparator.comparing((Finding f) -> !Reasons.ALL.equals(f.reason()))
                        .thenComparing(Finding::reason).thenComparing(Finding::rank))
                .forEach(f -> result.row(TOP_FINDINGS, "complaint_reason", f.reason(), "rank", f.rank(),
                        "factors", f.itemset().factors(), "shipments", f.shipments(), "complaints", f.complaints(),
                        "shipment_share", f.shipmentShare(), "complaint_share", f.complaintShare(),
                        "lift", f.lift(), "lift_ci_low", f.liftCiLow(), "lift_ci_high", f.liftCiHigh(),
                        "q_value", f.qValue(), "adjusted_lift", f.adjustedLift(),
                        "aliases", f.aliases().stream().map(Itemset::factors).toList(),
                        "explained_by", explainedBy(f) == null ? null : explainedBy(f).explainedBy().factors(),
                        "residual_lift", explainedBy(f) == null ? null : explainedBy(f).residualLift().ratio(),
                        "residual_lift_ci_low", explainedBy(f) == null ? null : explainedBy(f).residualLift().ciLow(),
                        "residual_lift_ci_high", explainedBy(f) == null ? null : explainedBy(f).residualLift().ciHigh()));
    }

    private static Finding.Placement explainedBy(Finding f) {
        Finding.Placement placed = f.placement();
        return placed != null && placed.explainedBy() != null ? placed : null;
    }
}
