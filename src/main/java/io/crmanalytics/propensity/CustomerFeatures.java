package io.crmanalytics.propensity;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.datediff;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.filter;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.unix_timestamp;
import static org.apache.spark.sql.functions.when;

import io.crmanalytics.job.JobContext;
import io.crmanalytics.warehouse.Layer;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructField;

/**
 * One row per customer and cut-off with features computed only from what was known at the cut-off (the end of
 * the cut-off date in the run's time zone): RFM and spend, purchase rates, per-category spend, recency, rate and share, order channel mix,
 * contacts by channel and reason, complaints (recent, unresolved), survey scores, tenure, region, VIP, every
 * column of {@code customer_attributes}, and the CLV figures when a caller passes a {@code gold.customer_value}
 * snapshot taken on or before the cut-off. Every event is compared with the end of each cut-off before anything
 * is aggregated, and only the cut-offs it precedes receive it: that is what keeps labels out of the features
 * (see the leakage test).
 */
final class CustomerFeatures {
    static final List<String> ORDER_CHANNELS = List.of("web", "app", "phone", "store", "other");
    static final List<String> CONTACT_CHANNELS = List.of("phone", "email", "chat", "ivr", "social", "sms", "store");
    static final List<String> REASONS = List.of("late_delivery", "damaged", "wrong_item", "missing_item", "billing",
            "return", "product_question", "account", "other");
    /** Reasons that make a contact a complaint when the agent left is_complaint empty. */
    static final List<String> COMPLAINT_REASONS = List.of("late_delivery", "damaged", "wrong_item", "missing_item");
    /** "Never" and "long ago" look the same to a model after three years; capping keeps linear models sane. */
    static final double RECENCY_CAP_DAYS = 3 * 365;
    private static final Set<String> LINEAGE = Set.of("customer_id", "_batch_id", "_ingested_at", "run_date");

    /** The feature rows and the names of their numeric and string feature columns. */
    record Table(Dataset<Row> rows, List<String> numeric, List<String> strings) {
    }

    private final JobContext ctx;
    private final int recentDays;
    private final List<String> categoryKeys;
    private final Dataset<Row> lines;
    // Each silver table is resolved once: every Delta read costs a snapshot lookup, and there are three cut-offs.
    private final Dataset<Row> customers;
    private final Dataset<Row> orders;
    private final Dataset<Row> interactions;
    private final Dataset<Row> surveys;
    private final Dataset<Row> attributes;

    CustomerFeatures(JobContext ctx, int recentDays, List<String> categoryKeys, Dataset<Row> lines) {
        this.ctx = ctx;
        this.recentDays = recentDays;
        this.categoryKeys = List.copyOf(categoryKeys);
        this.lines = lines;
        this.customers = ctx.warehouse().read(Layer.SILVER, "customers");
        this.orders = ctx.warehouse().read(Layer.SILVER, "orders");
        this.interactions = optional(ctx, "interactions");
        this.surveys = optional(ctx, "surveys");
        this.attributes = optional(ctx, "customer_attributes");
    }

    private static Dataset<Row> optional(JobContext ctx, String table) {
        return ctx.warehouse().exists(Layer.SILVER, table) ? ctx.warehouse().read(Layer.SILVER, table) : null;
    }

    private static final double WEEK = 7 * 86_400.0;

    /**
     * The features at one cut-off (no {@link #CUTOFF} column): {@link #at(List, Map)} for that cut-off alone.
     *
     * @param clv a {@code gold.customer_value} snapshot from on or before the cut-off, or null to leave CLV out
     */
    Table at(LocalDate cutoff, Dataset<Row> clv) {
        Table table = at(List.of(cutoff), clv == null ? Map.of() : Map.of(cutoff, clv));
        return new Table(table.rows().drop(CUTOFF), table.numeric(), table.strings());
    }

