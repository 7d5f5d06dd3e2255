package io.crmanalytics.value;

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.ceil;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.datediff;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.posexplode;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.udf;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF3;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Holdout validation: the repeat purchases the model predicts for the customers of the calibration period over
 * (calibration end, holdout end], against the purchase occasions they actually made there. Three views, as rows
 * of {@code gold.clv_validation}: {@code total}; {@code cumulative_week} (the classic tracking plot as data,
 * cumulative over the holdout weeks); {@code calibration_frequency} (customers grouped by repeat purchases in
 * calibration, 0..6 and 7+). Mean absolute error is per customer, for the total and per frequency group.
 */
public final class HoldoutValidation {
    public static final StructType SCHEMA = new StructType()
            .add("view", DataTypes.StringType)
            .add("bucket", DataTypes.StringType)
            .add("customers", DataTypes.LongType)
            .add("actual", DataTypes.DoubleType)
            .add("predicted", DataTypes.DoubleType)
            .add("mean_absolute_error", DataTypes.DoubleType)
            .add("calibration_end", DataTypes.DateType)
            .add("holdout_end", DataTypes.DateType);

    private HoldoutValidation() {
    }

    /** The validation rows, as a table and collected (for the CLI's summary), and the headline errors. */
    public record Result(Dataset<Row> rows, List<Row> collected, double meanAbsoluteError, double actualTotal,
                         double predictedTotal) {
    }

    /**
     * @param occasions purchase occasions (customer_id, day, amount) over all time
     * @param summary   the calibration summary (customer_id, frequency, recency, T)
     */
    public static Result compute(SparkSession spark, Dataset<Row> occasions, Dataset<Row> summary,
                                 CustomerValuation valuation, LocalDate calibrationEnd, LocalDate holdoutEnd,
                                 TimeUnit unit) {
        int holdoutDays = (int) ChronoUnit.DAYS.between(calibrationEnd, holdoutEnd);
        int weeks = (holdoutDays + 6) / 7;
        double[] weekEnds = new double[weeks];
        for (int w = 0; w < weeks; w++) {
            weekEnds[w] = Math.min(7.0 * (w + 1), holdoutDays) / unit.days();
        }
        UserDefinedFunction curve = udf((UDF3<Integer, Double, Double, double[]>) (x, tx, T) ->
                valuation.cumulativeExpected(x, tx, T, weekEnds), DataTypes.createArrayType(DataTypes.DoubleType));

        Column end = lit(java.sql.Date.valueOf(calibrationEnd));
        Dataset<Row> holdoutOccasions = occasions
                .where(col("day").gt(end).and(col("day").leq(lit(java.sql.Date.valueOf(holdoutEnd)))))
                .join(summary.select("customer_id"), "customer_id")
                .withColumn("week", ceil(datediff(col("day"), end).divide(7)).cast("int"))
                .cache();
        Dataset<Row> actualPerCustomer = holdoutOccasions.groupBy("customer_id").agg(count(lit(1)).as("actual"));
        Dataset<Row> perCustomer = summary
                .select(col("customer_id"), col("frequency"),
                        curve.apply(col("frequency"), col("recency"), col("T")).as("curve"))
                .join(actualPerCustomer, new String[] {"customer_id"}, "left")
                .select(col("customer_id"), col("frequency"), col("curve"),
                        element_at(col("curve"), weeks).as("predicted"),
                        org.apache.spark.sql.functions.coalesce(col("actual"), lit(0L)).cast("double").as("actual"))
                .cache();

        java.sql.Date cal = java.sql.Date.valueOf(calibrationEnd);
        java.sql.Date hold = java.sql.Date.valueOf(holdoutEnd);
        List<Row> byFrequency = perCustomer
                .groupBy(least(col("frequency"), lit(7)).as("bucket"))
                .agg(count(lit(1)), sum("actual"), sum("predicted"),
                        sum(abs(col("predicted").minus(col("actual")))))
                .orderBy("bucket").collectAsList();
        long customers = 0;
        double actualTotal = 0;
        double predictedTotal = 0;
        double absoluteErrors = 0;
        for (Row r : byFrequency) {
            customers += r.getLong(1);
            actualTotal += r.getDouble(2);
            predictedTotal += r.getDouble(3);
            absoluteErrors += r.getDouble(4);
        }
        double meanAbsoluteError = absoluteErrors / customers;
        List<Row> rows = new ArrayList<>();
        rows.add(RowFactory.create("total", "all", customers, actualTotal, predictedTotal, meanAbsoluteError,
                cal, hold));

        // Cumulative per holdout week, summed over the whole calibration cohort.
        double[] actualByWeek = new double[weeks];
        for (Row r : holdoutOccasions.groupBy("week").count().collectAsList()) {
            actualByWeek[r.getInt(0) - 1] = r.getLong(1);
        }
        double[] predictedByWeek = new double[weeks];
        for (Row r : perCustomer.select(posexplode(col("curve"))).groupBy("pos").agg(sum("col")).collectAsList()) {
            predictedByWeek[r.getInt(0)] = r.getDouble(1);
        }
        double cumulative = 0;
        for (int w = 0; w < weeks; w++) {
            cumulative += actualByWeek[w];
            rows.add(RowFactory.create("cumulative_week", String.valueOf(w + 1), customers, cumulative,
                    predictedByWeek[w], null, cal, hold));
        }

        for (Row r : byFrequency) {
            int bucket = r.getInt(0);
            rows.add(RowFactory.create("calibration_frequency", bucket >= 7 ? "7+" : String.valueOf(bucket),
                    r.getLong(1), r.getDouble(2), r.getDouble(3), r.getDouble(4) / r.getLong(1), cal, hold));
        }
        holdoutOccasions.unpersist();
        perCustomer.unpersist();
        return new Result(spark.createDataFrame(rows, SCHEMA), List.copyOf(rows),
                meanAbsoluteError, actualTotal, predictedTotal);
    }
}
