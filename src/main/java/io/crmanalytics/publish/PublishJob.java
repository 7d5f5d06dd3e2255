package io.crmanalytics.publish;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.crmanalytics.contract.DataContract;
import io.crmanalytics.contract.GoldContract;
import io.crmanalytics.core.Progress;
import io.crmanalytics.core.UserException;
import io.crmanalytics.job.Concurrently;
import io.crmanalytics.job.Job;
import io.crmanalytics.job.JobContext;
import io.crmanalytics.job.JobResult;
import io.crmanalytics.job.JobTables;
import io.crmanalytics.quality.GateResult;
import io.crmanalytics.quality.QualityGates;
import io.crmanalytics.warehouse.Layer;
import io.crmanalytics.warehouse.Warehouse;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * {@code crm publish}, the last job of the night: builds gold.customer_360, runs the data-quality gates on every
 * gold table, keeps their results in gold.data_quality, and only when all pass writes the Parquet exports for BI
 * tools with their data dictionary and moves {@code exports/latest}. A failed gate ends the job with an error
 * and leaves the previous export as latest.
 */
public final class PublishJob implements Job {
    public static final String NAME = "publish";
    /** Row lists of the result: tables not built (and why), every gate result, tables without rows to export. */
    public static final String NOT_BUILT = "not_built";
    public static final String GATES = "gates";
    public static final String NOT_EXPORTED = "not_exported";
    static final StructType GATE_SCHEMA = new StructType()
            .add("table_name", DataTypes.StringType).add("gate", DataTypes.StringType)
            .add("passed", DataTypes.BooleanType).add("measured", DataTypes.DoubleType)
            .add("threshold", DataTypes.DoubleType).add("detail", DataTypes.StringType);

    private final QualityGates.Thresholds thresholds;

