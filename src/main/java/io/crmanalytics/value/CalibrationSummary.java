package io.crmanalytics.value;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.datediff;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.min_by;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.when;

import java.time.LocalDate;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The per-customer calibration summary of the buy-till-you-die literature (and of the lifetimes library), from
 * {@code silver.orders}:
 * <ul>
 *   <li>a purchase occasion is a calendar day (in the session time zone) with at least one order; same-day orders
 *       are one occasion with their amounts summed;</li>
 *   <li>{@code frequency} = repeat occasions (all but the first); {@code recency} = first to last occasion;
 *       {@code T} = first occasion to the calibration end; both in the time unit, fractional for weeks;</li>
 *   <li>{@code monetary_value} = mean amount per repeat occasion (the first excluded), 0 without repeats.</li>
 * </ul>
 * Only orders on or before the calibration end count. Extra columns for RFM scoring: {@code occasions},
 * {@code total_amount} (all occasions) and {@code last_day}.
 */
public final class CalibrationSummary {
    private CalibrationSummary() {
    }

    /** Purchase occasions: one row per (customer_id, day) with the day's summed amount. */
    public static Dataset<Row> occasions(Dataset<Row> orders) {
        return orders
                .where(col("customer_id").isNotNull().and(col("order_ts").isNotNull())
                        .and(col("total_amount").isNotNull()))
                .withColumn("day", to_date(col("order_ts")))
                .groupBy("customer_id", "day")
                .agg(sum("total_amount").as("amount"));
    }

    public static Dataset<Row> compute(Dataset<Row> orders, LocalDate calibrationEnd, TimeUnit unit) {
        Column end = lit(java.sql.Date.valueOf(calibrationEnd));
        Dataset<Row> perCustomer = occasions(orders)
                .where(col("day").leq(end))
                .groupBy("customer_id")
                .agg(min("day").as("first_day"),
                        max("day").as("last_day"),
                        count(lit(1)).as("occasions"),
                        sum("amount").as("total_amount"),
                        min_by(col("amount"), col("day")).as("first_amount"));
        double unitDays = unit.days();
        Column repeats = col("occasions").minus(1);
        return perCustomer.select(
                col("customer_id"),
                repeats.cast("int").as("frequency"),
                datediff(col("last_day"), col("first_day")).divide(unitDays).as("recency"),
                datediff(end, col("first_day")).divide(unitDays).as("T"),
                when(repeats.gt(0), col("total_amount").minus(col("first_amount")).cast("double").divide(repeats))
                        .otherwise(0.0).as("monetary_value"),
                col("occasions").cast("int").as("occasions"),
                col("total_amount").cast("double").as("total_amount"),
                col("last_day"));
    }
}
