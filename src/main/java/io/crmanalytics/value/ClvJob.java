package io.crmanalytics.value;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.udf;
import static org.apache.spark.sql.functions.when;

import io.crmanalytics.contract.DataContract;
import io.crmanalytics.contract.GoldContract;
import io.crmanalytics.core.Progress;
import io.crmanalytics.core.UserException;
import io.crmanalytics.job.Job;
import io.crmanalytics.job.JobContext;
import io.crmanalytics.job.JobResult;
import io.crmanalytics.job.JobTables;
import io.crmanalytics.warehouse.Layer;
import io.crmanalytics.warehouse.Tables;
import io.crmanalytics.warehouse.Warehouse;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.api.java.UDF4;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * {@code crm clv}: who is worth what. Calibration summary from silver.orders, BG/NBD and Gamma-Gamma fitted on the
 * driver over distinct tuples counted in Spark, per-customer expected purchases, probability alive, expected
 * spend and CLV, RFM segments and value tiers; optionally a holdout validation. Writes gold.customer_value,
 * gold.clv_model and (with a holdout) gold.clv_validation.
 */
public final class ClvJob implements Job {
    public static final String CUSTOMER_VALUE = "customer_value";
    public static final String MODEL = "clv_model";
    public static final String VALIDATION = "clv_validation";
    /** |corr(frequency, monetary_value)| above this is worth a warning: Gamma-Gamma assumes independence. */
    public static final double CORRELATION_WARNING = 0.3;
    /** Row lists of the result: customers per RFM segment and per value tier, and the holdout validation. */
    public static final String RFM_SEGMENTS = "rfm_segments";
    public static final String VALUE_TIERS = "value_tiers";
    public static final String HOLDOUT_WINDOW = "holdout_window";
    public static final String HOLDOUT_VALIDATION = "holdout_validation";

    private static final StructType MODEL_SCHEMA = new StructType()
            .add("model", DataTypes.StringType)
            .add("parameter", DataTypes.StringType)
            .add("value", DataTypes.DoubleType);

    private final ClvOptions options;

    public ClvJob(ClvOptions options) {
        this.options = options;
    }

    @Override
    public String name() {
        return "clv";
    }

    @Override
    public List<Warehouse.TableRef> inputs() {
        return JobTables.silver(DataContract.ORDERS);
    }

    @Override
    public List<Warehouse.TableRef> outputs() {
        return JobTables.gold(GoldContract.CLV_MODEL, GoldContract.CUSTOMER_VALUE, GoldContract.CLV_VALIDATION);
    }