    public PublishJob(QualityGates.Thresholds thresholds) {
        this.thresholds = thresholds;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<Warehouse.TableRef> inputs() {
        return JobTables.concat(JobTables.silver(DataContract.CUSTOMERS, DataContract.INTERACTIONS,
                DataContract.SHIPMENTS, DataContract.ORDERS, DataContract.SURVEYS),
                JobTables.gold(GoldContract.CUSTOMER_VALUE, GoldContract.NEXT_BEST_OFFER,
                        GoldContract.COMPLAINT_ATTRIBUTION));
    }

    @Override
    public List<Warehouse.TableRef> outputs() {
        return JobTables.gold(GoldContract.CUSTOMER_360, GoldContract.DATA_QUALITY);
    }

    @Override
    public JobResult run(JobContext ctx) {
        JobResult result = new JobResult(NAME);
        Progress progress = ctx.progress();

        Progress.Stage stage = progress.start("build gold.customer_360");
        Optional<Dataset<Row>> customer360 = new Customer360(ctx).build();
        if (customer360.isPresent()) {
            long rows = ctx.writeGold(GoldTables.CUSTOMER_360, customer360.get());
            result.table("gold." + GoldTables.CUSTOMER_360, rows);
            stage.done(rows);
        } else {
            result.row(NOT_BUILT, "table", GoldTables.CUSTOMER_360,
                    "reason", "neither silver.customers nor gold.customer_value exists");
        }

        List<String> tables = goldTables(ctx);
        stage = progress.start("data-quality gates");
        QualityGates gates = new QualityGates(ctx, thresholds);
        // The gates of one table do not depend on another's: tables are checked at once (see Concurrently).
        List<Callable<List<GateResult>>> checks = new ArrayList<>();
        for (String table : tables) {
            checks.add(() -> gates.check(table, GoldTables.rules(table)));
        }
        List<GateResult> results = new ArrayList<>();
        Concurrently.run(ctx.spark(), checks).forEach(results::addAll);
        long gateRows = ctx.writeGold(GoldTables.DATA_QUALITY, gateRows(ctx, results));
        result.table("gold." + GoldTables.DATA_QUALITY, gateRows);
        stage.done(results.size());

        ExportFolder exports = new ExportFolder(ctx);
        List<GateResult> failed = results.stream().filter(r -> !r.passed()).toList();
        result.figure("gates passed", results.size() - failed.size());
        result.figure("gates failed", failed.size());
        results.forEach(r -> result.row(GATES, "table", r.table(), "gate", r.gate(), "passed", r.passed(),
                "measured", r.measured(), "threshold", r.threshold(), "detail", r.detail()));
        if (!failed.isEmpty()) {
            results.forEach(r -> progress.info("%s", r.line()));
            // The gate results are this run's record even though nothing is published: committed, so visible.
            ctx.warehouse().ledger().commit(NAME, ctx.runDate());
            throw new UserException(failed.size() + " data-quality gate(s) failed ("
                    + String.join("; ", failed.stream().map(r -> "gold." + r.table() + " " + r.gate() + ": "
                    + r.detail()).limit(3).toList()) + (failed.size() > 3 ? "; ..." : "")
                    + "): nothing published, exports/latest stays "
                    + exports.latest().map(LocalDate::toString).orElse("unset")
                    + " (all results in gold." + GoldTables.DATA_QUALITY + ")");
        }

        stage = progress.start("export Parquet snapshots");
        List<DataDictionary.ExportedTable> exported = new ArrayList<>();
        tables.add(GoldTables.DATA_QUALITY);
        List<Callable<DataDictionary.ExportedTable>> counts = new ArrayList<>();
        for (String table : tables) {
            counts.add(() -> {
                Dataset<Row> rows = exports.rowsOf(table);
                return new DataDictionary.ExportedTable(table, rows.schema(), rows.count());
            });
        }
        for (DataDictionary.ExportedTable table : Concurrently.run(ctx.spark(), counts)) {
            if (table.rows() == 0) {
                result.row(NOT_EXPORTED, "table", table.name(), "run_date", ctx.runDate());
                continue;
            }
            exported.add(table);
        }
        String dictionary = DataDictionary.load().markdown(ctx.runDate(), exported);
        LocalDate latest = exports.publish(exported, dictionary, qualityJson(ctx, results));
        stage.done(exported.stream().mapToLong(DataDictionary.ExportedTable::rows).sum());
        result.figure("tables exported", exported.size());
        result.figure("export folder", exports.runFolder());
        result.figure("exports/latest", latest.toString());
        return result;
    }

    /** Every gold table except the gate results themselves, in name order. */
    private static List<String> goldTables(JobContext ctx) {
        List<String> names = new ArrayList<>();
        for (Warehouse.TableRef ref : ctx.warehouse().tables()) {
            if (ref.layer() == Layer.GOLD && !ref.name().equals(GoldTables.DATA_QUALITY)) {
                names.add(ref.name());
            }
        }
        return names;
    }

    private static Dataset<Row> gateRows(JobContext ctx, List<GateResult> results) {
        List<Row> rows = results.stream().map(r -> RowFactory.create(r.table(), r.gate(), r.passed(),
                r.measured(), r.threshold(), r.detail())).toList();
        return ctx.spark().createDataFrame(rows, GATE_SCHEMA);
    }

    private static String qualityJson(JobContext ctx, List<GateResult> results) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("run_date", ctx.runDate().toString());
        json.put("passed", results.stream().allMatch(GateResult::passed));
        List<Map<String, Object>> gates = new ArrayList<>();
        for (GateResult r : results) {
            Map<String, Object> gate = new LinkedHashMap<>();
            gate.put("table", r.table());
            gate.put("gate", r.gate());
            gate.put("passed", r.passed());
            gate.put("measured", Double.isFinite(r.measured()) ? r.measured() : null);
            gate.put("threshold", r.threshold());
            gate.put("detail", r.detail());
            gates.add(gate);
        }
        json.put("gates", gates);
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
