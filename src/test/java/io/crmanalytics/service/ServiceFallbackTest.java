package io.crmanalytics.service;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.crmanalytics.job.JobContext;
import io.crmanalytics.testing.Cli;
import io.crmanalytics.testing.SharedSpark;
import io.crmanalytics.warehouse.Tables;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** What the service job does without the optional gold inputs, with the attribution, and with bad input. */
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
    void attributionLinksExcludeContactedShipmentsAndFillUnlabeledReasons() {
        JobContext ctx = SharedSpark.context(SharedSpark.newWarehouseDir("service-attributed"),
                ServiceFixture.RUN_DATE);
        ServiceFixture.writeSilver(ctx);
        StructType schema = new StructType().add("interaction_id", DataTypes.StringType)
                .add("customer_id", DataTypes.StringType).add("shipment_id", DataTypes.StringType)
                .add("order_id", DataTypes.StringType).add("method", DataTypes.StringType)
                .add("complaint_reason", DataTypes.StringType);
        // i8 (c1's e-mail about a "return", naming no order) was really about s5; i7 (no reason) a late delivery.
        Tables.writeGold(ctx.warehouse(), ctx.runDate(), "complaint_attribution", ctx.spark().createDataFrame(List.of(
                RowFactory.create("i8", "c1", "s5", "o5", "window", "late_delivery"),
                RowFactory.create("i7", null, null, null, "unattributed", "late_delivery")), schema));
        ServiceOptions options = ServiceOptions.defaults();
        ServiceInputs in = ServiceInputs.read(ctx);
        Dataset<Row> contacts = Contacts.build(in, options);
        Row i7 = contacts.where(col("interaction_id").equalTo("i7")).first();
        assertEquals("late_delivery", i7.getAs("reason"));
        assertEquals("predicted", i7.getAs("reason_source"));
        // The labeled reason wins over the prediction.
        assertEquals("return", contacts.where(col("interaction_id").equalTo("i8")).first().getAs("reason"));

        List<String> listed = ProactiveOutreach.build(in, contacts, ctx.runDate(), options)
                .orderBy(ProactiveOutreach.ranking()).collectAsList().stream()
                .map(r -> r.<String>getAs("shipment_id")).toList();
        assertEquals(List.of("s2", "s3", "s7"), listed);

        // A 5-day lookback keeps only s7, shipped 03-17.
        ServiceOptions shortLookback = ServiceOptions.builder().outreachLookbackDays(5).build();
        assertEquals(List.of("s7"), ProactiveOutreach.build(in, contacts, ctx.runDate(), shortLookback)
                .select("shipment_id").collectAsList().stream().map(r -> r.getString(0)).toList());
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
