package io.crmanalytics.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.crmanalytics.core.UserException;
import io.crmanalytics.job.JobResult;
import io.crmanalytics.warehouse.Layer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/** Whole-batch behaviour: rejection before writing, the reject-rate gate, re-ingest and increments. */
class IngestBatchTest {
    private static final List<String> SILVER_TABLES = List.of("customers", "products", "orders", "order_lines",
            "shipments", "interactions", "surveys", "ivr_events", "customer_attributes");

    /** The integrator's acceptance check, on a small hand-written dataset of every entity. */
    @Test
    void fiveBrokenOrderTimestampsAreQuarantinedAndASecondIngestChangesNoSilverTable() {
        IngestFixture f = IngestFixture.create("acceptance")
                .csv("customers.csv", "customer_id,signup_date,region,marketing_consent",
                        "c1,2024-01-01,north,yes", "c2,2024-01-02,south,no", "c3,2024-01-03,east,")
                .csv("products.csv", "product_id,category,name,unit_price", "p1,books,Book,10", "p2,toys,Toy,5.5")
                .csv("orders.csv", "order_id,customer_id,order_ts,total_amount,currency,channel",
                        "o01,c1,2024-03-01T10:00:00Z,10,EUR,web",
                        "o02,c2,2024-03-01 11:00:00,11,,app",
                        "o03,c3,2024-03-02T12:00:00.123+01:00,12,EUR,store",
                        "o04,c1,2024-03-03T10:00:00Z,13,EUR,web",
                        "o05,c2,2024-13-03T10:00:00Z,14,EUR,web",
                        "o06,c3,yesterday,15,EUR,web",
                        "o07,c1,2024-03-04T10:00,16,EUR,web",
                        "o08,c2,04/03/2024 10:00:00,17,EUR,web",
                        "o09,c3,2024-03-04T10:00:00+5,18,EUR,web",
                        "o10,c1,2024-03-05T10:00:00Z,19,EUR,phone",
                        "o11,c2,2024-03-05T11:00:00Z,20,EUR,other",
                        "o12,c3,2024-03-05T12:00:00Z,21,EUR,web")
                .csv("order_lines.csv", "order_id,line_no,product_id,quantity,unit_price",
                        "o01,1,p1,1,10", "o02,1,p2,2,5.5", "o03,1,p1,1,10", "o03,2,p2,1,2")
                .csv("shipments.csv", "shipment_id,order_id,carrier,shipped_ts,delivered_ts,status",
                        "s1,o01,DHL,2024-03-02T10:00:00Z,2024-03-04T10:00:00Z,delivered",
                        "s2,o02,UPS,2024-03-02T10:00:00Z,,in_transit")
                .csv("interactions.csv", "interaction_id,customer_id,channel,started_ts,reason_code,notes",
                        "i1,c1,phone,2024-03-05T09:00:00Z,late_delivery,\"where is it, please\"",
                        "i2,,chat,2024-03-05T10:00:00Z,,你好")
                .csv("surveys.csv", "survey_id,customer_id,survey_type,score,submitted_ts",
                        "v1,c1,NPS,9,2024-03-06T10:00:00Z")
                .csv("ivr_events.csv", "call_id,event_ts,node,event",
                        "k1,2024-03-05T09:00:00Z,main,enter", "k1,2024-03-05T09:00:20Z,main>orders,zero_out")
                .csv("customer_attributes.csv", "customer_id,age,tier", "c1,30,gold", "c2,41,silver");
        f.ingest(0.5);

        Dataset<Row> quarantine = f.table(Layer.QUARANTINE, "orders");
        assertEquals(Set.of("o05", "o06", "o07", "o08", "o09"), ids(quarantine, "order_id"));
        assertEquals(Set.of("bad_timestamp"), ids(quarantine, "rule"));
        assertEquals(Set.of("o01", "o02", "o03", "o04", "o10", "o11", "o12"), ids(f.table(Layer.SILVER, "orders"), "order_id"));

        Map<String, List<Row>> before = new HashMap<>();
        Map<String, Long> versions = new HashMap<>();
        for (String table : SILVER_TABLES) {
            before.put(table, sorted(f.table(Layer.SILVER, table)));
            versions.put(table, f.version(Layer.SILVER, table));
        }
        long quarantineVersion = f.version(Layer.QUARANTINE, "orders");

        JobResult second = f.ingest(0.5);
        for (String table : SILVER_TABLES) {
            assertEquals(before.get(table), sorted(f.table(Layer.SILVER, table)), "silver." + table);
            assertEquals(versions.get(table), f.version(Layer.SILVER, table), "no new version of silver." + table);
            assertEquals(0L, second.tablesWritten().get("silver." + table), table);
        }
        assertEquals(5, f.table(Layer.QUARANTINE, "orders").count(), "the same rejects are not quarantined twice");
        assertEquals(quarantineVersion, f.version(Layer.QUARANTINE, "orders"));
        assertEquals(12L, second.figures().get("orders.rows_in"));
        assertEquals(24, f.table(Layer.BRONZE, "orders").count(), "bronze keeps every batch");
    }

