package io.crmanalytics.ingest;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.crmanalytics.cli.ResultLines;
import io.crmanalytics.contract.DataContract;
import io.crmanalytics.contract.Entity;
import io.crmanalytics.job.JobResult;
import io.crmanalytics.warehouse.Layer;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Every row rule on one small batch covering all entities (one ingest, many assertions): each broken row
 * must land in quarantine with exactly its rule, every good row in silver with the contract's typing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IngestRulesTest {
    private IngestFixture fixture;
    private JobResult result;

    @BeforeAll
    void ingestOneBatchWithEveryRule() {
        fixture = IngestFixture.create("rules")
                .csv("customers.csv",
                        "customer_id,signup_date,region,city,name,email,phone,marketing_consent,vip",
                        "c1,2024-01-01,north,Berlin,Ann,a@example.com,+49 1,yes,TRUE",
                        "c2,2024-01-02,south,Munich,Bob,b@example.com,+49 2,,n",
                        "c3,2024-01-03,south,Munich,Cy,c@example.com,+49 3,0,Y",
                        "c4,2024-13-01,south,Munich,Dee,d@example.com,+49 4,1,",
                        "c5,2024-01-05,south,Munich,Eve,e@example.com,+49 5,maybe,no",
                        ",2024-01-06,south,Munich,NoId,x@example.com,+49 6,1,no",
                        "c6,2024-01-07,east,Dresden,Fay,f@example.com,+49 7,1,no",
                        "c6,2024-01-07,east,Leipzig,Fay,f@example.com,+49 7,1,no",
                        "c7,2024-01-08,west,Bonn,Gus,g@example.com,+49 8,1,no",
                        "c7,2024-01-08,west,Bonn,Gus,g@example.com,+49 8,1,no")
                .csv("products.csv",
                        "product_id,category,name,unit_price",
                        "p1,books,Book,12.50",
                        "p2,toys,Toy,abc",
                        "p3,toys,Toy,-1",
                        "p4,,Thing,1")
                .csv("orders.csv",
                        "order_id,customer_id,order_ts,total_amount,currency,channel",
                        "o1,c1,2024-03-01T10:00:00Z,10.50,,Web",
                        "o2,c2,2024-03-02 11:00:00.5,20,usd,app",
                        "o3,c1,2024-03-03 25:00:00,5,EUR,web",
                        "o4,c1,2024-03-04T10:00:00,5,EUR,fax",
                        "o5,c404,2024-03-05T10:00:00,5,EUR,web",
                        "o6,c4,2024-03-05T10:00:00,5,EUR,web",
                        "o7,c1,2024-03-05T10:00:00,5,EURO,web",
                        "o8,c1,2024-03-05T10:00:00,,EUR,web")
                .csv("order_lines.csv",
                        "order_id,line_no,product_id,quantity,unit_price",
                        "o1,1,p1,2,5.25",
                        "o1,2,p1,0,5",
                        "o1,3,p999,1,5",
                        "o99,1,p1,1,5",
                        "o2,1,p1,1.5,5",
                        "o2,2,p1,1,5",
                        "o2,2,p1,3,5")
                .csv("shipments.csv",
                        "shipment_id,order_id,carrier,warehouse,ship_method,origin_region,dest_region,shipped_ts,"
                                + "promised_date,delivered_ts,status",
                        "s1,o1,DHL,w1,standard,north,south,2024-03-01T12:00:00Z,2024-03-04,2024-03-03T09:00:00Z,Delivered",
                        "s2,o2,UPS,w1,express,north,south,2024-03-02T12:00:00Z,2024-03-05,,in_transit",
                        "s3,o404,DHL,w1,standard,north,south,2024-03-02T12:00:00Z,2024-03-05,,in_transit",
                        "s4,o1,DHL,w1,standard,north,south,2024-03-02T12:00:00Z,2024-03-05,,teleported",
                        "s5,o1,DHL,w1,standard,north,south,2024-03-02T12:00:00Z,05/03/2024,,in_transit")
                .csv("interactions.csv",
                        "interaction_id,customer_id,channel,direction,started_ts,ended_ts,wait_seconds,handle_seconds,"
                                + "agent_id,queue,order_id,reason_code,is_complaint,resolved,notes",
                        "i1,c1,PHONE,,2024-03-05T09:00:00Z,2024-03-05T09:05:00Z,30,120,a1,general,o1,Late_Delivery,1,no,late",
                        "i2,,chat,Outbound,2024-03-05T09:00:00Z,,0,60,a2,general,,,,,hello",
                        "i3,c404,email,inbound,2024-03-05T09:00:00Z,,5,60,a2,general,,billing,0,yes,bill",
                        "i4,c1,phone,inbound,2024-03-05T09:00:00Z,,-5,60,a2,general,,billing,0,yes,neg wait",
                        "i5,c1,pigeon,inbound,2024-03-05T09:00:00Z,,5,60,a2,general,,billing,0,yes,bird",
                        "i6,c1,phone,inbound,2024-03-05T09:00:00Z,,5,60,a2,general,,billing,perhaps,yes,unsure",
                        "i7,c1,phone,inbound,2024-03-05T09:00:00Z,,5,60,a2,general,,lost_cat,0,yes,domain")
                .csv("surveys.csv",
                        "survey_id,customer_id,interaction_id,survey_type,score,submitted_ts,comment",
                        "v1,c1,i1,csat,5,2024-03-06T10:00:00Z,ok",
                        "v2,c1,,NPS,0,2024-03-06T10:00:00Z,",
                        "v3,c1,,ces,7,2024-03-06T10:00:00Z,",
                        "v4,c1,,CSAT,6,2024-03-06T10:00:00Z,",
                        "v5,c1,,NPS,11,2024-03-06T10:00:00Z,",
                        "v6,c1,,CES,0,2024-03-06T10:00:00Z,",
                        "v7,c404,,NPS,5,2024-03-06T10:00:00Z,",
                        "v8,c1,,XYZ,3,2024-03-06T10:00:00Z,")
                .csv("ivr_events.csv",
                        "call_id,event_ts,node,event,customer_id",
                        "k1,2024-03-05T09:00:00Z,main,enter,c1",
                        "k1,2024-03-05T09:00:10Z,main>orders,ENTER,c1",
                        "k1,2024-03-05T09:00:10Z,main>orders,ENTER,c1",
                        "k1,2024-03-05 09:00:10+00:00,main>orders,enter,c1",
                        "k2,2024-03-05T09:01:00Z,main,hangup,")
                .csv("customer_attributes.csv",
                        "customer_id,age,segment_hint,score",
                        "c1,34,gold,0.5",
                        "c2,,silver,1e3",
                        "c3,41,,abc");
        result = fixture.ingest(1.0);
    }

    private Map<String, String> quarantined(String entity, String keyColumn) {
        return fixture.rules(entity, keyColumn);
    }

    private Row silverRow(String entity, String keyColumn, String key) {
        List<Row> rows = fixture.table(Layer.SILVER, entity).where(col(keyColumn).equalTo(key)).collectAsList();
        assertEquals(1, rows.size(), entity + " " + key);
        return rows.get(0);
    }

    @Test
    void missingRequired() {
        assertEquals("missing_required", quarantined("customers", "name").get("NoId"));
        assertEquals("missing_required", quarantined("products", "product_id").get("p4"));
        assertEquals("missing_required", quarantined("orders", "order_id").get("o8"));
    }

    @Test
    void badDate() {
        assertEquals("bad_date", quarantined("customers", "customer_id").get("c4"));
        assertEquals("bad_date", quarantined("shipments", "shipment_id").get("s5"));
    }

    @Test
    void badBoolean() {
        assertEquals("bad_boolean", quarantined("customers", "customer_id").get("c5"));
        assertEquals("bad_boolean", quarantined("interactions", "interaction_id").get("i6"));
    }

    @Test
    void badTimestamp() {
        assertEquals("bad_timestamp", quarantined("orders", "order_id").get("o3"));
    }

    @Test
    void badNumber() {
        assertEquals("bad_number", quarantined("products", "product_id").get("p2"));
        assertEquals("bad_number", fixture.table(Layer.QUARANTINE, "order_lines")
                .where("order_id = 'o2' and line_no = '1'").select("rule").first().getString(0));
    }

    @Test
    void outOfRange() {
        assertEquals("out_of_range", quarantined("products", "product_id").get("p3"));
        assertEquals("out_of_range", quarantined("interactions", "interaction_id").get("i4"));
        assertEquals("out_of_range", fixture.table(Layer.QUARANTINE, "order_lines")
                .where("order_id = 'o1' and line_no = '2'").select("rule").first().getString(0));
    }

    @Test
    void surveyScoreRangeDependsOnSurveyType() {
        Map<String, String> rules = quarantined("surveys", "survey_id");
        assertEquals("out_of_range", rules.get("v4"), "CSAT is 1-5");
        assertEquals("out_of_range", rules.get("v5"), "NPS is 0-10");
        assertEquals("out_of_range", rules.get("v6"), "CES is 1-7");
        assertEquals(5, silverRow("surveys", "survey_id", "v1").getInt(4));
        assertEquals(0, silverRow("surveys", "survey_id", "v2").getInt(4));
        assertEquals(7, silverRow("surveys", "survey_id", "v3").getInt(4));
    }

    @Test
    void notInDomain() {
        assertEquals("not_in_domain", quarantined("orders", "order_id").get("o4"));
        assertEquals("not_in_domain", quarantined("orders", "order_id").get("o7"), "currency is a 3-letter code");
        assertEquals("not_in_domain", quarantined("shipments", "shipment_id").get("s4"));
        assertEquals("not_in_domain", quarantined("interactions", "interaction_id").get("i5"));
        assertEquals("not_in_domain", quarantined("interactions", "interaction_id").get("i7"));
        assertEquals("not_in_domain", quarantined("surveys", "survey_id").get("v8"));
        assertEquals("not_in_domain", quarantined("ivr_events", "call_id").get("k2"));
    }

    @Test
    void domainValuesAreStoredInTheContractSpelling() {
        assertEquals("web", silverRow("orders", "order_id", "o1").getAs("channel"));
        assertEquals("delivered", silverRow("shipments", "shipment_id", "s1").getAs("status"));
        Row i1 = silverRow("interactions", "interaction_id", "i1");
        assertEquals("phone", i1.getAs("channel"));
        assertEquals("late_delivery", i1.getAs("reason_code"));
        assertEquals("outbound", silverRow("interactions", "interaction_id", "i2").getAs("direction"));
        assertEquals("CSAT", silverRow("surveys", "survey_id", "v1").getAs("survey_type"));
        assertEquals("CES", silverRow("surveys", "survey_id", "v3").getAs("survey_type"));
    }

    @Test
    void duplicateKeyKeepsTheLastRowAndQuarantinesTheOthers() {
        assertEquals("duplicate_key", quarantined("customers", "city").get("Dresden"));
        assertEquals("Leipzig", silverRow("customers", "customer_id", "c6").getAs("city"));
        Row line = fixture.table(Layer.QUARANTINE, "order_lines").where("rule = 'duplicate_key'").first();
        assertEquals("1", line.getAs("quantity"));
        assertEquals(3, (int) fixture.table(Layer.SILVER, "order_lines")
                .where("order_id = 'o2' and line_no = 2").first().getAs("quantity"));
    }

    @Test
    void exactDuplicatesAreDroppedAndCounted() {
        assertEquals(1L, result.figures().get("customers.exact_duplicates"));
        assertEquals(1, fixture.table(Layer.SILVER, "customers").where("customer_id = 'c7'").count());
        assertFalse(quarantined("customers", "customer_id").containsKey("c7"));
    }

    @Test
    void orphansAreQuarantinedInDependencyOrder() {
        assertEquals("unknown_customer", quarantined("orders", "order_id").get("o5"));
        // c4 itself was quarantined (bad date), so an order of c4 is an orphan too.
        assertEquals("unknown_customer", quarantined("orders", "order_id").get("o6"));
        assertEquals("unknown_product", fixture.table(Layer.QUARANTINE, "order_lines")
                .where("order_id = 'o1' and line_no = '3'").select("rule").first().getString(0));
        assertEquals("unknown_order", fixture.table(Layer.QUARANTINE, "order_lines")
                .where("order_id = 'o99'").select("rule").first().getString(0));
        assertEquals("unknown_order", quarantined("shipments", "shipment_id").get("s3"));
        assertEquals("unknown_customer", quarantined("surveys", "survey_id").get("v7"));
        assertEquals("customer_id", fixture.table(Layer.QUARANTINE, "surveys")
                .where("survey_id = 'v7'").first().getAs("rule_column"));
    }

    @Test
    void interactionOfUnknownCustomerIsKeptAndFlagged() {
        assertTrue((Boolean) silverRow("interactions", "interaction_id", "i1").getAs("customer_known"));
        assertFalse((Boolean) silverRow("interactions", "interaction_id", "i2").getAs("customer_known"));
        Row unknown = silverRow("interactions", "interaction_id", "i3");
        assertFalse((Boolean) unknown.getAs("customer_known"));
        assertEquals("c404", unknown.getAs("customer_id"));
    }

    @Test
    void booleansInEveryFormAndContractDefaults() {
        Row c1 = silverRow("customers", "customer_id", "c1");
        assertEquals(true, c1.getAs("marketing_consent"));
        assertEquals(true, c1.getAs("vip"));
        Row c2 = silverRow("customers", "customer_id", "c2");
        assertEquals(false, c2.getAs("marketing_consent"), "empty marketing_consent means false");
        assertEquals(false, c2.getAs("vip"));
        Row c3 = silverRow("customers", "customer_id", "c3");
        assertEquals(false, c3.getAs("marketing_consent"));
        assertEquals(true, c3.getAs("vip"));
        Row i1 = silverRow("interactions", "interaction_id", "i1");
        assertEquals(true, i1.getAs("is_complaint"));
        assertEquals(false, i1.getAs("resolved"));
        assertEquals("inbound", i1.getAs("direction"), "empty direction means inbound");
        assertNull(silverRow("interactions", "interaction_id", "i2").getAs("is_complaint"));
        assertEquals("EUR", silverRow("orders", "order_id", "o1").getAs("currency"), "empty currency = default");
        assertEquals("USD", silverRow("orders", "order_id", "o2").getAs("currency"));
    }

    @Test
    void typedValuesFollowTheContract() {
        Row o2 = silverRow("orders", "order_id", "o2");
        assertEquals(Instant.parse("2024-03-02T11:00:00.500Z"), o2.getTimestamp(2).toInstant());
        assertEquals(0, new BigDecimal("20").compareTo(o2.getDecimal(3)));
        Row s2 = silverRow("shipments", "shipment_id", "s2");
        assertNull(s2.getAs("delivered_ts"));
        assertEquals(java.sql.Date.valueOf("2024-03-05"), s2.getAs("promised_date"));
        for (Entity entity : List.of(DataContract.CUSTOMERS, DataContract.ORDERS, DataContract.ORDER_LINES,
                DataContract.SHIPMENTS, DataContract.SURVEYS, DataContract.IVR_EVENTS)) {
            StructType schema = fixture.table(Layer.SILVER, entity.name()).schema();
            List<String> expected = new java.util.ArrayList<>(List.of(entity.silverSchema().fieldNames()));
            expected.addAll(List.of("_batch_id", "_ingested_at"));
            assertEquals(expected, List.of(schema.fieldNames()), entity.name());
            for (var field : entity.silverSchema().fields()) {
                assertEquals(field.dataType(), schema.apply(field.name()).dataType(), entity.name() + "." + field.name());
            }
        }
        assertEquals(DataTypes.BooleanType,
                fixture.table(Layer.SILVER, "interactions").schema().apply("customer_known").dataType());
    }

    @Test
    void ivrEventsWithoutKeyAreDedupedOnAllColumns() {
        // Two raw spellings of the same event are one event once typed.
        assertEquals(2, fixture.table(Layer.SILVER, "ivr_events").count());
        assertEquals("enter", fixture.table(Layer.SILVER, "ivr_events").where("node = 'main>orders'").first().getAs("event"));
    }

    @Test
    void customerAttributesAreDoublesWhenNumericElseStrings() {
        StructType schema = fixture.table(Layer.SILVER, "customer_attributes").schema();
        assertEquals(DataTypes.DoubleType, schema.apply("age").dataType());
        assertEquals(DataTypes.StringType, schema.apply("segment_hint").dataType());
        assertEquals(DataTypes.StringType, schema.apply("score").dataType(), "one non-number makes it a string");
        assertEquals(34.0, (Double) silverRow("customer_attributes", "customer_id", "c1").getAs("age"));
    }

    @Test
    void everyRowIsAccountedFor() {
        for (String entity : List.of("customers", "products", "orders", "order_lines", "shipments", "interactions",
                "surveys", "ivr_events", "customer_attributes")) {
            long in = (Long) result.figures().get(entity + ".rows_in");
            long silver = (Long) result.figures().get(entity + ".silver");
            long quarantined = (Long) result.figures().get(entity + ".quarantined");
            long duplicates = (Long) result.figures().get(entity + ".exact_duplicates");
            assertEquals(in, silver + quarantined + duplicates, entity);
            assertEquals(quarantined, fixture.table(Layer.QUARANTINE, entity).count(), entity);
            assertEquals(in, fixture.table(Layer.BRONZE, entity).count(), entity);
            if (!entity.equals("ivr_events")) {
                assertEquals(silver, fixture.table(Layer.SILVER, entity).count(), entity);
            }
        }
        assertEquals(10L, result.figures().get("customers.rows_in"));
        assertEquals(5L, result.figures().get("customers.silver"));
        assertEquals(4L, result.figures().get("customers.quarantined"));
        assertTrue(ResultLines.of(result).stream().anyMatch(l -> l.startsWith("orders") && l.contains("unknown_customer 2")),
                String.join("\n", ResultLines.of(result)));
    }
}