    @Override
    public JobResult run(JobContext ctx) {
        LocalDate calibrationEnd = options.calibrationEnd() != null ? options.calibrationEnd() : ctx.runDate();
        if (options.holdoutEnd() != null && !options.holdoutEnd().isAfter(calibrationEnd)) {
            throw new UserException("--holdout-end " + options.holdoutEnd() + " must be after the calibration end "
                    + calibrationEnd);
        }
        TimeUnit unit = options.unit();
        Progress progress = ctx.progress();
        JobResult result = new JobResult(name());

        Progress.Stage stage = progress.start("calibration summary + BG/NBD tuples");
        Dataset<Row> orders = ctx.warehouse().read(Layer.SILVER, "orders");
        Dataset<Row> occasions = CalibrationSummary.occasions(orders).cache();
        Dataset<Row> summary = CalibrationSummary.compute(orders, calibrationEnd, unit).cache();
        Tuples purchaseTuples = Tuples.collect(summary.groupBy("frequency", "recency", "T").agg(count(lit(1))), 3);
        double customers = 0;
        double repeatPurchases = 0;
        for (int i = 0; i < purchaseTuples.size(); i++) {
            customers += purchaseTuples.counts()[i];
            repeatPurchases += purchaseTuples.column(0)[i] * purchaseTuples.counts()[i];
        }
        stage.done((long) customers, purchaseTuples.size());
        if (customers == 0) {
            throw new UserException("silver.orders has no orders on or before the calibration end " + calibrationEnd);
        }
        if (repeatPurchases == 0) {
            throw new UserException("no customer has a repeat purchase on or before " + calibrationEnd
                    + ": BG/NBD cannot be fitted (give more history or a later --calibration-end)");
        }

        stage = progress.start("BG/NBD fit");
        BgNbdFitter.Result bgnbd = BgNbdFitter.fit(purchaseTuples.column(0), purchaseTuples.column(1),
                purchaseTuples.column(2), purchaseTuples.counts());
        stage.done();

        stage = progress.start("Gamma-Gamma tuples + fit");
        Tuples spendTuples = Tuples.collect(summary.where(col("frequency").gt(0).and(col("monetary_value").gt(0)))
                .groupBy("frequency", "monetary_value").agg(count(lit(1))), 2);
        if (spendTuples.size() == 0) {
            throw new UserException("no customer has repeat purchases with a positive amount: Gamma-Gamma cannot "
                    + "be fitted");
        }
        GammaGammaFitter.Result spend = GammaGammaFitter.fit(spendTuples.column(0), spendTuples.column(1),
                spendTuples.counts());
        double correlation = spendTuples.weightedCorrelation(0, 1);
        stage.done(spendTuples.size());

        long modelRows = ctx.writeGold(MODEL, modelTable(ctx, bgnbd, spend, correlation));
        result.table("gold." + MODEL, modelRows);
        failUnlessConverged("BG/NBD", bgnbd.fit());
        failUnlessConverged("Gamma-Gamma", spend.fit());
        if (spend.model().q() <= 1) {
            throw new UserException(String.format(Locale.ROOT, "Gamma-Gamma q = %.3f <= 1 means an infinite mean "
                    + "spend: the spend data are too heavy-tailed for the model (see gold.clv_model)", spend.model().q()));
        }
        reportModels(result, bgnbd, spend, correlation, unit);

        stage = progress.start("customer value + segments");
        CustomerValuation valuation = new CustomerValuation(bgnbd.model(), spend.model(), unit, options.horizon(),
                options.margin(), options.annualDiscountRate());
        UserDefinedFunction value = udf((UDF4<Integer, Double, Double, Double, double[]>) (x, tx, T, m) ->
                valuation.value(x, tx, T, m), DataTypes.createArrayType(DataTypes.DoubleType));
        Dataset<Row> valued = ValueSegments.withRfm(summary)
                .withColumn("v", value.apply(col("frequency"), col("recency"), col("T"), col("monetary_value")))
                .withColumn("expected_purchases", col("v").getItem(0))
                .withColumn("probability_alive", col("v").getItem(1))
                .withColumn("expected_average_value", col("v").getItem(2))
                .withColumn("clv_double", col("v").getItem(3))
                .cache();
        Dataset<Row> segmented = ValueSegments.withTiers(valued, options.tierShares(), options.atRiskAlive());
        Dataset<Row> table = segmented.select(
                col("customer_id"),
                lit(java.sql.Date.valueOf(ctx.runDate())).as(Tables.RUN_DATE),
                col("frequency"), col("recency"), col("T"),
                col("monetary_value").cast("decimal(18,4)").as("monetary_value"),
                col("rfm_recency"), col("rfm_frequency"), col("rfm_monetary"), col("rfm_segment"),
                col("expected_purchases"), col("probability_alive"),
                col("expected_average_value").cast("decimal(18,4)").as("expected_average_value"),
                col("clv_double").cast("decimal(18,4)").as("clv"),
                col("value_tier"), col("high_value_at_risk"));
        long written = ctx.writeGold(CUSTOMER_VALUE, table);
        stage.done((long) customers, written);
        result.table("gold." + CUSTOMER_VALUE, written);
        reportSegments(ctx, result);

        if (options.holdoutEnd() != null) {
            stage = progress.start("holdout validation");
            HoldoutValidation.Result validation = HoldoutValidation.compute(ctx.spark(), occasions, summary,
                    valuation, calibrationEnd, options.holdoutEnd(), unit);
            long rows = ctx.writeGold(VALIDATION, validation.rows());
            stage.done(rows);
            result.table("gold." + VALIDATION, rows);
            result.figure("holdout repeat purchases actual", validation.actualTotal());
            result.figure("holdout repeat purchases predicted", validation.predictedTotal());
            result.figure("holdout mean absolute error per customer", validation.meanAbsoluteError());
            result.row(HOLDOUT_WINDOW, "calibration_end", calibrationEnd, "holdout_end", options.holdoutEnd());
            validation.collected().forEach(row -> result.row(HOLDOUT_VALIDATION, "view", row.getString(0),
                    "bucket", row.getString(1), "customers", row.getLong(2), "actual", row.getDouble(3),
                    "predicted", row.getDouble(4), "mean_absolute_error", row.isNullAt(5) ? null : row.getDouble(5)));
        }
        valued.unpersist();
        summary.unpersist();
        occasions.unpersist();
        return result;
    }

