package io.crmanalytics.ingest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.crmanalytics.cli.ResultLines;
import io.crmanalytics.core.UserException;
import io.crmanalytics.job.JobResult;
import io.crmanalytics.testing.SharedSpark;
import io.crmanalytics.warehouse.Layer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile input, one small folder per kind, each ingested once into its own warehouse on the shared
 * SparkSession. For every kind: the number of physical records (counted by hand here, not by the code under
 * test) equals silver + quarantined + exact duplicates, the tables hold exactly that, the named values arrive
 * unaltered (no U+FFFD, no rounding), broken records keep their raw text or bytes, and a rejected input
 * changes no table.
 */
class HostileInputTest {
    private static final String CUSTOMERS = "customer_id,name,signup_date";
    private static final String INTERACTIONS = "interaction_id,customer_id,channel,started_ts,ended_ts,notes";
    private static final String PRODUCTS = "product_id,category,unit_price";

    /** One kind of hostile input and what must come of it. */
    static final class Case {
        final String name;
        final String entity;
        final Map<String, byte[]> files = new LinkedHashMap<>();
        Consumer<IngestFixture> before = f -> { };
        Charset encoding = StandardCharsets.UTF_8;
        boolean strict;
        double maxRejectRate = 1.0;
        long records;
        long duplicates;
        final Map<String, Long> rules = new TreeMap<>();
        final Map<String, String> values = new LinkedHashMap<>();
        final Map<String, String> bronzeValues = new LinkedHashMap<>();
        final List<String> rawTexts = new ArrayList<>();
        final List<byte[]> rawBytes = new ArrayList<>();
        final Map<String, byte[]> quarantined = new LinkedHashMap<>();
        String rejection;
        String output;

        Case(String name, String entity) {
            this.name = name;
            this.entity = entity;
        }

        @Override
        public String toString() {
            return name;
        }

        Case file(String fileName, String content) {
            return bytes(fileName, content.getBytes(StandardCharsets.UTF_8));
        }

        Case bytes(String fileName, byte[] content) {
            files.put(fileName, content);
            return this;
        }

        /** The number of physical records in the entity's file(s), counted by the test's author. */
        Case records(long count) {
            records = count;
            return this;
        }

        Case rule(String rule, long count) {
            rules.put(rule, count);
            return this;
        }

        Case duplicates(long count) {
            duplicates = count;
            return this;
        }

        /** silver.&lt;entity&gt; holds {@code expected} in {@code column} for the row whose key is {@code key}. */
        Case value(String key, String column, String expected) {
            values.put(key + "|" + column, expected);
            return this;
        }

        Case raw(String text) {
            rawTexts.add(text);
            return this;
        }

        Case rawBytes(byte[] bytes) {
            rawBytes.add(bytes);
            return this;
        }

        Case rejected(String messagePart) {
            rejection = messagePart;
            return this;
        }

        Case outputMentions(String text) {
            output = text;
            return this;
        }

        Case encoding(Charset charset) {
            encoding = charset;
            return this;
        }

        Case strict() {
            strict = true;
            return this;
        }

        Case maxRejectRate(double rate) {
            maxRejectRate = rate;
            return this;
        }

        /** quarantine.&lt;entity&gt; keeps exactly {@code bytes} in {@code column} (as binary). */
        /** bronze.&lt;entity&gt; holds {@code expected} in {@code column} (an extra column) for the row of {@code key}. */
        Case bronze(String key, String column, String expected) {
            bronzeValues.put(key + "|" + column, expected);
            return this;
        }

        Case quarantinedBytes(String column, byte[] bytes) {
            quarantined.put(column, bytes);
            return this;
        }

        Case before(Consumer<IngestFixture> setup) {
            before = setup;
            return this;
        }
    }