    /**
     * The features at several cut-offs from one pass over each event table: every event is paired with the
     * cut-offs it precedes (a generator over a literal array of the cut-offs) and aggregated by cut-off and customer, so the
     * tables are read once however many cut-offs there are. One row per cut-off and customer who existed then,
     * keyed by {@link #CUTOFF}; each cut-off's row is what {@link #at(LocalDate, Dataset)} gives for it alone.
     *
     * @param clv per cut-off, a {@code gold.customer_value} snapshot from on or before it; cut-offs without one
     *            get no CLV figures (missing, imputed), and an empty map leaves CLV out
     */
    Table at(List<LocalDate> cutoffs, Map<LocalDate, Dataset<Row>> clv) {
        List<LocalDate> missing = cutoffs.stream().filter(c -> !rhythms.containsKey(c)).toList();
        if (!missing.isEmpty()) {
            prepare(missing);
        }
        Column ends = cutoffStructs(cutoffs);
        List<String> numeric = new ArrayList<>();
        List<String> strings = new ArrayList<>();

        Dataset<Row> orderFeatures = orderFeatures(ends, numeric);
        List<Column> columns = new ArrayList<>(List.of(col("customer_id"), col(CUTOFF), col("region"),
                datediff(col(CUTOFF), col("signup_date")).cast("double").as("tenure_days"),
                coalesce(col("vip").cast("double"), lit(0.0)).as("vip"),
                coalesce(col("marketing_consent").cast("double"), lit(0.0)).as("marketing_consent")));
        for (String name : orderFeatures.columns()) {
            if (!KEYS.contains(name)) {
                columns.add(col(name));
            }
        }
        Dataset<Row> rows = leftJoin(customers.withColumn(CUTOFF, explode(ends.getField(CUTOFF))), orderFeatures)
                // Who existed at the cut-off: signed up by then, or (no signup date) ordered before it.
                .where(col("signup_date").leq(col(CUTOFF))
                        .or(col("signup_date").isNull().and(col("order_count").isNotNull())))
                .select(columns.toArray(Column[]::new));
        strings.add("region");
        numeric.addAll(List.of("tenure_days", "vip", "marketing_consent"));

        rows = leftJoin(rows, categoryFeatures(ends, numeric));
        if (interactions != null) {
            rows = leftJoin(rows, contactFeatures(ends, numeric));
        }
        if (surveys != null) {
            rows = leftJoin(rows, surveyFeatures(ends, numeric));
        }
        if (attributes != null) {
            rows = rows.join(prefixed(attributes, "attr_", numeric, strings), seq(List.of("customer_id")), "left");
        }
        if (!clv.isEmpty()) {
            Dataset<Row> snapshots = null;
            for (Map.Entry<LocalDate, Dataset<Row>> snapshot : clv.entrySet()) {
                Dataset<Row> tagged = snapshot.getValue().withColumn(CUTOFF, lit(java.sql.Date.valueOf(snapshot.getKey())));
                snapshots = snapshots == null ? tagged : snapshots.unionByName(tagged, true);
            }
            rows = leftJoin(rows, prefixed(snapshots, "clv_", numeric, strings));
        }
        Dataset<Row> table = withRates(fillCounts(rows), numeric);
        // The BG/NBD features need parameters at every cut-off: a cut-off with too few buyers to fit them would
        // leave its rows without the columns the others have.
        Map<LocalDate, PurchaseRhythm.Params> params = new HashMap<>();
        Map<LocalDate, Map<String, Double>> shares = new HashMap<>();
        for (LocalDate cutoff : cutoffs) {
            Rhythm rhythm = rhythms.get(cutoff);
            if (rhythm.params() != null) {
                params.put(cutoff, rhythm.params());
                shares.put(cutoff, rhythm.categoryShares());
            }
        }
        if (params.size() == cutoffs.size()) {
            table = PurchaseRhythm.withFeatures(table, params, shares, recentDays, categoryKeys, numeric);
        }
        return new Table(table, numeric, strings);
    }

