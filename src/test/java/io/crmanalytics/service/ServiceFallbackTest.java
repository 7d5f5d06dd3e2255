package io.crmanalytics.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.crmanalytics.job.JobContext;
import io.crmanalytics.testing.Cli;
import io.crmanalytics.testing.SharedSpark;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/** What the service job does without the optional gold inputs, and with bad input. */
class ServiceFallbackTest {

    @Test
    void withoutCustomerValueEveryTierIsUnknownAndRankingFallsBackToDelay() {
        JobContext ctx = SharedSpark.context(SharedSpark.newWarehouseDir("service-fallback"), ServiceFixture.RUN_DATE);
        ServiceFixture.writeSilver(ctx);
        ServiceOptions options = ServiceOptions.defaults();
        ServiceInputs in = ServiceInputs.read(ctx);
        assertTrue(in.valueTiers().isEmpty());
        assertTrue(in.attribution().isEmpty());
        List<Row> ranked = ProactiveOutreach.build(in, Contacts.build(in, options), ctx.runDate(), options)
                .orderBy(ProactiveOutreach.ranking()).collectAsList();
        // The same shipments are listed (contacts found by order id and by a delivery reason naming no order) ...
        assertEquals(List.of("s2", "s5", "s3", "s7"), ranked.stream().map(r -> r.<String>getAs("shipment_id")).toList());
        // ... all of tier unknown, ranked by days late; no tier earns the discount.
        assertTrue(ranked.stream().allMatch(r -> r.getAs("value_tier").equals("unknown")));
        assertTrue(ranked.stream().allMatch(r -> r.getAs("suggested_action").equals("notify")));
    }

    @Test
    void badOptionsAndMissingInputsEndWithOneLine() {
        Path empty = SharedSpark.newWarehouseDir("service-empty");
        Cli.Result badFdr = Cli.run("service", "--warehouse", empty.toString(), "--fdr", "2");
        assertEquals(1, badFdr.exitCode());
        assertTrue(badFdr.err().startsWith("crm: --fdr must be between 0 and 1"), badFdr.err());

        Cli.Result badTier = Cli.run("service", "--warehouse", empty.toString(), "--discount-tiers", "gold,vip");
        assertEquals(1, badTier.exitCode());
        assertTrue(badTier.err().contains("unknown value tier 'vip'"), badTier.err());

        Cli.Result missing = Cli.run("service", "--warehouse", empty.toString(), "--run-date", "2024-03-20");
        assertEquals(1, missing.exitCode());
        assertTrue(missing.err().contains("silver.interactions does not exist"), missing.err());
        assertFalse(missing.err().contains("\tat "), missing.err());
    }
}
