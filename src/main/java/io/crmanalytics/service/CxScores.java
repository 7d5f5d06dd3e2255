package io.crmanalytics.service;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sqrt;
import static org.apache.spark.sql.functions.when;

import io.crmanalytics.stats.Distributions;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * {@code gold.cx_scores}, in long format: one row per ({@code dimension}, {@code value}) where dimension is
 * overall, channel, reason, agent, region or month (the month the survey was submitted). A survey counts under
 * channel, reason and agent only when it names the contact it follows.
 * <ul>
 *   <li>nps = % promoters (9-10) - % detractors (0-6), in points (-100..100); its 95% interval is
 *       nps +/- 1.96 * 100 * sqrt((p + d - (p - d)^2) / n), the variance of the promoter/detractor trinomial,
 *       clipped to -100..100;</li>
 *   <li>csat_share = share of CSAT answers that are 4 or 5; ces_average = mean CES score (1-7, lower is better).</li>
 * </ul>
 */
public final class CxScores {
    private CxScores() {
    }

    /** Surveys with the contact, agent and customer attributes they are broken down by. */
    public static Dataset<Row> surveyFacts(Dataset<Row> surveys, Dataset<Row> contacts, Dataset<Row> customers) {
        Dataset<Row> contactAttributes = contacts.select(col("interaction_id"), col("channel"), col("reason"),
                col("agent_id"));
        return surveys.select("survey_id", "customer_id", "interaction_id", "survey_type", "score", "submitted_ts")
                .join(contactAttributes, new String[] {"interaction_id"}, "left")
                .join(customers.select("customer_id", "region"), new String[] {"customer_id"}, "left")
                .withColumn("month", date_format(col("submitted_ts"), "yyyy-MM"));
    }

    public static Dataset<Row> build(Dataset<Row> surveyFacts) {
        Map<String, Column> dimensions = new LinkedHashMap<>();
        dimensions.put("overall", lit("all"));
        dimensions.put("channel", col("channel"));
        dimensions.put("reason", col("reason"));
        dimensions.put("agent", col("agent_id"));
        dimensions.put("region", col("region"));
        dimensions.put("month", col("month"));
        Dataset<Row> result = null;
        for (Map.Entry<String, Column> dimension : dimensions.entrySet()) {
            Dataset<Row> part = scores(surveyFacts.where(dimension.getValue().isNotNull())
                    .groupBy(lit(dimension.getKey()).as("dimension"), dimension.getValue().as("value")));
            result = result == null ? part : result.unionByName(part);
        }
        return result;
    }

    private static Dataset<Row> scores(org.apache.spark.sql.RelationalGroupedDataset groups) {
        Column nps = col("survey_type").equalTo("NPS");
        Column csat = col("survey_type").equalTo("CSAT");
        Column n = col("nps_responses");
        Column promoterShare = col("promoters").divide(n);
        Column detractorShare = col("detractors").divide(n);
        Column halfWidth = lit(Distributions.Z_95 * 100).multiply(sqrt(promoterShare.plus(detractorShare)
                .minus(promoterShare.minus(detractorShare).multiply(promoterShare.minus(detractorShare))).divide(n)));
        return groups.agg(
                        count(when(nps, 1)).as("nps_responses"),
                        count(when(nps.and(col("score").geq(9)), 1)).as("promoters"),
                        count(when(nps.and(col("score").between(7, 8)), 1)).as("passives"),
                        count(when(nps.and(col("score").leq(6)), 1)).as("detractors"),
                        count(when(csat, 1)).as("csat_responses"),
                        count(when(csat.and(col("score").geq(4)), 1)).as("csat_satisfied"),
                        count(when(col("survey_type").equalTo("CES"), 1)).as("ces_responses"),
                        avg(when(col("survey_type").equalTo("CES"), col("score"))).as("ces_average"))
                .withColumn("nps", when(n.gt(0), promoterShare.minus(detractorShare).multiply(100)))
                // The normal interval can leave the scale on few answers; NPS cannot, so it is clipped to it.
                .withColumn("nps_ci_low", when(n.gt(0), greatest(lit(-100.0), col("nps").minus(halfWidth))))
                .withColumn("nps_ci_high", when(n.gt(0), least(lit(100.0), col("nps").plus(halfWidth))))
                .withColumn("csat_share", when(col("csat_responses").gt(0),
                        col("csat_satisfied").divide(col("csat_responses"))))
                .select("dimension", "value", "nps_responses", "promoters", "passives", "detractors", "nps",
                        "nps_ci_low", "nps_ci_high", "csat_responses", "csat_satisfied", "csat_share",
                        "ces_responses", "ces_average");
    }
}
