package io.crmanalytics.value;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import io.crmanalytics.core.InvalidOption;
import io.crmanalytics.core.UserException;
import java.util.Locale;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * RFM scores, named RFM segments, CLV value tiers and the "high value at risk" flag (rules in docs/value.md).
 * Quintile cut points come from {@code approxQuantile} (relative error 1e-4), which scales to any number of
 * customers, unlike a global window; customers tied on a value always get the same score.
 */
public final class ValueSegments {
    /** Segment names, in the order the rules are tried. */
    public static final String CHAMPIONS = "Champions";
    public static final String LOYAL = "Loyal";
    public static final String NEW = "New";
    public static final String POTENTIAL_LOYALIST = "Potential loyalist";
    public static final String CANT_LOSE_THEM = "Can't lose them";
    public static final String AT_RISK = "At risk";
    public static final String HIBERNATING = "Hibernating";
    public static final String LOST = "Lost";

    private static final double[] QUINTILES = {0.2, 0.4, 0.6, 0.8};
    private static final double RELATIVE_ERROR = 1e-4;

    private ValueSegments() {
    }

    /**
     * Shares of customers (by CLV, highest first) in the platinum, gold and silver tiers; the rest is bronze.
     */
    public record TierShares(double platinum, double gold, double silver) {
        public TierShares {
            if (platinum < 0 || gold < 0 || silver < 0 || platinum + gold + silver > 1) {
                throw new UserException(String.format(Locale.ROOT,
                        "tier shares must be >= 0 and add up to at most 100%%, got %s%%, %s%%, %s%%",
                        platinum * 100, gold * 100, silver * 100));
            }
        }

        /** Parses "5,15,30" (percent of customers for platinum, gold, silver). */
        public static TierShares parse(String text) {
            String[] parts = text.split(",");
            if (parts.length != 3) {
                throw new InvalidOption("tierShares", InvalidOption.OPTION
                        + " needs three percentages PLATINUM,GOLD,SILVER, e.g. 5,15,30; got '" + text + "'");
            }
            try {
                return new TierShares(Double.parseDouble(parts[0].trim()) / 100,
                        Double.parseDouble(parts[1].trim()) / 100, Double.parseDouble(parts[2].trim()) / 100);
            } catch (NumberFormatException e) {
                throw new InvalidOption("tierShares", InvalidOption.OPTION + " needs numbers, e.g. 5,15,30; got '"
                        + text + "'");
            }
        }
    }

    /**
     * Adds {@code rfm_recency}, {@code rfm_frequency}, {@code rfm_monetary} (1-5, 5 best) and {@code rfm_segment}.
     * Recency is time since the last occasion (T - recency, shorter is better), frequency the number of occasions,
     * monetary the mean amount per occasion over all occasions (the first included, so one-time buyers are scored too).
     */
    public static Dataset<Row> withRfm(Dataset<Row> summary) {
        Dataset<Row> base = summary
                .withColumn("since_last", col("T").minus(col("recency")))
                .withColumn("mean_occasion_amount", col("total_amount").divide(col("occasions")));
        double[][] cuts = base.stat().approxQuantile(
                new String[] {"since_last", "occasions", "mean_occasion_amount"}, QUINTILES, RELATIVE_ERROR);
        Column r = score(col("since_last"), cuts[0], false);
        Column f = score(col("occasions"), cuts[1], true);
        Column m = score(col("mean_occasion_amount"), cuts[2], true);
        return base.withColumn("rfm_recency", r)
                .withColumn("rfm_frequency", f)
                .withColumn("rfm_monetary", m)
                .withColumn("rfm_segment", segment(col("rfm_recency"), col("rfm_frequency")))
                .drop("since_last", "mean_occasion_amount");
    }

    /** 1 + the number of quintile cut points the value beats (is above, or below when lower is better). */
    private static Column score(Column value, double[] cuts, boolean higherIsBetter) {
        Column score = lit(1);
        for (double cut : cuts) {
            Column beats = higherIsBetter ? value.gt(cut) : value.lt(cut);
            score = score.plus(when(beats, 1).otherwise(0));
        }
        return score.cast("int");
    }

    /** The segment rules of docs/value.md, on the recency and frequency scores; the first match wins. */
    static Column segment(Column r, Column f) {
        return when(r.geq(4).and(f.geq(4)), CHAMPIONS)
                .when(r.geq(3).and(f.geq(3)), LOYAL)
                .when(r.equalTo(5), NEW)
                .when(r.geq(3), POTENTIAL_LOYALIST)
                .when(f.geq(4), CANT_LOSE_THEM)
                .when(f.equalTo(3), AT_RISK)
                .when(r.equalTo(2), HIBERNATING)
                .otherwise(LOST);
    }

    /**
     * Adds {@code value_tier} (platinum, gold, silver, bronze by CLV cut points at the configured shares; customers
     * tied at a cut point go to the higher tier) and {@code high_value_at_risk}: platinum or gold customers whose
     * probability of being alive is below {@code aliveThreshold}, or whose time since the last purchase exceeds twice
     * their own mean time between purchases (recency / frequency) - a falling purchase frequency.
     */
    public static Dataset<Row> withTiers(Dataset<Row> scored, TierShares shares, double aliveThreshold) {
        double[] cuts = scored.stat().approxQuantile("clv_double",
                new double[] {1 - shares.platinum(), 1 - shares.platinum() - shares.gold(),
                        1 - shares.platinum() - shares.gold() - shares.silver()}, RELATIVE_ERROR);
        Column clv = col("clv_double");
        Column tier = when(lit(shares.platinum() > 0).and(clv.geq(cuts[0])), "platinum")
                .when(lit(shares.gold() > 0).and(clv.geq(cuts[1])), "gold")
                .when(lit(shares.silver() > 0).and(clv.geq(cuts[2])), "silver")
                .otherwise("bronze");
        Column highTier = col("value_tier").isin("platinum", "gold");
        Column fallingFrequency = col("frequency").geq(1)
                .and(col("T").minus(col("recency")).gt(col("recency").divide(col("frequency")).multiply(2)));
        return scored.withColumn("value_tier", tier)
                .withColumn("high_value_at_risk",
                        highTier.and(col("probability_alive").lt(aliveThreshold).or(fallingFrequency)));
    }
}