    /** The key of each cut-off's rows (a date). */
    static final String CUTOFF = "cutoff";
    private static final String END = "_end";
    private static final String RECENT_START = "_recent_start";
    private static final String END_SECONDS = "_end_seconds";
    private static final Set<String> KEYS = Set.of("customer_id", CUTOFF, END_SECONDS);

    /**
     * One struct per cut-off, as literals: the cut-off date, the end of that date (events before it are known),
     * the start of the recent window, and the end in epoch seconds (for recencies).
     */
    private Column cutoffStructs(List<LocalDate> cutoffs) {
        List<Column> structs = new ArrayList<>();
        for (LocalDate cutoff : cutoffs) {
            Timestamp end = ctx.endOf(cutoff);
            structs.add(struct(lit(java.sql.Date.valueOf(cutoff)).as(CUTOFF), lit(end).as(END),
                    lit(ctx.endOf(cutoff.minusDays(recentDays))).as(RECENT_START), lit(end.getTime() / 1000).as(END_SECONDS)));
        }
        return array(structs.toArray(Column[]::new));
    }

    /**
     * Each event paired with every cut-off it happened before: the conditional part of the one-pass aggregation.
     * A generator over a literal array, not a join: no broadcast, no extra Spark job, the same scan.
     */
    private static Dataset<Row> knownAt(Dataset<Row> events, String timestamp, Column cutoffs) {
        Column ts = col(timestamp);
        return events.withColumn("_c", explode(filter(cutoffs, c -> ts.lt(c.getField(END)))))
                .select(col("*"), col("_c." + CUTOFF), col("_c." + END), col("_c." + RECENT_START), col("_c." + END_SECONDS))
                .drop("_c");
    }

    /** The BG/NBD parameters and the population's category shares of orders at one cut-off. */
    private record Rhythm(PurchaseRhythm.Params params, Map<String, Double> categoryShares) {
    }

    private final Map<LocalDate, Rhythm> rhythms = new HashMap<>();

    /**
     * Fits the BG/NBD parameters and the category shares for several cut-offs at once: three Spark jobs in all
     * instead of several per cut-off (on small data every job costs about a second of overhead). Each cut-off
     * still sees only the orders before it. At most about {@link PurchaseRhythm#FIT_SAMPLE} customers per cut-off,
     * chosen by a hash of the id with a share set by that cut-off's own customer count, so the sample depends
     * neither on partitioning nor on anything after the cut-off.
     */
    void prepare(List<LocalDate> cutoffs) {
        Column ends = cutoffStructs(cutoffs);
        Dataset<Row> known = knownAt(orders.select("customer_id", "order_id", "order_ts"), "order_ts", ends);
        Map<LocalDate, Double> orderTotals = new HashMap<>();
        Column keep = null;
        for (Row r : known.groupBy(CUTOFF).agg(count(lit(1)), countDistinct(col("customer_id"))).collectAsList()) {
            orderTotals.put(r.getDate(0).toLocalDate(), (double) r.getLong(1));
            long buyers = r.getLong(2);
            Column is = col(CUTOFF).equalTo(lit(r.getDate(0)));
            Column share = lit(buyers <= PurchaseRhythm.FIT_SAMPLE
                    ? 1_000_000L : (long) Math.ceil(1_000_000.0 * PurchaseRhythm.FIT_SAMPLE / buyers));
            keep = keep == null ? when(is, share) : keep.when(is, share);
        }
        Map<LocalDate, List<double[]>> histories = new HashMap<>();
        if (keep != null) {
            for (Row r : known.where(org.apache.spark.sql.functions.pmod(
                            org.apache.spark.sql.functions.xxhash64(col("customer_id")), lit(1_000_000L)).lt(keep))
                    .groupBy(CUTOFF, "customer_id", END)
                    .agg(count(lit(1)).as("n"), min("order_ts").as("first"), max("order_ts").as("last"))
                    .select(col(CUTOFF), col("n").minus(1).cast("double"),
                            unix_timestamp(col("last")).minus(unix_timestamp(col("first"))).cast("double").divide(WEEK),
                            unix_timestamp(col(END)).minus(unix_timestamp(col("first"))).cast("double").divide(WEEK))
                    .collectAsList()) {
                histories.computeIfAbsent(r.getDate(0).toLocalDate(), c -> new ArrayList<>())
                        .add(new double[] {r.getDouble(1), r.getDouble(2), r.getDouble(3)});
            }
        }
        Map<LocalDate, Map<String, Double>> shares = new HashMap<>();
        for (Row r : knownAt(lines, "order_ts", ends)
                .groupBy(CUTOFF, "category_key").agg(countDistinct(col("order_id"))).collectAsList()) {
            LocalDate cutoff = r.getDate(0).toLocalDate();
            shares.computeIfAbsent(cutoff, c -> new java.util.TreeMap<>())
                    .put(r.getString(1), r.getLong(2) / orderTotals.getOrDefault(cutoff, 1.0));
        }
        for (LocalDate cutoff : cutoffs) {
            PurchaseRhythm.Params params = PurchaseRhythm.fit(histories.getOrDefault(cutoff, List.of()));
            if (params != null) {
                ctx.progress().info("  BG/NBD at %s: r %.3f alpha %.3f a %.3f b %.3f (weeks)", cutoff, params.r(),
                        params.alpha(), params.a(), params.b());
            }
            Map<String, Double> categoryShare = new java.util.TreeMap<>();
            for (String key : categoryKeys) {
                categoryShare.put(key, shares.getOrDefault(cutoff, Map.of()).getOrDefault(key, 0.0));
            }
            rhythms.put(cutoff, new Rhythm(params, categoryShare));
        }
    }