    @Test
    void incrementalBatchUpsertsByKey() {
        IngestFixture f = IngestFixture.create("increment")
                .csv("customers.csv", "customer_id,city", "c1,Berlin", "c2,Munich")
                .csv("orders.csv", "order_id,customer_id,order_ts,total_amount", "o1,c1,2024-03-01T10:00:00Z,10",
                        "o2,c2,2024-03-01T10:00:00Z,20");
        String firstBatch = (String) f.ingest().figures().get("batch_id");
        f.csv("customers.csv", "customer_id,city", "c2,Hamburg", "c3,Bonn")
                .csv("orders.csv", "order_id,customer_id,order_ts,total_amount", "o1,c1,2024-03-01T10:00:00Z,15",
                        "o3,c3,2024-03-02T10:00:00Z,30");
        JobResult second = f.ingest();
        String secondBatch = (String) second.figures().get("batch_id");

        List<Row> customers = f.rows(Layer.SILVER, "customers", "customer_id");
        assertEquals(3, customers.size());
        assertEquals(List.of("Berlin", "Hamburg", "Bonn"), customers.stream().map(r -> (String) r.getAs("city")).toList());
        assertEquals(List.of(firstBatch, secondBatch, secondBatch),
                customers.stream().map(r -> (String) r.getAs("_batch_id")).toList(), "unchanged rows keep their lineage");
        List<Row> orders = f.rows(Layer.SILVER, "orders", "order_id");
        assertEquals(List.of("o1", "o2", "o3"), orders.stream().map(r -> (String) r.getAs("order_id")).toList());
        assertEquals(0, new java.math.BigDecimal("15").compareTo(orders.get(0).getAs("total_amount")));
        assertEquals(2L, second.tablesWritten().get("silver.customers"), "one update, one insert");
    }

    @Test
    void missingRequiredColumnRejectsTheWholeBatchBeforeAnythingIsWritten() {
        IngestFixture f = IngestFixture.create("missing-column")
                .csv("customers.csv", "customer_id,city", "c1,Berlin")
                .csv("orders.csv", "order_id,customer_id,total_amount", "o1,c1,10")
                .csv("shipments.csv", "shipment_id,order_id,shipped_ts", "s1,o1,2024-03-01T10:00:00Z");
        UserException e = assertThrows(UserException.class, f::ingest);
        assertTrue(e.getMessage().contains("orders.csv") && e.getMessage().contains("order_ts"), e.getMessage());
        assertTrue(e.getMessage().contains("shipments.csv") && e.getMessage().contains("carrier"), e.getMessage());
        assertEquals(List.of(), f.context().warehouse().tables(), "nothing written, not even customers");
    }

    @Test
    void rejectRateAboveTheLimitLeavesSilverUnchangedButWritesQuarantine() {
        IngestFixture f = IngestFixture.create("reject-rate")
                .csv("customers.csv", "customer_id,signup_date", "c1,2024-01-01", "c2,2024-01-02", "c3,2024-01-03",
                        "c4,2024-01-04");
        f.ingest(0.05);
        long version = f.version(Layer.SILVER, "customers");
        List<Row> before = sorted(f.table(Layer.SILVER, "customers"));

        f.csv("customers.csv", "customer_id,signup_date", "c5,2024-01-05", "c6,2024-02-31", "c7,01.02.2024")
                .csv("orders.csv", "order_id,customer_id,order_ts,total_amount", "o1,c1,2024-03-01T10:00:00Z,10");
        RejectedBatchException e = assertThrows(RejectedBatchException.class, () -> f.ingest(0.05));
        assertTrue(e.getMessage().startsWith("customers rejected 66.7% of 3 rows"), e.getMessage());
        assertTrue(e.getMessage().contains("bad_date 2"), e.getMessage());

        assertEquals(before, sorted(f.table(Layer.SILVER, "customers")));
        assertEquals(version, f.version(Layer.SILVER, "customers"));
        assertEquals(Set.of("c6", "c7"), ids(f.table(Layer.QUARANTINE, "customers"), "customer_id"));
        assertEquals(Set.of("o1"), ids(f.table(Layer.SILVER, "orders"), "order_id"), "other entities go on");
    }

    private static Set<String> ids(Dataset<Row> table, String column) {
        Set<String> ids = new TreeSet<>();
        table.select(column).collectAsList().forEach(r -> ids.add(r.getString(0)));
        return ids;
    }

    private static List<Row> sorted(Dataset<Row> table) {
        return table.orderBy(Arrays.stream(table.columns()).map(org.apache.spark.sql.functions::col)
                .toArray(org.apache.spark.sql.Column[]::new)).collectAsList();
    }
}