    private static void failUnlessConverged(String model, MaximumLikelihood.Fit fit) {
        if (!fit.converged()) {
            throw new UserException(model + " fit did not converge: " + fit.problem()
                    + " (converged = 0 in gold.clv_model)");
        }
    }

    private Dataset<Row> modelTable(JobContext ctx, BgNbdFitter.Result bgnbd, GammaGammaFitter.Result spend,
                                    double correlation) {
        List<Row> rows = new ArrayList<>();
        addModel(rows, "bgnbd", new String[] {"r", "alpha", "a", "b"}, bgnbd.fit());
        addModel(rows, "gamma_gamma", new String[] {"p", "q", "gamma"}, spend.fit());
        rows.add(RowFactory.create("gamma_gamma", "frequency_monetary_correlation", correlation));
        rows.add(RowFactory.create("bgnbd", "time_unit_days", (double) options.unit().days()));
        return ctx.spark().createDataFrame(rows, MODEL_SCHEMA);
    }

    private static void addModel(List<Row> rows, String model, String[] names, MaximumLikelihood.Fit fit) {
        for (int i = 0; i < names.length; i++) {
            rows.add(RowFactory.create(model, names[i], fit.params()[i]));
        }
        for (int i = 0; i < names.length; i++) {
            rows.add(RowFactory.create(model, names[i] + "_std_error", fit.standardErrors()[i]));
        }
        rows.add(RowFactory.create(model, "log_likelihood", fit.logLikelihood()));
        rows.add(RowFactory.create(model, "n_customers", fit.customers()));
        rows.add(RowFactory.create(model, "converged", fit.converged() ? 1.0 : 0.0));
    }

    private static void reportModels(JobResult result, BgNbdFitter.Result bgnbd, GammaGammaFitter.Result spend,
                                     double correlation, TimeUnit unit) {
        String[] names = {"r", "alpha", "a", "b"};
        for (int i = 0; i < names.length; i++) {
            result.figure("bgnbd " + names[i] + (i == 1 ? " (" + unit.label() + "s)" : ""),
                    withError(bgnbd.fit().params()[i], bgnbd.fit().standardErrors()[i]));
        }
        result.figure("bgnbd log-likelihood", bgnbd.fit().logLikelihood());
        result.figure("bgnbd customers", (long) bgnbd.fit().customers());
        String[] spendNames = {"p", "q", "gamma"};
        for (int i = 0; i < spendNames.length; i++) {
            result.figure("gamma_gamma " + spendNames[i],
                    withError(spend.fit().params()[i], spend.fit().standardErrors()[i]));
        }
        result.figure("gamma_gamma log-likelihood", spend.fit().logLikelihood());
        result.figure("gamma_gamma customers (repeat buyers)", (long) spend.fit().customers());
        result.figure("corr(frequency, monetary_value)", correlation);
    }

    private static String withError(double value, double error) {
        return String.format(Locale.ROOT, "%.4g (SE %.2g)", value, error);
    }

    private static void reportSegments(JobContext ctx, JobResult result) {
        Map<String, Long> segments = new TreeMap<>();
        Map<String, Long> tiers = new TreeMap<>();
        double totalClv = 0;
        long atRisk = 0;
        // One small aggregation of the written table: segment x tier cells.
        for (Row r : ctx.readGoldAsOf(CUSTOMER_VALUE).groupBy("rfm_segment", "value_tier")
                .agg(count(lit(1)), sum("clv"), count(when(col("high_value_at_risk"), 1))).collectAsList()) {
            segments.merge(r.getString(0), r.getLong(2), Long::sum);
            tiers.merge(r.getString(1), r.getLong(2), Long::sum);
            totalClv += r.isNullAt(3) ? 0 : r.getDecimal(3).doubleValue();
            atRisk += r.getLong(4);
        }
        result.figure("total clv", totalClv);
        result.figure("high value at risk", atRisk);
        segments.forEach((name, n) -> result.row(RFM_SEGMENTS, "rfm_segment", name, "customers", n));
        for (String tier : List.of("platinum", "gold", "silver", "bronze")) {
            result.row(VALUE_TIERS, "value_tier", tier, "customers", tiers.getOrDefault(tier, 0L));
        }
    }
}
