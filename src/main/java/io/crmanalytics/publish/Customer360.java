package io.crmanalytics.publish;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.when;

import io.crmanalytics.contract.DataContract;
import io.crmanalytics.contract.GoldContract;
import io.crmanalytics.core.UserException;
import io.crmanalytics.job.JobContext;
import io.crmanalytics.warehouse.Layer;
import io.crmanalytics.warehouse.Tables;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;

/**
 * {@code gold.customer_360}: one row per customer with what an agent on the phone needs, keyed by customer_id
 * and free of personal data, so a CRM or agent desktop can sync it nightly. Every input is optional: a section
 * whose input table is absent gives null columns; counts are 0 (not null) when the input exists but the customer
 * has no rows in it. Everything is as of the end of the run date in the context's time zone.
 */
public final class Customer360 {
    /** Contacts counted in the "last N days" columns, the run date included. */
    public static final int CONTACT_WINDOW_DAYS = 90;
    /** Reason codes that make an interaction a complaint when is_complaint is empty (as in issue 3). */
    static final List<String> COMPLAINT_REASONS = List.of("late_delivery", "damaged", "wrong_item", "missing_item",
            "billing", "return");
    /** The interaction channels of the contract, in a stable order: one contacts_90d_<channel> column each. */
    static final List<String> CHANNELS = List.copyOf(new TreeSet<>(
            DataContract.INTERACTIONS.column("channel").orElseThrow().allowedValues()));

    private final JobContext ctx;
    private final Timestamp endExclusive;
    private final Timestamp windowStart;

    public Customer360(JobContext ctx) {
        this.ctx = ctx;
        LocalDate day = ctx.runDate();
        this.endExclusive = ctx.endOfRunDate();
        this.windowStart = ctx.startOf(day.minusDays(CONTACT_WINDOW_DAYS - 1L));
    }

    /** Output columns and their types, in table order, as the gold contract declares them (run_date aside: the gold write adds it). */
    public static Map<String, DataType> schema() {
        Map<String, DataType> s = new LinkedHashMap<>();
        GoldContract.CUSTOMER_360.columns().stream().filter(c -> !c.name().equals(Tables.RUN_DATE))
                .forEach(c -> s.put(c.name(), c.type()));
        return s;
    }

    /** The table's rows, or empty when there is no customer population (neither silver.customers nor customer_value). */
    public Optional<Dataset<Row>> build() {
        Optional<Dataset<Row>> population = population();
        if (population.isEmpty()) {
            return Optional.empty();
        }
        Dataset<Row> rows = population.get();
        List<String> counts = new ArrayList<>();
        for (Optional<Dataset<Row>> section : List.of(value(), nextBestOffer(), contacts(counts),
                lastContact(), openComplaints(counts), lastShipmentProblem(), lastSurvey("NPS", "last_nps"),
                lastSurvey("CSAT", "last_csat"))) {
            if (section.isPresent()) {
                rows = rows.join(section.get(), scalaSeq("customer_id"), "left");
            }
        }
        List<String> present = Arrays.asList(rows.columns());
        List<Column> out = new ArrayList<>();
        for (Map.Entry<String, DataType> column : schema().entrySet()) {
            String name = column.getKey();
            Column value = !present.contains(name) ? lit(null)
                    : counts.contains(name) ? coalesce(col(name), lit(0L)) : col(name);
            out.add(value.cast(column.getValue()).as(name));
        }
        return Optional.of(rows.select(out.toArray(Column[]::new)));
    }

    private Optional<Dataset<Row>> population() {
        if (ctx.warehouse().exists(Layer.SILVER, "customers")) {
            Dataset<Row> customers = silver("customers");
            return Optional.of(customers.select(col("customer_id"), col("region"), col("vip"), col("signup_date"))
                    .dropDuplicates("customer_id"));
        }
        return gold(GoldTables.CUSTOMER_VALUE).map(v -> v.select("customer_id").distinct());
    }

