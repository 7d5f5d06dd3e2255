package io.crmanalytics.publish;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max_by;

import io.crmanalytics.core.UserException;
import io.crmanalytics.job.JobContext;
import io.crmanalytics.warehouse.Layer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The marketing segments, built from the gold tables as of the run date: one per RFM segment
 * ({@code rfm_<slug>}), one per value tier ({@code tier_<tier>}), {@code high_value_at_risk}, and the top decile
 * of each category's propensity ({@code propensity_top_decile_<category>}). RFM segments and tiers are listed even
 * when empty, so the list does not change shape from one night to the next.
 */
public final class Segments {
    public static final List<String> RFM_SEGMENTS = List.of("Champions", "Loyal", "Potential loyalist", "New",
            "At risk", "Can't lose them", "Hibernating", "Lost");
    public static final List<String> VALUE_TIERS = List.of("platinum", "gold", "silver", "bronze");
    /** Tiers that count as high value, and the probability alive below which such a customer is at risk. */
    static final List<String> HIGH_VALUE_TIERS = List.of("platinum", "gold");
    static final double AT_RISK_PROBABILITY_ALIVE = 0.5;

    /** One segment: its slug name, a readable definition, and its members (customer_id). */
    public record Segment(String name, String definition, Dataset<Row> members) {
    }

    private final JobContext ctx;
    private final Optional<Dataset<Row>> value;
    private final Optional<Dataset<Row>> propensity;

    public Segments(JobContext ctx) {
        this.ctx = ctx;
        this.value = Customer360.readGoldAsOf(ctx, GoldTables.CUSTOMER_VALUE);
        this.propensity = Customer360.readGoldAsOf(ctx, GoldTables.PROPENSITY_SCORES);
        value.ifPresent(v -> GoldTables.require(v, GoldTables.CUSTOMER_VALUE, "customer_id", GoldTables.VALUE_TIER,
                GoldTables.RFM_SEGMENT, GoldTables.PROBABILITY_ALIVE));
        propensity.ifPresent(p -> GoldTables.require(p, GoldTables.PROPENSITY_SCORES, "customer_id",
                GoldTables.CATEGORY, GoldTables.PROPENSITY, GoldTables.DECILE));
    }

    /** The rule used when gold.customer_value carries no high_value_at_risk column of its own. */
    static Column highValueAtRiskRule() {
        return col(GoldTables.VALUE_TIER).isin(HIGH_VALUE_TIERS.toArray())
                .and(col(GoldTables.PROBABILITY_ALIVE).lt(AT_RISK_PROBABILITY_ALIVE));
    }

    /** Lowercase slug: letters and digits, words joined by '_' ("Can't lose them" -> "cant_lose_them"). */
    public static String slug(String text) {
        return text.toLowerCase(Locale.ROOT).replace("'", "").replaceAll("[^a-z0-9]+", "_")
                .replaceAll("^_+|_+$", "");
    }

    /** Every segment, in a stable order; empty when neither customer_value nor propensity_scores exists. */
    public List<Segment> all() {
        List<Segment> segments = new ArrayList<>();
        value.ifPresent(v -> {
            for (String rfm : RFM_SEGMENTS) {
                segments.add(new Segment("rfm_" + slug(rfm), "RFM segment '" + rfm + "' (gold.customer_value)",
                        v.where(col(GoldTables.RFM_SEGMENT).equalTo(rfm)).select("customer_id")));
            }
            for (String tier : VALUE_TIERS) {
                segments.add(new Segment("tier_" + tier, "value tier " + tier + " by CLV (gold.customer_value)",
                        v.where(col(GoldTables.VALUE_TIER).equalTo(tier)).select("customer_id")));
            }
            boolean ownFlag = Arrays.asList(v.columns()).contains(GoldTables.HIGH_VALUE_AT_RISK);
            segments.add(new Segment("high_value_at_risk", ownFlag
                    ? "high_value_at_risk = true (gold.customer_value)"
                    : "value tier " + String.join(" or ", HIGH_VALUE_TIERS) + " and probability_alive < "
                            + AT_RISK_PROBABILITY_ALIVE + " (gold.customer_value)",
                    v.where(ownFlag ? col(GoldTables.HIGH_VALUE_AT_RISK).equalTo(true) : highValueAtRiskRule())
                            .select("customer_id")));
        });
        propensity.ifPresent(p -> segments.addAll(topDeciles(p)));
        return segments;
    }

    /**
     * One segment per category: the customers in the decile that holds the category's highest propensity. Taking
     * the decile of the top score works whether the scoring job numbers its best decile 1 or 10.
     */
    private List<Segment> topDeciles(Dataset<Row> p) {
        String category = GoldTables.CATEGORY;
        List<Row> tops = p.groupBy(category).agg(max_by(col(GoldTables.DECILE), col(GoldTables.PROPENSITY)).as("top"))
                .orderBy(category).collectAsList();
        List<Segment> segments = new ArrayList<>();
        for (Row top : tops) {
            if (top.isNullAt(0)) {
                continue;
            }
            String name = top.getString(0);
            Object decile = top.get(1);
            segments.add(new Segment("propensity_top_decile_" + slug(name),
                    "top propensity decile (decile " + decile + ") for category '" + name
                            + "' (gold.propensity_scores)",
                    p.where(col(category).equalTo(name).and(col(GoldTables.DECILE).equalTo(lit(decile))))
                            .select("customer_id").distinct()));
        }
        return segments;
    }