    private static String lines(String... lines) {
        return String.join("\n", lines) + "\n";
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] latin1(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** The first two thirds of the bytes, as a transfer cut short leaves them. */
    private static byte[] truncated(byte[] bytes) {
        return Arrays.copyOf(bytes, bytes.length * 2 / 3);
    }

    private static byte[] gzip(String text) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
                gz.write(utf8(text));
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Case customers(String name, String content) {
        return new Case(name, "customers").file("customers.csv", content);
    }

    private static Case interactions(String name, String content) {
        return new Case(name, "interactions").file("interactions.csv", content);
    }

    private static Case products(String name, String content) {
        return new Case(name, "products").file("products.csv", content);
    }

    private static void seedCustomers(IngestFixture f, int rows) {
        StringBuilder text = new StringBuilder(CUSTOMERS + "\n");
        for (int i = 0; i < rows; i++) {
            text.append("s").append(i).append(",Seed ").append(i).append(",2024-01-01\n");
        }
        f.file("customers.csv", text.toString());
        f.ingest(1.0);
        f.delete("customers.csv");
    }

    /**
     * Customers s0-s5, and attributes of s0 and s1 whose {@code postcode} values are plain numbers: the first
     * batch makes silver.customer_attributes.postcode a double column.
     */
    private static void seedNumericPostcodes(IngestFixture f) {
        StringBuilder customers = new StringBuilder(CUSTOMERS + "\n");
        for (int i = 0; i < 6; i++) {
            customers.append("s").append(i).append(",Seed ").append(i).append(",2024-01-01\n");
        }
        f.file("customers.csv", customers.toString());
        f.file("customer_attributes.csv", lines("customer_id,postcode", "s0,12345", "s1,23456"));
        f.ingest(1.0);
        f.delete("customers.csv");
        f.delete("customer_attributes.csv");
    }

    /**
     * customers.parquet as another tool might export it: the name a bytes column, Ann's in UTF-8, Jürgen's in
     * Latin-1 (Spark reads such a column undecoded).
     */
    private static void latin1Parquet(IngestFixture f) {
        StructType schema = new StructType().add("customer_id", DataTypes.StringType)
                .add("name", DataTypes.BinaryType).add("signup_date", DataTypes.StringType);
        parquet(f, "customers.parquet", schema, RowFactory.create("c1", utf8("Ann"), "2024-01-01"),
                RowFactory.create("c2", latin1("J\u00fcrgen"), "2024-01-02"));
    }

    /** One Parquet file at {@code target} in the input folder, written by Spark (as another tool would export it). */
    private static void parquet(IngestFixture f, String target, StructType schema, Row... rows) {
        Path dir = f.warehouseDir.resolve("parquet-out-" + target.replace('/', '-'));
        SharedSpark.session().createDataFrame(List.of(rows), schema).coalesce(1).write().parquet(dir.toString());
        try (Stream<Path> files = Files.list(dir)) {
            f.bytes(target, Files.readAllBytes(files
                    .filter(p -> p.getFileName().toString().endsWith(".parquet")).findFirst().orElseThrow()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final StructType CUSTOMER_TEXT = new StructType().add("customer_id", DataTypes.StringType)
            .add("name", DataTypes.StringType).add("signup_date", DataTypes.StringType);

    /** part-0 as CUSTOMER_TEXT with customer c1, part-1 as {@code schema} with {@code row}. */
    private static Consumer<IngestFixture> parquetParts(StructType schema, Row row) {
        return f -> {
            parquet(f, "customers/part-0.parquet", CUSTOMER_TEXT, RowFactory.create("c1", "Ann", "2024-01-01"));
            parquet(f, "customers/part-1.parquet", schema, row);
        };
    }

    static Stream<Case> cases() {
        String hugeNote = "x".repeat(300_000);
        return Stream.of(
                // --- record structure ---
                interactions("unclosed quote swallows no row", lines(INTERACTIONS,
                        "i1,c1,phone,2024-03-01T10:00:00Z,,fine",
                        "i2,c1,phone,2024-03-01T11:00:00Z,,\"where is it",
                        "i3,c2,chat,2024-03-01T12:00:00Z,,ok",
                        "i4,c2,chat,2024-03-01T13:00:00Z,,ok",
                        "i5,c3,email,2024-03-01T14:00:00Z,,\"thanks, bye\"",
                        "i6,c3,email,2024-03-01T15:00:00Z,,done"))
                        .records(6).rule(Rule.MALFORMED_RECORD, 1)
                        .raw("i2,c1,phone,2024-03-01T11:00:00Z,,\"where is it")
                        .value("i5", "notes", "thanks, bye").value("i6", "notes", "done"),
                interactions("unclosed quote on the last row", lines(INTERACTIONS,
                        "i1,c1,phone,2024-03-01T10:00:00Z,,fine",
                        "i2,c1,phone,2024-03-01T11:00:00Z,,\"never closed"))
                        .records(2).rule(Rule.MALFORMED_RECORD, 1).value("i1", "notes", "fine"),
                interactions("text after a closing quote", lines(INTERACTIONS,
                        "i1,c1,phone,2024-03-01T10:00:00Z,,\"quoted\" and more",
                        "i2,c1,phone,2024-03-01T11:00:00Z,,ok"))
                        .records(2).rule(Rule.MALFORMED_RECORD, 1)
                        .raw("i1,c1,phone,2024-03-01T10:00:00Z,,\"quoted\" and more"),
                customers("extra field in a row", lines(CUSTOMERS, "c1,Ann,2024-01-01", "c2,Bob,2024-01-02,surplus"))
                        .records(2).rule(Rule.MALFORMED_RECORD, 1).raw("c2,Bob,2024-01-02,surplus"),
                customers("missing field in a row", lines(CUSTOMERS, "c1,Ann,2024-01-01", "c2,Bob"))
                        .records(2).rule(Rule.MALFORMED_RECORD, 1).raw("c2,Bob"),
                customers("trailing delimiter", lines(CUSTOMERS, "c1,Ann,2024-01-01,", "c2,Bob,2024-01-02"))
                        .records(2).rule(Rule.MALFORMED_RECORD, 1).raw("c1,Ann,2024-01-01,"),
                interactions("embedded newline in quotes", lines(INTERACTIONS,
                        "i1,c1,phone,2024-03-01T10:00:00Z,,\"line one\nline two\"",
                        "i2,c1,phone,2024-03-01T11:00:00Z,,ok"))
                        .records(2).value("i1", "notes", "line one\nline two"),
                interactions("embedded CRLF in quotes", INTERACTIONS + "\r\n"
                        + "i1,c1,phone,2024-03-01T10:00:00Z,,\"a\r\nb\"\r\n")
                        .records(1).value("i1", "notes", "a\r\nb"),
                customers("CRLF line ends", CUSTOMERS + "\r\nc1,Ann,2024-01-01\r\nc2,Bob,2024-01-02\r\n")
                        .records(2).value("c2", "name", "Bob"),
                customers("mixed line ends", CUSTOMERS + "\nc1,Ann,2024-01-01\r\nc2,Bob,2024-01-02\rc3,Cy,2024-01-03\n")
                        .records(3).value("c2", "name", "Bob").value("c3", "name", "Cy"),
                new Case("byte order mark", "customers").bytes("customers.csv",
                                concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, utf8(lines(CUSTOMERS, "c1,Ann,2024-01-01"))))
                        .records(1).value("c1", "name", "Ann"),
                customers("escaped quotes", lines(CUSTOMERS, "c1,\"Ann \"\"the hammer\"\" Lee\",2024-01-01"))
                        .records(1).value("c1", "name", "Ann \"the hammer\" Lee"),
                customers("blank lines hold no record", "\n" + CUSTOMERS + "\n\nc1,Ann,2024-01-01\n\n\nc2,Bob,2024-01-02\n\n")
                        .records(2),
                customers("no final line end", CUSTOMERS + "\nc1,Ann,2024-01-01\nc2,Bob,2024-01-02")
                        .records(2).value("c2", "signup_date", "2024-01-02"),
                interactions("huge field", lines(INTERACTIONS, "i1,c1,phone,2024-03-01T10:00:00Z,," + hugeNote))
                        .records(1).value("i1", "notes", hugeNote),
                customers("whitespace-only key", lines(CUSTOMERS, "   ,Ann,2024-01-01", "c2,Bob,2024-01-02"))
                        .records(2).rule(Rule.MISSING_REQUIRED, 1),
                customers("quote inside an unquoted field", lines(CUSTOMERS, "c1,5'11\" tall,2024-01-01"))
                        .records(1).value("c1", "name", "5'11\" tall"),
                customers("Chinese text and emoji", lines(CUSTOMERS, "c1,王小明 😀,2024-01-01"))
                        .records(1).value("c1", "name", "王小明 😀"),
                customers("exact duplicate rows", lines(CUSTOMERS, "c1,Ann,2024-01-01", "c1,Ann,2024-01-01",
                        "c1,Ann,2024-01-01", "c2,Bob,2024-01-02"))
                        .records(4).duplicates(2),
                customers("duplicate key, different values", lines(CUSTOMERS, "c1,Ann,2024-01-01", "c1,Anna,2024-01-01"))
                        .records(2).rule(Rule.DUPLICATE_KEY, 1).value("c1", "name", "Anna"),
                customers("the same malformed line twice", lines(CUSTOMERS, "c1,Ann", "c1,Ann", "c2,Bob,2024-01-02"))
                        .records(3).rule(Rule.MALFORMED_RECORD, 1).duplicates(1),
                customers("duplicate header names", lines("customer_id,name,Name", "c1,Ann,Ann"))
                        .rejected("appears twice in the header"),
                customers("empty header name", lines("customer_id,,name", "c1,x,Ann"))
                        .rejected("empty header name"),
                customers("unclosed quote in the header", lines("customer_id,\"name", "c1,Ann"))
                        .rejected("header of customers.csv is malformed"),
                customers("required column missing", lines("name,signup_date", "Ann,2024-01-01"))
                        .rejected("lacks required column customer_id"),
                // --- encoding ---
                new Case("Latin-1 bytes in UTF-8 input", "customers")
                        .bytes("customers.csv", latin1(lines(CUSTOMERS, "c1,J\u00fcrgen,2024-01-01", "c2,Bob,2024-01-02")))
                        .records(2).rule(Rule.BAD_ENCODING, 1).rawBytes(latin1("c1,J\u00fcrgen,2024-01-01")),
                new Case("Latin-1 with --encoding ISO-8859-1", "customers")
                        .bytes("customers.csv", latin1(lines(CUSTOMERS, "c1,J\u00fcrgen,2024-01-01")))
                        .encoding(StandardCharsets.ISO_8859_1).records(1).value("c1", "name", "J\u00fcrgen"),
                customers("NUL byte", lines(CUSTOMERS, "c1,A\u0000nn,2024-01-01", "c2,Bob,2024-01-02"))
                        .records(2).rule(Rule.BAD_ENCODING, 1).rawBytes(utf8("c1,A\u0000nn,2024-01-01")),
                customers("replacement character already in the file", lines(CUSTOMERS, "c1,J\uFFFDrgen,2024-01-01"))
                        .records(1).rule(Rule.BAD_ENCODING, 1),
                new Case("truncated UTF-8 at the end", "customers")
                        .bytes("customers.csv", concat(utf8(CUSTOMERS + "\nc1,Ann,2024-01-01\nc2,"), new byte[] {(byte) 0xE7, (byte) 0x8E}))
                        .records(2).rule(Rule.BAD_ENCODING, 1),
                new Case("UTF-16 file", "customers")
                        .bytes("customers.csv", concat(new byte[] {(byte) 0xFF, (byte) 0xFE},
                                lines(CUSTOMERS, "c1,Ann,2024-01-01").getBytes(StandardCharsets.UTF_16LE)))
                        .rejected("not UTF-8 text"),
                // --- values ---
                products("decimal beyond the contract's scale", lines(PRODUCTS, "p1,books,0.00001", "p2,books,1.50000",
                        "p3,books,12.3456"))
                        .records(3).rule(Rule.DECIMAL_SCALE, 1).value("p2", "unit_price", "1.5000")
                        .value("p3", "unit_price", "12.3456"),
                products("exponent decimal beyond the scale", lines(PRODUCTS, "p1,books,1.23456e-1", "p2,books,100e-6", "p3,books,1.23456e2"))
                        .records(3).rule(Rule.DECIMAL_SCALE, 1).value("p2", "unit_price", "0.0001")
                        .value("p3", "unit_price", "123.4560"),
                interactions("timestamp finer than the microsecond", lines(INTERACTIONS,
                        "i1,c1,phone,2024-03-01T10:00:00.1234567Z,,a",
                        "i2,c1,phone,2024-03-01T10:00:00.123456000Z,,b",
                        "i3,c1,phone,2024-03-01 10:00:00.5Z,2024-03-01T10:05:00.000000001Z,c"))
                        .records(3).rule(Rule.TIMESTAMP_PRECISION, 2)
                        .value("i2", "started_ts", "2024-03-01 10:00:00.123456"),
                // A double column (made so by the first batch): a code with a leading zero and a 20-digit number
                // would be altered (1234.0, 1.2345678901234567E19), so they are refused; 1e21 is exact.
                new Case("inexact numbers in a double attribute column", "customer_attributes")
                        .file("customer_attributes.csv", lines("customer_id,postcode", "s2,01234",
                                "s3,12345678901234567890", "s4,34567", "s5,1000000000000000000000"))
                        .before(HostileInputTest::seedNumericPostcodes)
                        .records(4).rule(Rule.INEXACT_NUMBER, 2)
                        .value("s4", "postcode", "34567.0").value("s5", "postcode", "1.0E21"),
                products("negative price", lines(PRODUCTS, "p1,books,-0.01", "p2,books,0"))
                        .records(2).rule(Rule.OUT_OF_RANGE, 1),
                new Case("negative quantity", "order_lines").file("order_lines.csv", lines(
                                "order_id,line_no,product_id,quantity", "o1,1,p1,-2", "o1,2,p1,0", "o1,3,p1,1"))
                        .records(3).rule(Rule.OUT_OF_RANGE, 2).rule("unknown_order", 1),
                new Case("int overflow", "order_lines").file("order_lines.csv", lines(
                                "order_id,line_no,product_id,quantity", "o1,99999999999,p1,1"))
                        .records(1).rule(Rule.BAD_NUMBER, 1),
                interactions("timestamp in 2099", lines(INTERACTIONS,
                        "i1,c1,phone,2099-03-01T10:00:00Z,,future", "i2,c1,phone,2024-03-01T10:00:00Z,,past"))
                        .records(2).rule(Rule.FUTURE_TIME, 1),
                customers("date in the future", lines(CUSTOMERS, "c1,Ann,2099-01-01", "c2,Bob,2024-01-01"))
                        .records(2).rule(Rule.FUTURE_TIME, 1),
                interactions("ended before it started", lines(INTERACTIONS,
                        "i1,c1,phone,2024-03-01T10:00:00Z,2024-03-01T09:59:59Z,x",
                        "i2,c1,phone,2024-03-01T10:00:00Z,2024-03-01T10:00:00Z,y"))
                        .records(2).rule("ended_before_started", 1),
                new Case("delivered before shipped", "shipments")
                        .file("customers.csv", lines(CUSTOMERS, "c1,Ann,2024-01-01"))
                        .file("orders.csv", lines("order_id,customer_id,order_ts,total_amount", "o1,c1,2024-03-01T10:00:00Z,10"))
                        .file("shipments.csv", lines("shipment_id,order_id,carrier,shipped_ts,delivered_ts,promised_date",
                                "s1,o1,DHL,2024-03-02T10:00:00Z,2024-03-01T10:00:00Z,2024-03-05",
                                "s2,o1,DHL,2024-03-02T10:00:00Z,2024-03-03T10:00:00Z,2099-01-01"))
                        .records(2).rule("delivered_before_shipped", 1).value("s2", "promised_date", "2099-01-01"),
                // --- files and folders ---
                new Case("gzipped CSV", "customers").bytes("customers.csv.gz", gzip(lines(CUSTOMERS, "c1,Ann,2024-01-01")))
                        .records(1).value("c1", "name", "Ann"),
                // A truncated gzip failed the ingest midway, in a Spark task, with a bare EOFException; a file that
                // is not Parquet failed it with Spark's internal error.
                new Case("truncated gzipped CSV", "customers")
                        .bytes("customers.csv.gz", truncated(gzip(lines(CUSTOMERS, "c1,Ann,2024-01-01", "c2,Bob,2024-01-02"))))
                        .before(f -> seedCustomers(f, 2)).rejected("customers.csv.gz is not a complete gzip file"),
                new Case("truncated gzipped JSON", "customers")
                        .bytes("customers.json.gz", truncated(gzip(lines("{\"customer_id\":\"c1\",\"name\":\"Ann\"}"))))
                        .before(f -> seedCustomers(f, 2)).rejected("customers.json.gz is not a complete gzip file"),
                new Case("a .parquet file that is CSV", "customers").file("customers.parquet", lines(CUSTOMERS, "c1,Ann,2024-01-01"))
                        .before(f -> seedCustomers(f, 2)).rejected("customers.parquet cannot be read as Parquet"),
                new Case("empty .parquet file", "customers").file("customers.parquet", "")
                        .before(f -> seedCustomers(f, 2)).rejected("customers.parquet cannot be read as Parquet"),
                // A re-sent bronze export: its lineage columns collided with ingest's own in an internal error.
                customers("columns ingest writes itself", lines(CUSTOMERS + ",_batch_id,_source_file",
                                "c1,Ann,2024-01-01,b1,customers.csv"))
                        .before(f -> seedCustomers(f, 2))
                        .rejected("customers.csv has columns _batch_id, _source_file, which ingest writes itself"),
                // Spark's own name for a broken JSON line: a key of that name was dropped without a word.
                new Case("JSON key named _corrupt_record", "customers").file("customers.json", lines(
                                "{\"customer_id\":\"c1\",\"name\":\"Ann\",\"_corrupt_record\":\"kept\"}"))
                        .records(1).value("c1", "name", "Ann").bronze("c1", "_corrupt_record", "kept"),
                new Case("upper-case extension", "customers").file("Customers.CSV", lines(CUSTOMERS, "c1,Ann,2024-01-01"))
                        .records(1).value("c1", "name", "Ann"),
                customers("unknown files are listed", lines(CUSTOMERS, "c1,Ann,2024-01-01"))
                        .file("customers.xlsx", "PK...").file("notes.txt", "hello")
                        .records(1).outputMentions("customers.xlsx, notes.txt"),
                customers("unknown file with --strict", lines(CUSTOMERS, "c1,Ann,2024-01-01"))
                        .file("orders.xlsx", "PK...").strict().rejected("orders.xlsx")
                        .before(f -> seedCustomers(f, 2)),
                new Case("part files with columns in another order", "customers")
                        .file("customers/part-0.csv", lines("customer_id,name,signup_date", "c1,Ann,2024-01-01"))
                        .file("customers/part-1.csv", lines("signup_date,customer_id,name", "2024-01-02,c2,Bob"))
                        .records(2).value("c2", "name", "Bob").value("c2", "signup_date", "2024-01-02"),
                new Case("part file with another header", "customers")
                        .file("customers/part-0.csv", lines("customer_id,name", "c1,Ann"))
                        .file("customers/part-1.csv", lines("customer_id,city", "c2,Bonn"))
                        .rejected("header of part-1.csv does not match part-0.csv"),
                // A folder inside an entity's folder was skipped without a word, with its rows.
                new Case("folder inside the entity's folder", "customers")
                        .file("customers/part-0.csv", lines(CUSTOMERS, "c1,Ann,2024-01-01"))
                        .file("customers/2024/part-1.csv", lines(CUSTOMERS, "c2,Bob,2024-01-02"))
                        .before(f -> seedCustomers(f, 2)).rejected("folder customers/ holds a folder 2024/"),
                new Case("writer's markers beside the parts", "customers")
                        .file("customers/part-0.csv", lines(CUSTOMERS, "c1,Ann,2024-01-01"))
                        .file("customers/_SUCCESS", "").file("customers/.part-0.csv.crc", "x")
                        .file("customers/_temporary/0/part-9.csv", lines(CUSTOMERS, "c9,Tmp,2024-01-09"))
                        .records(1).value("c1", "name", "Ann"),
                new Case("empty part file", "customers")
                        .file("customers/part-0.csv", "")
                        .file("customers/part-1.csv", lines(CUSTOMERS, "c1,Ann,2024-01-01"))
                        .records(1),
                new Case("header-only file", "customers").file("customers.csv", lines(CUSTOMERS)).records(0),
                new Case("only a byte order mark", "customers")
                        .bytes("customers.csv", new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}).records(0),
                new Case("empty file after a big batch", "customers").file("customers.csv", "")
                        .before(f -> seedCustomers(f, 50)).records(0).outputMentions("warning: customers: 0 rows"),
                customers("reject rate over the limit", lines(CUSTOMERS, "c1,Ann,2024-99-01", "c2,Bob"))
                        .maxRejectRate(0.05).before(f -> seedCustomers(f, 2)).rejected("customers rejected 100.0%"),
                new Case("Parquet bytes that are not UTF-8", "customers").before(HostileInputTest::latin1Parquet)
                        .records(2).rule(Rule.BAD_ENCODING, 1).value("c1", "name", "Ann")
                        .quarantinedBytes("name", latin1("J\u00fcrgen")),
                // Spark reads a folder of Parquet parts with one part's schema: another part's extra column was
                // dropped, and a column typed otherwise there failed the read.
                new Case("Parquet parts with columns in another order and type", "customers")
                        .before(parquetParts(new StructType().add("signup_date", DataTypes.DateType)
                                        .add("name", DataTypes.StringType).add("customer_id", DataTypes.StringType),
                                RowFactory.create(java.sql.Date.valueOf("2024-01-02"), "Bob", "c2")))
                        .records(2).value("c1", "name", "Ann").value("c2", "name", "Bob")
                        .value("c2", "signup_date", "2024-01-02"),
                new Case("Parquet part with an extra column", "customers")
                        .before(parquetParts(CUSTOMER_TEXT.add("email", DataTypes.StringType),
                                RowFactory.create("c2", "Bob", "2024-01-02", "bob@example.com")))
                        .rejected("part-1.parquet does not match part-0.parquet (has extra email)"),
                new Case("Parquet part lacking a column", "customers")
                        .before(parquetParts(new StructType().add("customer_id", DataTypes.StringType)
                                .add("name", DataTypes.StringType), RowFactory.create("c2", "Bob")))
                        .rejected("part-1.parquet does not match part-0.parquet (lacks signup_date)"),
                new Case("JSON line that is not an object", "customers").file("customers.json", lines(
                                "{\"customer_id\":\"c1\",\"name\":\"Ann\"}", "{\"customer_id\":\"c2\",", "not json"))
                        .records(3).rule(Rule.MALFORMED_RECORD, 2).value("c1", "name", "Ann"),
                new Case("JSON with Latin-1 bytes", "customers").bytes("customers.json",
                                latin1("{\"customer_id\":\"c1\",\"name\":\"J\u00fcrgen\"}\n{\"customer_id\":\"c2\",\"name\":\"Bob\"}\n"))
                        // The line Spark's JSON reader refuses is bad_encoding (not malformed_record), with its bytes.
                        .records(2).rule(Rule.BAD_ENCODING, 1).value("c2", "name", "Bob")
                        .rawBytes(latin1("{\"customer_id\":\"c1\",\"name\":\"J\u00fcrgen\"}")),
                // Spark's JSON reader alone made one row per element of an array, kept only the first of two
                // objects on a line, and read a file of malformed lines as no rows at all.
                new Case("JSON line holding an array of objects", "customers").file("customers.json", lines(
                                "{\"customer_id\":\"c1\",\"name\":\"Ann\"}",
                                "[{\"customer_id\":\"c2\",\"name\":\"Bob\"},{\"customer_id\":\"c3\",\"name\":\"Cy\"}]"))
                        .records(2).rule(Rule.MALFORMED_RECORD, 1).value("c1", "name", "Ann")
                        .raw("[{\"customer_id\":\"c2\",\"name\":\"Bob\"},{\"customer_id\":\"c3\",\"name\":\"Cy\"}]"),
                new Case("JSON line holding two objects", "customers").file("customers.json", lines(
                                "{\"customer_id\":\"c1\",\"name\":\"Ann\"} {\"customer_id\":\"c2\",\"name\":\"Bob\"}",
                                "{\"customer_id\":\"c3\",\"name\":\"Cy\"}"))
                        .records(2).rule(Rule.MALFORMED_RECORD, 1).value("c3", "name", "Cy")
                        .raw("{\"customer_id\":\"c1\",\"name\":\"Ann\"} {\"customer_id\":\"c2\",\"name\":\"Bob\"}"),
                new Case("JSON object with a key given twice", "customers").file("customers.json", lines(
                                "{\"customer_id\":\"c1\",\"name\":\"Ann\",\"name\":\"Bob\"}",
                                "{\"customer_id\":\"c2\",\"name\":\"Cy\"}"))
                        .records(2).rule(Rule.MALFORMED_RECORD, 1).value("c2", "name", "Cy")
                        .raw("{\"customer_id\":\"c1\",\"name\":\"Ann\",\"name\":\"Bob\"}"),
                new Case("JSON keys spelt in other cases", "customers")
                        .file("customers/part-0.json", lines("{\"Customer_ID\":\"c1\",\"Name\":\"Ann\"}"))
                        .file("customers/part-1.json", lines("{\"customer_id\":\"c2\",\" name \":\"Bob\"}"))
                        .records(2).value("c1", "name", "Ann").value("c2", "name", "Bob"),
                new Case("JSON file of malformed lines only", "customers")
                        .file("customers.json", lines("not json", "[1, 2]", "42"))
                        .records(3).rule(Rule.MALFORMED_RECORD, 3).raw("not json").raw("[1, 2]").raw("42"),
                new Case("JSON with blank lines and CRLF", "customers").file("customers.json",
                                "{\"customer_id\":\"c1\",\"name\":\"Ann\"}\r\n\r\n   \n{\"customer_id\":\"c2\",\"name\":\"Bob\"}\r\n")
                        .records(2).value("c1", "name", "Ann").value("c2", "name", "Bob"),
                // Read in another encoding, Spark re-wrote a bare number from a double: 77994478778325.77.
                new Case("JSON in ISO-8859-1 with bare numbers", "products").bytes("products.json",
                                latin1("{\"product_id\":\"p1\",\"category\":\"K\u00fcche\",\"unit_price\":77994478778325.770400}\n"
                                        + "{\"product_id\":\"p2\",\"category\":\"toys\",\"unit_price\":1.5E1}\n"))
                        .encoding(StandardCharsets.ISO_8859_1).records(2)
                        .value("p1", "unit_price", "77994478778325.7704").value("p1", "category", "K\u00fcche")
                        .value("p2", "unit_price", "15.0000"),
                // Spark decoded the byte windows-1252 leaves undefined to U+FFFD: the row was refused, its bytes lost.
                new Case("JSON in windows-1252 with a byte it does not define", "customers").bytes("customers.json",
                                concat(latin1("{\"customer_id\":\"c1\",\"name\":\"Ann\"}\n{\"customer_id\":\"c2\",\"name\":\"B"),
                                        new byte[] {(byte) 0x81}, latin1("b\"}\n")))
                        .encoding(Charset.forName("windows-1252")).records(2).rule(Rule.BAD_ENCODING, 1)
                        .value("c1", "name", "Ann")
                        .rawBytes(concat(latin1("{\"customer_id\":\"c2\",\"name\":\"B"), new byte[] {(byte) 0x81},
                                latin1("b\"}"))));
    }


    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void everyPhysicalRecordIsAccountedFor(Case c) {
        IngestFixture f = IngestFixture.create("hostile");
        c.before.accept(f);
        c.files.forEach(f::bytes);
        IngestOptions options = IngestOptions.builder(f.input.toString()).maxRejectRate(c.maxRejectRate)
                .encoding(c.encoding).strict(c.strict).build();
        if (c.rejection != null) {
            Map<String, List<Row>> before = snapshot(f);
            UserException e = assertThrows(UserException.class, () -> f.ingest(options));
            assertTrue(e.getMessage().contains(c.rejection), e.getMessage());
            Map<String, List<Row>> after = snapshot(f);
            if (e instanceof RejectedBatchException) {
                // The reject-rate gate still records bronze and quarantine; silver must be as it was.
                assertEquals(before.get("silver.customers"), after.get("silver.customers"));
            } else {
                assertEquals(before, after, "a rejected input changes no table");
            }
            return;
        }
        // Seeded cases start with rows of an earlier batch (other keys): the table holds those as well.
        long silverBefore = f.exists(Layer.SILVER, c.entity) ? f.table(Layer.SILVER, c.entity).count() : 0;
        JobResult result = f.ingest(options);
        String e = c.entity;
        long rowsIn = (Long) result.figures().get(e + ".rows_in");
        long silver = (Long) result.figures().get(e + ".silver");
        long quarantined = (Long) result.figures().get(e + ".quarantined");
        long duplicates = (Long) result.figures().get(e + ".exact_duplicates");
        assertEquals(c.records, rowsIn, "physical records in " + c.files.keySet());
        assertEquals(rowsIn, silver + quarantined + duplicates, "accounting");
        assertEquals(c.duplicates, duplicates, "exact duplicates");
        long expectedQuarantine = c.rules.values().stream().mapToLong(Long::longValue).sum();
        assertEquals(expectedQuarantine, quarantined, "quarantined " + ResultLines.of(result));
        assertEquals(silverBefore + silver, f.table(Layer.SILVER, e).count(), "silver table");
        if (f.exists(Layer.QUARANTINE, e)) {
            Map<String, Long> rules = new TreeMap<>();
            f.table(Layer.QUARANTINE, e).groupBy("rule").count().collectAsList()
                    .forEach(r -> rules.put(r.getString(0), r.getLong(1)));
            assertEquals(c.rules, rules, "quarantine by rule");
        } else {
            assertEquals(0, expectedQuarantine);
        }
        c.values.forEach((keyColumn, expected) -> assertValue(f, Layer.SILVER, e, keyColumn, expected));
        c.bronzeValues.forEach((keyColumn, expected) -> assertValue(f, Layer.BRONZE, e, keyColumn, expected));
        assertNoLostCharacters(f, e);
        if (!c.rawTexts.isEmpty()) {
            List<String> raw = f.table(Layer.QUARANTINE, e).where("_raw_record is not null")
                    .select("_raw_record").as(org.apache.spark.sql.Encoders.STRING()).collectAsList();
            for (String text : c.rawTexts) {
                assertTrue(raw.contains(text), "raw text kept: " + raw);
            }
        }
        for (Map.Entry<String, byte[]> kept : c.quarantined.entrySet()) {
            List<Row> stored = f.table(Layer.QUARANTINE, e).selectExpr("cast(`" + kept.getKey() + "` as binary)")
                    .collectAsList();
            assertEquals(1, stored.size(), "quarantined rows");
            assertArrayEquals(kept.getValue(), (byte[]) stored.get(0).get(0), "bytes kept in quarantine");
        }
        for (byte[] bytes : c.rawBytes) {
            List<Row> raw = f.table(Layer.QUARANTINE, e).where("_raw_bytes is not null").select("_raw_bytes")
                    .collectAsList();
            assertEquals(1, raw.size());
            assertArrayEquals(bytes, (byte[]) raw.get(0).get(0), "raw bytes kept");
        }
        if (c.output != null) {
            assertTrue(String.join("\n", ResultLines.of(result)).contains(c.output), String.join("\n", ResultLines.of(result)));
        }
    }

    /** {@code layer.entity} holds {@code expected} (as text) in the column of "key|column", for the row of key. */
    private static void assertValue(IngestFixture f, Layer layer, String entity, String keyColumn, String expected) {
        String[] parts = keyColumn.split("\\|");
        String keyName = f.table(Layer.SILVER, entity).columns()[0];
        List<Row> rows = f.table(layer, entity).where(keyName + " = '" + parts[0] + "'")
                .selectExpr("cast(`" + parts[1] + "` as string)").collectAsList();
        assertEquals(1, rows.size(), layer + " row " + parts[0]);
        assertEquals(expected, rows.get(0).getString(0), layer + " " + keyColumn);
    }

    /** No silver string holds U+FFFD or NUL: bytes that were not text never pass as text. One query. */
    private static void assertNoLostCharacters(IngestFixture f, String entity) {
        List<String> conditions = new ArrayList<>();
        for (StructField field : f.table(Layer.SILVER, entity).schema().fields()) {
            if (field.dataType().equals(DataTypes.StringType)) {
                conditions.add("instr(`" + field.name() + "`, '\uFFFD') > 0 or instr(`" + field.name()
                        + "`, char(0)) > 0");
            }
        }
        assertEquals(0, f.table(Layer.SILVER, entity).where(String.join(" or ", conditions)).count(),
                "lost characters in silver." + entity);
    }

    /** Every table of the warehouse, sorted, for comparing before and after a rejected input. */
    private static Map<String, List<Row>> snapshot(IngestFixture f) {
        Map<String, List<Row>> tables = new HashMap<>();
        for (var table : f.context().warehouse().tables()) {
            var rows = f.table(table.layer(), table.name());
            tables.put(table.qualifiedName(), rows.orderBy(Arrays.stream(rows.columns()).map(org.apache.spark.sql.functions::col)
                    .toArray(org.apache.spark.sql.Column[]::new)).collectAsList());
        }
        return tables;
    }
}