    private Dataset<Row> orderFeatures(Column ends, List<String> numeric) {
        Column recent = col("order_ts").geq(col(RECENT_START));
        List<Column> aggs = new ArrayList<>(List.of(
                sum(col("total_amount").cast("double")).as("total_spend"),
                max(col("order_ts")).as("last_ts"), min(col("order_ts")).as("first_ts"),
                sum(when(recent, 1).otherwise(0)).cast("double").as("recent_orders"),
                sum(when(recent, col("total_amount").cast("double")).otherwise(0.0)).as("recent_spend")));
        for (String channel : ORDER_CHANNELS) {
            aggs.add(sum(when(col("channel").equalTo(channel), 1).otherwise(0)).cast("double").as("n_" + channel));
        }
        Dataset<Row> agg = knownAt(orders, "order_ts", ends).groupBy(col("customer_id"), col(CUTOFF), col(END_SECONDS))
                .agg(count(lit(1)).cast("double").as("order_count"), aggs.toArray(Column[]::new));
        List<Column> out = new ArrayList<>(List.of(col("customer_id"), col(CUTOFF), col("order_count"),
                col("total_spend"), col("recent_orders"), col("recent_spend"),
                col("total_spend").divide(col("order_count")).as("avg_order_value"),
                days(col("last_ts")).as("days_since_last_order"),
                days(col("first_ts")).as("days_since_first_order")));
        numeric.addAll(List.of("order_count", "total_spend", "recent_orders", "recent_spend", "avg_order_value",
                "days_since_last_order", "days_since_first_order"));
        for (String channel : ORDER_CHANNELS) {
            out.add(col("n_" + channel).divide(col("order_count")).as("channel_share_" + channel));
            numeric.add("channel_share_" + channel);
        }
        return agg.select(out.toArray(Column[]::new));
    }

