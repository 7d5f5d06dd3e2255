package io.crmanalytics.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.crmanalytics.testing.SharedSpark;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/**
 * {@code gold.queue_kpis} joins the customers once, for the VIP share only. Its desk figures come from the contacts
 * alone; when both halves were built from the contacts already joined to the customers, the plan read and joined
 * every customer twice (at 1 M customers, a second join of 1.8 M contacts with 1 M customers).
 */
class QueueKpisPlanTest {
    @Test
    void customersAreJoinedOnce() {
        SparkSession spark = SharedSpark.session();
        Dataset<Row> contacts = spark.sql("select 'general' queue, 'c1' customer_id, true queued, true answered,"
                + " false abandoned, 10.0 wait_seconds, 'a1' agent_id, date'2024-03-01' day,"
                + " timestamp'2024-03-01 08:00:00' started_ts, timestamp'2024-03-01 08:05:00' end_ts,"
                + " 300L handle_seconds");
        // Two customers, one of them without contacts.
        Dataset<Row> customers = spark.sql("select * from values ('c1', 'North', true), ('c2', 'South', false)"
                + " as t(customer_id, region, vip)");
        Dataset<Row> kpis = QueueKpis.build(contacts, customers, ServiceOptions.defaults());
        String plan = kpis.queryExecution().optimizedPlan().toString();
        // One join with the customers, one of the contact figures with the desk figures.
        assertEquals(2, count(plan, "Join"), () -> "customers joined more than once:\n" + plan);
        Row row = kpis.first();
        assertEquals(1.0, row.<Double>getAs("vip_customer_share"), 1e-12);
        assertEquals(0.0, row.<Double>getAs("desk_idle_share"), 1e-12);
    }

    private static int count(String text, String word) {
        Matcher matcher = Pattern.compile("\\b" + word + "\\b").matcher(text);
        int found = 0;
        while (matcher.find()) {
            found++;
        }
        return found;
    }
}
