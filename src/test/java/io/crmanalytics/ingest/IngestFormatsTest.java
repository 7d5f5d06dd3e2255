package io.crmanalytics.ingest;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.crmanalytics.cli.ResultLines;
import io.crmanalytics.job.JobResult;
import io.crmanalytics.testing.SharedSpark;
import io.crmanalytics.warehouse.Layer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What real exports contain, in one batch (one ingest): a BOM, CRLF line ends, quoted commas and line breaks,
 * Chinese text, odd header spelling, an extra column, a Parquet file, JSON Lines, a folder of part files, a
 * header-only and an empty file, offset-less timestamps in a non-UTC zone, and absent entities.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IngestFormatsTest {
    private IngestFixture fixture;
    private JobResult result;

    @BeforeAll
    void ingestOneBatchOfEveryFormat() throws IOException {
        fixture = IngestFixture.create("formats").zone("Europe/Paris");
        ByteArrayOutputStream customers = new ByteArrayOutputStream();
        customers.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        customers.write(String.join("\r\n",
                " Customer_ID ,Name,CITY,SIGNUP_DATE,Loyalty_Tier",
                "c1,\"Smith, Ann\",Berlin,2024-01-01,gold",
                "c2,\"Line one\r\nline two\",北京,2024-01-02,silver",
                "c3,王小明,上海,2024-01-03,bronze",
                "").getBytes(StandardCharsets.UTF_8));
        fixture.bytes("customers.csv", customers.toByteArray());
        fixture.bytes("products.parquet", parquetFile());
        fixture.csv("orders/part-00000.csv",
                        "order_id,customer_id,order_ts,total_amount",
                        "o1,c1,2024-03-01 10:00:00,10",
                        "o2,c2,2024-07-01T10:00:00,20")
                .csv("orders/part-00001.csv",
                        "order_id,customer_id,order_ts,total_amount",
                        "o3,c3,2024-03-01T10:00:00+05:00,30",
                        "o4,c3,2024-03-01T10:00:00.250Z,40")
                .file("orders/_SUCCESS", "")
                .file("shipments.json", String.join("\n",
                        "{\"shipment_id\":\"s1\",\"order_id\":\"o1\",\"carrier\":\"DHL\",\"shipped_ts\":\"2024-03-02T08:00:00Z\",\"status\":\"delivered\",\"promised_date\":\"2024-03-05\"}",
                        "{\"shipment_id\":\"s2\",\"order_id\":\"o2\",\"carrier\":\"UPS\",\"shipped_ts\":\"2024-03-02 08:00:00\",\"delivered_ts\":null,\"weight_kg\":1.5}",
                        ""))
                .csv("interactions.csv",
                        "interaction_id,customer_id,channel,direction,started_ts")
                .file("surveys.csv", "");
        result = fixture.ingest(0.0);
    }

    /** A single Parquet file with typed columns (not strings), as another tool would export it. */
    private byte[] parquetFile() throws IOException {
        StructType schema = new StructType().add("product_id", DataTypes.StringType)
                .add("Category", DataTypes.StringType).add("unit_price", DataTypes.DoubleType)
                .add("stock", DataTypes.IntegerType);
        Path dir = fixture.warehouseDir.resolve("parquet-out");
        SharedSpark.session().createDataFrame(List.of(RowFactory.create("p1", "books", 12.5, 3),
                        RowFactory.create("p2", "toys", 0.0, null)), schema)
                .coalesce(1).write().parquet(dir.toString());
        try (Stream<Path> files = Files.list(dir)) {
            Path part = files.filter(p -> p.getFileName().toString().endsWith(".parquet")).findFirst().orElseThrow();
            return Files.readAllBytes(part);
        }
    }

    private Row customer(String id) {
        return fixture.table(Layer.SILVER, "customers").where(col("customer_id").equalTo(id)).first();
    }

    @Test
    void bomAndHeaderSpellingAreForgiven() {
        assertEquals(3, fixture.table(Layer.SILVER, "customers").count());
        assertEquals(java.sql.Date.valueOf("2024-01-01"), customer("c1").getAs("signup_date"));
        assertEquals("customer_id", fixture.table(Layer.BRONZE, "customers").columns()[0]);
    }

    @Test
    void crlfLineEndsLeaveNoCarriageReturns() {
        for (Row row : fixture.table(Layer.BRONZE, "customers").select("loyalty_tier", "signup_date").collectAsList()) {
            assertFalse(row.getString(0).endsWith("\r") || row.getString(1).endsWith("\r"), row.toString());
        }
        assertEquals("Berlin", customer("c1").getAs("city"));
    }

    @Test
    void quotedCommasAndLineBreaksStayInTheirField() {
        assertEquals("Smith, Ann", customer("c1").getAs("name"));
        String multiLine = customer("c2").getAs("name");
        assertTrue(multiLine.startsWith("Line one") && multiLine.endsWith("line two") && multiLine.contains("\n"),
                multiLine);
    }

    @Test
    void chineseTextSurvives() {
        assertEquals("北京", customer("c2").getAs("city"));
        assertEquals("王小明", customer("c3").getAs("name"));
        assertEquals("上海", customer("c3").getAs("city"));
    }

    @Test
    void extraColumnsAreKeptInBronzeOnly() {
        assertTrue(Arrays.asList(fixture.table(Layer.BRONZE, "customers").columns()).contains("loyalty_tier"));
        assertFalse(Arrays.asList(fixture.table(Layer.SILVER, "customers").columns()).contains("loyalty_tier"));
        assertTrue(Arrays.asList(fixture.table(Layer.BRONZE, "shipments").columns()).contains("weight_kg"));
        assertTrue(Arrays.asList(fixture.table(Layer.BRONZE, "products").columns()).contains("stock"));
    }

    @Test
    void parquetFileWithTypedColumns() {
        Row p1 = fixture.table(Layer.SILVER, "products").where("product_id = 'p1'").first();
        assertEquals("books", p1.getAs("category"));
        assertEquals(0, new BigDecimal("12.5").compareTo(p1.getAs("unit_price")));
        assertEquals(2, fixture.table(Layer.SILVER, "products").count());
    }

    @Test
    void jsonLines() {
        assertEquals(2, fixture.table(Layer.SILVER, "shipments").count());
        Row s1 = fixture.table(Layer.SILVER, "shipments").where("shipment_id = 's1'").first();
        assertEquals(Instant.parse("2024-03-02T08:00:00Z"), s1.getTimestamp(7).toInstant());
        assertEquals("delivered", s1.getAs("status"));
    }

    @Test
    void folderOfPartFiles() {
        List<String> ids = fixture.table(Layer.SILVER, "orders").orderBy("order_id").select("order_id")
                .as(org.apache.spark.sql.Encoders.STRING()).collectAsList();
        assertEquals(List.of("o1", "o2", "o3", "o4"), ids);
        assertEquals(4L, result.figures().get("orders.rows_in"));
    }

    @Test
    void offsetLessTimestampsAreReadInTheConfiguredZone() {
        List<Row> rows = fixture.table(Layer.SILVER, "orders").orderBy("order_id").collectAsList();
        Instant[] actual = rows.stream().map(r -> r.getTimestamp(2).toInstant()).toArray(Instant[]::new);
        assertArrayEquals(new Instant[] {
                Instant.parse("2024-03-01T09:00:00Z"), // Paris winter time, UTC+1
                Instant.parse("2024-07-01T08:00:00Z"), // Paris summer time, UTC+2
                Instant.parse("2024-03-01T05:00:00Z"), // its own offset wins
                Instant.parse("2024-03-01T10:00:00.250Z")}, actual);
        Row s2 = fixture.table(Layer.SILVER, "shipments").where("shipment_id = 's2'").first();
        assertEquals(Instant.parse("2024-03-02T07:00:00Z"), s2.getTimestamp(7).toInstant());
    }

    @Test
    void headerOnlyFileIsZeroRows() {
        assertEquals(0L, result.figures().get("interactions.rows_in"));
        assertEquals(0, fixture.table(Layer.SILVER, "interactions").count());
    }

    @Test
    void emptyFileIsZeroRows() {
        assertEquals(0L, result.figures().get("surveys.rows_in"));
        assertEquals(0, fixture.table(Layer.SILVER, "surveys").count());
        assertEquals(List.of(fixture.table(Layer.SILVER, "surveys").schema().fieldNames()).subList(0, 7),
                List.of(io.crmanalytics.contract.DataContract.SURVEYS.silverSchema().fieldNames()));
    }

    @Test
    void absentEntitiesAreSkipped() {
        assertTrue(ResultLines.of(result).stream().anyMatch(l -> l.startsWith("skipped")
                && l.contains("order_lines") && l.contains("ivr_events") && l.contains("customer_attributes")),
                String.join("\n", ResultLines.of(result)));
        assertFalse(fixture.exists(Layer.SILVER, "ivr_events"));
    }
}