    /** Segment sizes (distinct customers), all counted in one Spark job over the union of the memberships. */
    public Map<String, Long> sizes(List<Segment> segments) {
        Map<String, Long> sizes = new LinkedHashMap<>();
        Dataset<Row> union = null;
        for (Segment segment : segments) {
            sizes.put(segment.name(), 0L);
            Dataset<Row> members = segment.members().select(lit(segment.name()).as("segment"), col("customer_id"));
            union = union == null ? members : union.unionAll(members);
        }
        if (union == null) {
            return sizes;
        }
        // Each segment filters one of two small source tables: read each once, not once per segment.
        value.ifPresent(Dataset::persist);
        propensity.ifPresent(Dataset::persist);
        try {
            for (Row row : union.distinct().groupBy("segment").count().collectAsList()) {
                sizes.put(row.getString(0), row.getLong(1));
            }
        } finally {
            value.ifPresent(Dataset::unpersist);
            propensity.ifPresent(Dataset::unpersist);
        }
        return sizes;
    }

    /** Every segment; fails with a clear line when there is nothing to segment on. */
    public List<Segment> allOrFail() {
        List<Segment> segments = all();
        if (segments.isEmpty()) {
            throw new UserException("no segments: gold.customer_value and gold.propensity_scores are both absent "
                    + "(run `crm clv` and `crm propensity` first)");
        }
        return segments;
    }

    public Segment find(String name) {
        List<Segment> segments = allOrFail();
        return segments.stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new UserException("unknown segment '" + name + "'; known segments: "
                        + String.join(", ", segments.stream().map(Segment::name).toList())));
    }

    /** What a campaign list can carry; an export takes only the ones it names. */
    public static final List<String> CAMPAIGN_COLUMNS = List.of("customer_id", "name", "email", "phone", "segment",
            "value_tier", "next_best_offer");
    public static final String CAMPAIGN_COLUMNS_TEXT = "customer_id, name, email, phone, segment, value_tier, "
            + "next_best_offer";

    /**
     * The campaign list of a segment: consented customers only, with the chosen columns of
     * {@link #CAMPAIGN_COLUMNS}, in customer order; an unknown column is one clear line. Personal data leaves
     * silver only here.
     */
    public Dataset<Row> campaignList(Segment segment, List<String> columns) {
        List<String> unknown = columns.stream().filter(c -> !CAMPAIGN_COLUMNS.contains(c)).toList();
        if (columns.isEmpty() || !unknown.isEmpty()) {
            throw new UserException("unknown campaign column(s) " + unknown + "; choose from "
                    + CAMPAIGN_COLUMNS_TEXT);
        }
        return campaignList(segment).select(columns.stream().distinct().map(org.apache.spark.sql.functions::col)
                .toArray(Column[]::new));
    }

    private Dataset<Row> campaignList(Segment segment) {
        if (!ctx.warehouse().exists(Layer.SILVER, "customers")) {
            throw new UserException("silver.customers does not exist: a campaign list needs consent and contact "
                    + "details (run `crm ingest` with a customers file)");
        }
        Dataset<Row> consented = ctx.warehouse().read(Layer.SILVER, "customers")
                .where(col("marketing_consent").equalTo(true))
                .select("customer_id", "name", "email", "phone");
        Dataset<Row> rows = segment.members().distinct().join(consented, Customer360.scalaSeq("customer_id"));
        Column tier = lit(null).cast("string");
        if (value.isPresent()) {
            rows = rows.join(value.get().select(col("customer_id"), col(GoldTables.VALUE_TIER)),
                    Customer360.scalaSeq("customer_id"), "left");
            tier = col(GoldTables.VALUE_TIER);
        }
        Column offer = lit(null).cast("string");
        Optional<Dataset<Row>> nbo = Customer360.readGoldAsOf(ctx, GoldTables.NEXT_BEST_OFFER);
        if (nbo.isPresent()) {
            GoldTables.require(nbo.get(), GoldTables.NEXT_BEST_OFFER, "customer_id", GoldTables.CATEGORY);
            rows = rows.join(nbo.get().select(col("customer_id"), col(GoldTables.CATEGORY).as("nbo_category"))
                    .dropDuplicates("customer_id"), Customer360.scalaSeq("customer_id"), "left");
            offer = col("nbo_category");
        }
        return rows.select(col("customer_id"), col("name"), col("email"), col("phone"),
                        lit(segment.name()).as("segment"), tier.as("value_tier"), offer.as("next_best_offer"))
                .orderBy("customer_id");
    }
}
