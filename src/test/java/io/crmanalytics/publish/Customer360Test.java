package io.crmanalytics.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.crmanalytics.job.JobContext;
import io.crmanalytics.quality.PiiColumns;
import io.crmanalytics.testing.SharedSpark;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

class Customer360Test {

    private static Map<String, Row> byCustomer(Dataset<Row> rows) {
        Map<String, Row> map = new HashMap<>();
        for (Row row : rows.collectAsList()) {
            assertEquals(null, map.put(row.getAs("customer_id"), row), "one row per customer");
        }
        return map;
    }

    @Test
    void oneRowPerCustomerWithEverySectionAsOfTheRunDate() {
        JobContext ctx = SharedSpark.context(SharedSpark.newWarehouseDir("c360"), LocalDate.parse(DeliveryFixtures.RUN_DATE));
        DeliveryFixtures.silver(ctx);
        DeliveryFixtures.gold(ctx);
        Dataset<Row> table = new Customer360(ctx).build().orElseThrow();
        assertEquals(List.copyOf(Customer360.schema().keySet()), Arrays.asList(table.columns()));
        assertEquals(List.of(), PiiColumns.find(table.columns()));
        Map<String, Row> rows = byCustomer(table);
        assertEquals(4, rows.size());

        Row c1 = rows.get("c1");
        assertEquals("platinum", c1.getAs("value_tier"));
        assertEquals("Champions", c1.getAs("rfm_segment"));
        assertEquals(0.9, (double) c1.getAs("probability_alive"), 1e-12);
        assertEquals(false, c1.getAs("high_value_at_risk"));
        assertEquals("books", c1.getAs("next_best_offer"));
        assertEquals("bought books in the last 60 days", c1.getAs("next_best_offer_reason"));
        // i2 is older than 90 days and i4 is after the run date: only i1 (phone) and i3 (chat) count.
        assertEquals(2L, (long) c1.getAs("contacts_90d"));
        assertEquals(1L, (long) c1.getAs("contacts_90d_phone"));
        assertEquals(1L, (long) c1.getAs("contacts_90d_chat"));
        assertEquals(0L, (long) c1.getAs("contacts_90d_email"));
        assertEquals("2024-06-20", c1.getAs("last_contact_date").toString());
        assertEquals("chat", c1.getAs("last_contact_channel"));
        assertEquals("product_question", c1.getAs("last_contact_reason"));
        assertEquals(true, c1.getAs("last_contact_resolved"));
        assertEquals(0L, (long) c1.getAs("open_complaints"), "i1 was followed by the resolved contact i3");
        assertEquals("late", c1.getAs("last_shipment_problem"));
        assertEquals("s1", c1.getAs("last_shipment_problem_shipment_id"));
        assertEquals("2024-05-01", c1.getAs("last_shipment_problem_date").toString());
        assertEquals(3, (int) c1.getAs("last_nps"));
        assertEquals("2024-06-25", c1.getAs("last_nps_date").toString());
        assertEquals(5, (int) c1.getAs("last_csat"));

        Row c2 = rows.get("c2");
        assertEquals(true, c2.getAs("high_value_at_risk"), "gold tier with probability alive 0.3");
        assertNull(c2.getAs("next_best_offer"));
        assertEquals(2L, (long) c2.getAs("contacts_90d"));
        assertEquals(1L, (long) c2.getAs("contacts_90d_ivr"));
        assertEquals("2024-06-30", c2.getAs("last_contact_date").toString(), "23:30 on the run date counts");
        assertEquals("damaged", c2.getAs("last_contact_reason"));
        assertEquals(1L, (long) c2.getAs("open_complaints"));
        assertEquals("overdue", c2.getAs("last_shipment_problem"), "s4 is past its promise; s3 (lost) is older");
        assertEquals("s4", c2.getAs("last_shipment_problem_shipment_id"));
        assertNull(c2.getAs("last_nps"), "the NPS survey comes after the run date");

        Row c3 = rows.get("c3");
        assertEquals(1L, (long) c3.getAs("open_complaints"), "complaint_attribution marks i8 a complaint");
        assertNull(c3.getAs("last_shipment_problem"), "s5 ships after the run date");

        Row c4 = rows.get("c4");
        assertEquals(0L, (long) c4.getAs("contacts_90d"), "interactions exist, none from c4: zero, not null");
        assertNull(c4.getAs("last_contact_date"));
        assertEquals("Lost", c4.getAs("rfm_segment"));
    }

    @Test
    void absentInputsGiveNullColumnsNotFailures() {
        JobContext ctx = SharedSpark.context(SharedSpark.newWarehouseDir("c360-sparse"),
                LocalDate.parse(DeliveryFixtures.RUN_DATE));
        DeliveryFixtures.silver(ctx); // silver only: no gold table of any other job
        Dataset<Row> table = new Customer360(ctx).build().orElseThrow();
        assertEquals(List.copyOf(Customer360.schema().keySet()), Arrays.asList(table.columns()));
        Map<String, Row> rows = byCustomer(table);
        assertEquals(4, rows.size());
        Row c3 = rows.get("c3");
        assertNull(c3.getAs("value_tier"));
        assertNull(c3.getAs("clv"));
        assertNull(c3.getAs("next_best_offer"));
        assertEquals(0L, (long) c3.getAs("open_complaints"),
                "without complaint_attribution, i8 (is_complaint false) is not a complaint");
        assertEquals(1L, (long) rows.get("c2").getAs("open_complaints"), "reason code damaged makes i5 one");
        assertEquals(1L, (long) c3.getAs("contacts_90d_email"));
    }

    @Test
    void noPopulationMeansNoTable() {
        JobContext ctx = SharedSpark.context(SharedSpark.newWarehouseDir("c360-empty"),
                LocalDate.parse(DeliveryFixtures.RUN_DATE));
        assertFalse(new Customer360(ctx).build().isPresent());
        assertTrue(Customer360.CHANNELS.contains("phone"));
    }
}