    private Optional<Dataset<Row>> value() {
        return gold(GoldTables.CUSTOMER_VALUE).map(v -> {
            GoldTables.require(v, GoldTables.CUSTOMER_VALUE, "customer_id", GoldTables.VALUE_TIER,
                    GoldTables.RFM_SEGMENT, GoldTables.PROBABILITY_ALIVE, GoldTables.CLV);
            Column atRisk = Arrays.asList(v.columns()).contains(GoldTables.HIGH_VALUE_AT_RISK)
                    ? col(GoldTables.HIGH_VALUE_AT_RISK) : Segments.highValueAtRiskRule();
            // One row per customer even if the input breaks its key (the gates report that on customer_value).
            return v.select(col("customer_id"), col(GoldTables.VALUE_TIER), col(GoldTables.RFM_SEGMENT),
                    col(GoldTables.PROBABILITY_ALIVE), col(GoldTables.CLV), atRisk.as("high_value_at_risk"))
                    .dropDuplicates("customer_id");
        });
    }

    private Optional<Dataset<Row>> nextBestOffer() {
        return gold(GoldTables.NEXT_BEST_OFFER).map(n -> {
            GoldTables.require(n, GoldTables.NEXT_BEST_OFFER, "customer_id", GoldTables.CATEGORY, GoldTables.REASON);
            return n.select(col("customer_id"), col(GoldTables.CATEGORY).as("next_best_offer"),
                    col(GoldTables.REASON).as("next_best_offer_reason")).dropDuplicates("customer_id");
        });
    }

    /** Identified contacts up to the end of the run date. */
    private Optional<Dataset<Row>> interactions() {
        if (!ctx.warehouse().exists(Layer.SILVER, "interactions")) {
            return Optional.empty();
        }
        return Optional.of(silver("interactions").where(col("customer_id").isNotNull()
                .and(col("started_ts").lt(lit(endExclusive)))));
    }

    private Optional<Dataset<Row>> contacts(List<String> counts) {
        return interactions().map(i -> {
            List<Column> aggregates = new ArrayList<>();
            for (String channel : CHANNELS) {
                aggregates.add(sum(when(col("channel").equalTo(channel), 1L).otherwise(0L)).as("contacts_90d_" + channel));
                counts.add("contacts_90d_" + channel);
            }
            counts.add("contacts_90d");
            return i.where(col("started_ts").geq(lit(windowStart))).groupBy("customer_id")
                    .agg(count(lit(1)).as("contacts_90d"), aggregates.toArray(Column[]::new));
        });
    }

    private Optional<Dataset<Row>> lastContact() {
        return interactions().map(i -> i.groupBy("customer_id")
                .agg(max(struct(col("started_ts"), col("channel"), col("reason_code"), col("resolved"))).as("last"))
                .select(col("customer_id"), to_date(col("last.started_ts")).as("last_contact_date"),
                        col("last.channel").as("last_contact_channel"),
                        col("last.reason_code").as("last_contact_reason"),
                        col("last.resolved").as("last_contact_resolved")));
    }

    /**
     * Complaints not resolved in their contact and not followed by a resolved contact from the same customer.
     * Which interactions are complaints comes from gold.complaint_attribution when the root-cause job ran (it
     * also classifies free-text notes); otherwise from is_complaint, or the reason code when that is empty.
     */
    private Optional<Dataset<Row>> openComplaints(List<String> counts) {
        return interactions().map(i -> {
            Dataset<Row> complaints = complaintIds(i);
            Dataset<Row> lastResolved = i.where(col("resolved").equalTo(true)).groupBy("customer_id")
                    .agg(max("started_ts").as("last_resolved_ts"));
            counts.add("open_complaints");
            return complaints.join(lastResolved, scalaSeq("customer_id"), "left")
                    .where(coalesce(col("resolved"), lit(false)).equalTo(false)
                            .and(col("last_resolved_ts").isNull().or(col("last_resolved_ts").leq(col("started_ts")))))
                    .groupBy("customer_id").agg(count(lit(1)).as("open_complaints"));
        });
    }