    private Dataset<Row> categoryFeatures(Column ends, List<String> numeric) {
        // One row per order and category before the pairing with cut-offs: counting those rows counts the
        // distinct orders with the category, without a distinct aggregate (which Spark plans as an expansion of
        // every row, here of every event paired with every cut-off), and fewer rows are paired.
        Dataset<Row> orderCategories = lines.groupBy("customer_id", "order_id", "order_ts", "category_key")
                .agg(sum(col("line_amount")).as("spend"));
        Column recent = col("order_ts").geq(col(RECENT_START));
        Dataset<Row> pivot = knownAt(orderCategories, "order_ts", ends)
                .groupBy(col("customer_id"), col(CUTOFF), col(END_SECONDS))
                .pivot("category_key", new ArrayList<>(categoryKeys))
                .agg(count(col("order_id")).as("orders"), sum(col("spend")).as("spend"),
                        max(col("order_ts")).as("last"), count(when(recent, col("order_id"))).as("recent"));
        List<Column> out = new ArrayList<>(List.of(col("customer_id"), col(CUTOFF)));
        for (String key : categoryKeys) {
            String p = "cat_" + key + "_";
            out.add(col(key + "_orders").cast("double").as(p + "orders"));
            out.add(col(key + "_spend").as(p + "spend"));
            out.add(col(key + "_recent").cast("double").as(p + "recent_orders"));
            out.add(coalesce(days(col(key + "_last")), lit(RECENCY_CAP_DAYS)).as(p + "days_since"));
            numeric.addAll(List.of(p + "orders", p + "spend", p + "recent_orders", p + "days_since"));
        }
        return pivot.select(out.toArray(Column[]::new));
    }

    private Dataset<Row> contactFeatures(Column ends, List<String> numeric) {
        Dataset<Row> contacts = knownAt(interactions.where(col("customer_id").isNotNull()), "started_ts", ends);
        Column complaint = coalesce(col("is_complaint"), col("reason_code").isin(COMPLAINT_REASONS.toArray()));
        Column recent = col("started_ts").geq(col(RECENT_START));
        List<Column> aggs = new ArrayList<>();
        for (String channel : CONTACT_CHANNELS) {
            aggs.add(sum(when(col("channel").equalTo(channel), 1).otherwise(0)).cast("double").as("contacts_" + channel));
            numeric.add("contacts_" + channel);
        }
        for (String reason : REASONS) {
            aggs.add(sum(when(col("reason_code").equalTo(reason), 1).otherwise(0)).cast("double").as("reason_" + reason));
            numeric.add("reason_" + reason);
        }
        aggs.add(sum(when(recent, 1).otherwise(0)).cast("double").as("contacts_recent"));
        aggs.add(sum(when(complaint.and(recent), 1).otherwise(0)).cast("double").as("complaints_recent"));
        aggs.add(sum(when(complaint.and(recent).and(coalesce(col("resolved"), lit(false)).equalTo(false)), 1)
                .otherwise(0)).cast("double").as("unresolved_complaints_recent"));
        aggs.add(avg(col("wait_seconds").cast("double")).as("avg_wait_seconds"));
        numeric.addAll(List.of("complaints_total", "contacts_recent", "complaints_recent",
                "unresolved_complaints_recent", "avg_wait_seconds"));
        return contacts.groupBy("customer_id", CUTOFF).agg(sum(when(complaint, 1).otherwise(0)).cast("double")
                .as("complaints_total"), aggs.toArray(Column[]::new));
    }

    private Dataset<Row> surveyFeatures(Column ends, List<String> numeric) {
        numeric.addAll(List.of("survey_count", "csat_mean", "nps_mean", "ces_mean"));
        return knownAt(surveys, "submitted_ts", ends).groupBy("customer_id", CUTOFF)
                .agg(count(lit(1)).cast("double").as("survey_count"),
                        avg(when(col("survey_type").equalTo("CSAT"), col("score"))).as("csat_mean"),
                        avg(when(col("survey_type").equalTo("NPS"), col("score"))).as("nps_mean"),
                        avg(when(col("survey_type").equalTo("CES"), col("score"))).as("ces_mean"));
    }

