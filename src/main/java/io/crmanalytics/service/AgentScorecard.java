package io.crmanalytics.service;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.cume_dist;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/**
 * {@code gold.agent_scorecard}: one row per agent and month over the contacts the agent answered. An agent's team
 * is the queue they answered most contacts in that month (VIP desks compare with VIP desks). Every metric comes
 * with {@code <metric>_percentile}: the share of the team's agents whose value is at or below this agent's
 * (cume_dist; 1.0 = highest value in the team, whether high is good or bad for that metric).
 */
public final class AgentScorecard {
    static final List<String> METRICS = List.of("contacts_handled", "average_speed_of_answer_seconds",
            "average_handle_seconds", "first_contact_resolution_rate", "repeat_contact_rate", "transfer_rate",
            "average_csat", "complaint_share", "workload_share");

    private AgentScorecard() {
    }

    public static Dataset<Row> build(Dataset<Row> contacts, Dataset<Row> surveys) {
        Dataset<Row> answered = contacts.where(col("answered"));
        Dataset<Row> csatByContact = surveys.where(col("survey_type").equalTo("CSAT")
                        .and(col("interaction_id").isNotNull()))
                .groupBy("interaction_id").agg(sum("score").as("csat_sum"), count(lit(1)).as("csat_n"));
        Dataset<Row> team = answered.groupBy(col("month"), col("agent_id"),
                        coalesce(col("queue"), lit("unassigned")).as("team"))
                .agg(count(lit(1)).as("n"))
                .withColumn("pick", row_number().over(Window.partitionBy("month", "agent_id")
                        .orderBy(col("n").desc(), col("team"))))
                .where(col("pick").equalTo(1)).drop("n", "pick");

        Dataset<Row> perAgent = answered.join(csatByContact, "interaction_id", "left")
                .groupBy("month", "agent_id")
                .agg(count(lit(1)).as("contacts_handled"),
                        avg("wait_seconds").as("average_speed_of_answer_seconds"),
                        avg("handle_seconds").as("average_handle_seconds"),
                        avg(rate("first_contact_resolved")).as("first_contact_resolution_rate"),
                        avg(rate("repeat_contact")).as("repeat_contact_rate"),
                        avg(rate("transferred")).as("transfer_rate"),
                        sum("csat_sum").as("csat_sum"), sum("csat_n").as("csat_responses"),
                        avg(rate("complaint")).as("complaint_share"))
                .withColumn("average_csat", col("csat_sum").divide(col("csat_responses")))
                .withColumn("csat_responses", coalesce(col("csat_responses"), lit(0L)))
                .drop("csat_sum")
                .join(team, new String[] {"month", "agent_id"});
        Dataset<Row> withShare = perAgent.withColumn("workload_share", col("contacts_handled")
                .divide(sum("contacts_handled").over(Window.partitionBy("month", "team"))));

        List<Column> columns = new ArrayList<>(List.of(col("month"), col("agent_id"), col("team")));
        for (String metric : METRICS) {
            columns.add(col(metric));
            if (metric.equals("average_csat")) {
                columns.add(col("csat_responses"));
            }
        }
        for (String metric : METRICS) {
            columns.add(percentileInTeam(metric).as(metric + "_percentile"));
        }
        return withShare.select(columns.toArray(Column[]::new));
    }

    private static Column rate(String flag) {
        return when(col(flag), 1.0).otherwise(0.0);
    }

    /** Agents without a value (no CSAT survey) are left out of the ranking and get no percentile. */
    private static Column percentileInTeam(String metric) {
        Column ranked = cume_dist().over(Window.partitionBy(col("month"), col("team"), col(metric).isNull())
                .orderBy(col(metric)));
        return when(col(metric).isNotNull(), ranked);
    }
}