    private Dataset<Row> complaintIds(Dataset<Row> interactions) {
        Optional<Dataset<Row>> attribution = gold(GoldTables.COMPLAINT_ATTRIBUTION);
        Dataset<Row> fields = interactions.select("interaction_id", "customer_id", "started_ts", "resolved");
        if (attribution.isPresent()) {
            GoldTables.require(attribution.get(), GoldTables.COMPLAINT_ATTRIBUTION, GoldTables.INTERACTION_ID);
            return fields.join(attribution.get().select(GoldTables.INTERACTION_ID).distinct(),
                    scalaSeq("interaction_id"), "left_semi");
        }
        Column byReason = col("reason_code").isin(COMPLAINT_REASONS.toArray());
        return interactions.where(coalesce(col("is_complaint"), byReason, lit(false)))
                .select("interaction_id", "customer_id", "started_ts", "resolved");
    }

    /**
     * The customer's most recent shipment (by ship time) that went wrong: lost, returned, delivered after the
     * promised date (late), or still undelivered past it (overdue). Shipments reach customers through orders.
     */
    private Optional<Dataset<Row>> lastShipmentProblem() {
        if (!ctx.warehouse().exists(Layer.SILVER, "shipments") || !ctx.warehouse().exists(Layer.SILVER, "orders")) {
            return Optional.empty();
        }
        java.sql.Date runDate = java.sql.Date.valueOf(ctx.runDate());
        Column delivered = col("delivered_ts").isNotNull().and(col("delivered_ts").lt(lit(endExclusive)));
        Column problem = when(col("status").equalTo("lost"), lit("lost"))
                .when(col("status").equalTo("returned"), lit("returned"))
                .when(delivered.and(to_date(col("delivered_ts")).gt(col("promised_date"))), lit("late"))
                .when(not(delivered).and(col("promised_date").lt(lit(runDate))), lit("overdue"));
        Dataset<Row> orders = silver("orders").select("order_id", "customer_id");
        return Optional.of(silver("shipments").where(col("shipped_ts").lt(lit(endExclusive)))
                .withColumn("problem", problem).where(col("problem").isNotNull())
                .join(orders, scalaSeq("order_id"))
                .groupBy("customer_id")
                .agg(max(struct(col("shipped_ts"), col("shipment_id"), col("problem"))).as("last"))
                .select(col("customer_id"), col("last.problem").as("last_shipment_problem"),
                        to_date(col("last.shipped_ts")).as("last_shipment_problem_date"),
                        col("last.shipment_id").as("last_shipment_problem_shipment_id")));
    }

    private Optional<Dataset<Row>> lastSurvey(String type, String prefix) {
        if (!ctx.warehouse().exists(Layer.SILVER, "surveys")) {
            return Optional.empty();
        }
        return Optional.of(silver("surveys").where(col("survey_type").equalTo(type)
                        .and(col("submitted_ts").lt(lit(endExclusive))))
                .groupBy("customer_id").agg(max(struct(col("submitted_ts"), col("score"))).as("last"))
                .select(col("customer_id"), col("last.score").as(prefix),
                        to_date(col("last.submitted_ts")).as(prefix + "_date")));
    }

    private Dataset<Row> silver(String entity) {
        return ctx.warehouse().read(Layer.SILVER, entity);
    }

    /** A gold table as of the run date (its newest run date on or before it), if it has such rows. */
    private Optional<Dataset<Row>> gold(String table) {
        return readGoldAsOf(ctx, table);
    }

    static Optional<Dataset<Row>> readGoldAsOf(JobContext ctx, String table) {
        if (!ctx.goldExists(table)) {
            return Optional.empty();
        }
        try {
            return Optional.of(ctx.readGoldAsOf(table));
        } catch (UserException noRowsYet) {
            return Optional.empty();
        }
    }

    static scala.collection.immutable.Seq<String> scalaSeq(String... columns) {
        return scala.jdk.javaapi.CollectionConverters.asScala(Arrays.asList(columns)).toList();
    }
}
