package io.crmanalytics.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.crmanalytics.job.JobContext;
import io.crmanalytics.quality.GateResult;
import io.crmanalytics.quality.PiiColumns;
import io.crmanalytics.quality.QualityGates;
import io.crmanalytics.testing.SharedSpark;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Test;

class QualityGatesTest {
    private static final QualityGates.Thresholds DEFAULTS = QualityGates.Thresholds.defaults();

    private static GateResult gate(List<GateResult> results, String gate) {
        return results.stream().filter(r -> r.gate().equals(gate)).findFirst()
                .orElseThrow(() -> new AssertionError("no gate " + gate + " in " + results));
    }

    @Test
    void volumeCompletenessAndPiiGates() {
        Path dir = SharedSpark.newWarehouseDir("gates");
        JobContext day1 = SharedSpark.context(dir, LocalDate.parse("2024-06-29"));
        JobContext day2 = SharedSpark.context(dir, LocalDate.parse("2024-06-30"));
        DeliveryFixtures.write(day1, GoldTables.CUSTOMER_VALUE, DeliveryFixtures.CUSTOMER_VALUE_SCHEMA,
                DeliveryFixtures.customerValueRows());
        // Day 2 keeps one customer of four, whose tier is missing.
        DeliveryFixtures.write(day2, GoldTables.CUSTOMER_VALUE, DeliveryFixtures.CUSTOMER_VALUE_SCHEMA,
                List.of(DeliveryFixtures.value("c1", "Champions", null, 0.9, 10.0)));

        List<GateResult> first = new QualityGates(day1, DEFAULTS).check(GoldTables.CUSTOMER_VALUE,
                GoldTables.rules(GoldTables.CUSTOMER_VALUE));
        assertTrue(first.stream().allMatch(GateResult::passed), first.toString());
        assertTrue(gate(first, "volume_change").detail().startsWith("first run"));
        assertTrue(gate(first, "referential_integrity:customer_id").detail().startsWith("not checked"),
                "no silver.customers in this warehouse");

        List<GateResult> second = new QualityGates(day2, DEFAULTS).check(GoldTables.CUSTOMER_VALUE,
                GoldTables.rules(GoldTables.CUSTOMER_VALUE));
        GateResult volume = gate(second, "volume_change");
        assertFalse(volume.passed());
        assertEquals(0.75, volume.measured(), 1e-12);
        GateResult completeness = gate(second, "completeness");
        assertFalse(completeness.passed());
        assertEquals(1.0, completeness.measured(), 1e-12);
        assertTrue(completeness.detail().contains("value_tier 100.00%"), completeness.detail());
        assertTrue(gate(second, "key_uniqueness").passed());
        // A looser threshold lets the same data through.
        assertTrue(gate(new QualityGates(day2, new QualityGates.Thresholds(0.8, 1.0)).check(
                GoldTables.CUSTOMER_VALUE, GoldTables.rules(GoldTables.CUSTOMER_VALUE)), "volume_change").passed());

        // An unknown table gets the PII gate only, and fails it when it carries contact details.
        DeliveryFixtures.write(day2, "callback_list", "customer_id STRING, Email STRING, contacts_90d_email LONG",
                List.of(RowFactory.create("c1", "a@b.c", 1L)));
        List<GateResult> leaky = new QualityGates(day2, DEFAULTS).check("callback_list", Optional.empty());
        assertEquals(1, leaky.size());
        assertFalse(leaky.get(0).passed());
        assertTrue(leaky.get(0).detail().contains("[Email]"), leaky.get(0).detail());
        // In text values, the gate finds what PiiValues finds, also where its search is skipped (see holdsPii).
        List<String> texts = List.of("C0001234", "beauty", "tenure_days 912 (avg 401)", "call +44 20 7946 0958",
                "(555) 010-1234", "555.010.1234", "5550101234", "jo.doe+crm@mail.example.org", "a@b", "x-y.z");
        DeliveryFixtures.write(day2, "notes", "note STRING", texts.stream().map(t -> RowFactory.create(t)).toList());
        GateResult notes = new QualityGates(day2, DEFAULTS).check("notes", Optional.empty()).get(0);
        long expected = texts.stream().filter(io.crmanalytics.quality.PiiValues::containsPii).count();
        assertEquals(4, expected);
        assertEquals(expected, notes.measured(), 0.0, notes.detail());
        assertTrue(PiiColumns.isPii("phone_number"));
        assertFalse(PiiColumns.isPii("contacts_90d_phone"));
    }
}