    /**
     * customer_id (and the cut-off, when the table has one) plus every numeric (as double), string and boolean
     * column, renamed with a prefix.
     */
    private static Dataset<Row> prefixed(Dataset<Row> table, String prefix, List<String> numeric,
                                         List<String> strings) {
        List<Column> out = new ArrayList<>(List.of(col("customer_id")));
        if (List.of(table.columns()).contains(CUTOFF)) {
            out.add(col(CUTOFF));
        }
        for (StructField field : table.schema().fields()) {
            if (LINEAGE.contains(field.name()) || field.name().equals(CUTOFF)) {
                continue;
            }
            String name = prefix + field.name();
            if (field.dataType() instanceof NumericType) {
                out.add(col(FeatureSpec.quote(field.name())).cast("double").as(name));
                numeric.add(name);
            } else if (field.dataType() instanceof StringType) {
                out.add(col(FeatureSpec.quote(field.name())).as(name));
                strings.add(name);
            } else if (field.dataType() instanceof org.apache.spark.sql.types.BooleanType) {
                out.add(col(FeatureSpec.quote(field.name())).cast("double").as(name));
                numeric.add(name);
            }
        }
        return table.select(out.toArray(Column[]::new));
    }

    /** Joins a per cut-off and customer table on both. */
    private static Dataset<Row> leftJoin(Dataset<Row> rows, Dataset<Row> more) {
        return rows.join(more, seq(List.of("customer_id", CUTOFF)), "left");
    }

    private static scala.collection.immutable.Seq<String> seq(List<String> names) {
        return scala.jdk.javaapi.CollectionConverters.asScala(names).toList();
    }

    /** Counts and spends are 0 for a customer with no events; averages and recencies stay missing (imputed). */
    private Dataset<Row> fillCounts(Dataset<Row> rows) {
        List<String> zeroes = new ArrayList<>(List.of("order_count", "total_spend", "recent_orders", "recent_spend"));
        for (String c : rows.columns()) {
            if (c.startsWith("contacts_") || c.startsWith("reason_") || c.startsWith("complaints_")
                    || c.equals("unresolved_complaints_recent") || c.equals("survey_count")
                    || (c.startsWith("cat_") && !c.endsWith("_days_since")) || c.startsWith("channel_share_")) {
                zeroes.add(c);
            }
        }
        Dataset<Row> filled = rows.na().fill(0.0, zeroes.toArray(String[]::new));
        List<String> recency = new ArrayList<>(List.of("days_since_last_order", "days_since_first_order"));
        for (String key : categoryKeys) {
            recency.add("cat_" + key + "_days_since");
        }
        for (String c : recency) {
            filled = filled.withColumn(c, least(coalesce(col(c), lit(RECENCY_CAP_DAYS)), lit(RECENCY_CAP_DAYS)));
        }
        return filled;
    }

    /**
     * Rates and shares, which a linear model cannot form from counts itself: purchase rate overall and per
     * category (orders per 30 days of history), each category's share of the customer's orders, and how much of
     * the customer's history has passed since the last order (high = probably lapsed).
     */
    private Dataset<Row> withRates(Dataset<Row> rows, List<String> numeric) {
        Column history = org.apache.spark.sql.functions.greatest(col("days_since_first_order"), lit(30.0));
        Dataset<Row> out = rows
                .withColumn("order_rate_30d", col("order_count").multiply(30.0).divide(history))
                .withColumn("lapsed_share", when(col("order_count").gt(0),
                        col("days_since_last_order").divide(history)).otherwise(lit(1.0)));
        numeric.addAll(List.of("order_rate_30d", "lapsed_share"));
        for (String key : categoryKeys) {
            String p = "cat_" + key + "_";
            out = out.withColumn(p + "rate_30d", col(p + "orders").multiply(30.0).divide(history))
                    .withColumn(p + "share", when(col("order_count").gt(0),
                            col(p + "orders").divide(col("order_count"))).otherwise(lit(0.0)));
            numeric.addAll(List.of(p + "rate_30d", p + "share"));
        }
        return out;
    }

    /** Days from an event to the end of its cut-off (the aggregate keeps the cut-off's end in seconds). */
    private static Column days(Column ts) {
        return col(END_SECONDS).minus(unix_timestamp(ts)).cast("double").divide(86400.0);
    }
}
