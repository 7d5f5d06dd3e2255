package io.crmanalytics.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.crmanalytics.job.JobResult;
import io.crmanalytics.testing.SharedSpark;
import io.crmanalytics.warehouse.Layer;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.regex.Pattern;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * No value altered, checked on every value rather than on chosen ones: seeded random rows of hostile but valid
 * values are written as RFC 4180 CSV (and again as JSON lines, and as Parquet with typed columns), ingested in one
 * batch, and compared with silver value by value. The values:
 * quotes, commas, line breaks and surrounding spaces inside quoted fields, Chinese, emoji, combining marks,
 * zero-width and no-break spaces, formula-like and SQL-like text, backslashes, the words NULL and N/A; integers
 * with signs and leading zeros; decimals in every form the contract reads, up to its scale of 4; every timestamp
 * form it names (T or space, 0-9 fraction digits, Z, offsets, none); booleans in every spelling and case; domain
 * values in any case; open columns of customer_attributes that are all digits but codes (postcodes with a
 * leading zero, 20-digit account numbers), which must stay text. The header's columns are shuffled and their case
 * varied. All nine entities; ivr_events, which has no key, is matched by its call ids (unique here).
 *
 * <p>The expected value is computed here from the contract's rules, not by the code under test: a string loses only
 * its surrounding white space (and is null when nothing is left), a number is read exactly, a timestamp without an
 * offset is in the configured zone, a domain value takes the domain's spelling. The one form silver cannot hold, a
 * time with a non-zero digit below the microsecond, must be quarantined ({@code timestamp_precision}) with every
 * field as written; before that rule, ingest truncated it silently.
 */
class IngestRoundTripTest {
    private static final int ROWS = 120;
    private static final ZoneId ZONE = ZoneId.of("America/New_York");
    private static final String[] PIECES = {"a", "Zz", "0", "42", " ", "  ", ",", "\"", "\"\"", "\n", "\r\n", "\t",
        "'", "\\", "\\\"", "=SUM(A1)", "+1", "-", "@x", "中文", "客服电话", "😀", "e\u0301", "\u200b", "\u00a0", "ß",
        "İ", ";", "|", "#", "NULL", "null", "N/A", "<b>", "%s", "${x}", "'; drop table x; --", "é", "Ω"};

    /** RFC 8259's number: what a JSON line may hold bare. */
    private static final Pattern JSON_NUMBER = Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?");
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
            new com.fasterxml.jackson.databind.ObjectMapper();

    private enum Kind { STRING, INT, DECIMAL, BOOLEAN, DATE, TIMESTAMP, DOMAIN, DOUBLE }

    private record Column(String name, Kind kind, List<String> domain) {
        static Column of(String name, Kind kind) {
            return new Column(name, kind, List.of());
        }
    }

    private static final List<Column> CUSTOMERS = List.of(Column.of("customer_id", Kind.STRING),
            Column.of("signup_date", Kind.DATE), Column.of("region", Kind.STRING), Column.of("city", Kind.STRING),
            Column.of("name", Kind.STRING), Column.of("email", Kind.STRING), Column.of("phone", Kind.STRING),
            Column.of("marketing_consent", Kind.BOOLEAN), Column.of("vip", Kind.BOOLEAN));
    private static final List<Column> PRODUCTS = List.of(Column.of("product_id", Kind.STRING),
            Column.of("category", Kind.STRING), Column.of("name", Kind.STRING), Column.of("unit_price", Kind.DECIMAL));
    private static final List<Column> INTERACTIONS = List.of(Column.of("interaction_id", Kind.STRING),
            Column.of("customer_id", Kind.STRING),
            new Column("channel", Kind.DOMAIN, List.of("phone", "email", "chat", "ivr", "social", "sms", "store")),
            new Column("direction", Kind.DOMAIN, List.of("inbound", "outbound")),
            Column.of("started_ts", Kind.TIMESTAMP), Column.of("wait_seconds", Kind.INT),
            Column.of("handle_seconds", Kind.INT), Column.of("agent_id", Kind.STRING), Column.of("queue", Kind.STRING),
            new Column("reason_code", Kind.DOMAIN, List.of("late_delivery", "damaged", "wrong_item", "missing_item",
                    "billing", "return", "product_question", "account", "other")),
            Column.of("is_complaint", Kind.BOOLEAN), Column.of("resolved", Kind.BOOLEAN),
            Column.of("notes", Kind.STRING));
    private static final List<Column> ORDERS = List.of(Column.of("order_id", Kind.STRING),
            Column.of("customer_id", Kind.STRING), Column.of("order_ts", Kind.TIMESTAMP),
            Column.of("total_amount", Kind.DECIMAL),
            new Column("channel", Kind.DOMAIN, List.of("web", "app", "phone", "store", "other")));
    private static final List<Column> ORDER_LINES = List.of(Column.of("order_id", Kind.STRING),
            Column.of("line_no", Kind.INT), Column.of("product_id", Kind.STRING), Column.of("quantity", Kind.INT),
            Column.of("unit_price", Kind.DECIMAL));
    /** shipped_ts before delivered_ts, which is written after it. */
    private static final List<Column> SHIPMENTS = List.of(Column.of("shipment_id", Kind.STRING),
            Column.of("order_id", Kind.STRING), Column.of("carrier", Kind.STRING), Column.of("warehouse", Kind.STRING),
            Column.of("ship_method", Kind.STRING), Column.of("origin_region", Kind.STRING),
            Column.of("dest_region", Kind.STRING), Column.of("shipped_ts", Kind.TIMESTAMP),
            Column.of("promised_date", Kind.DATE), Column.of("delivered_ts", Kind.TIMESTAMP),
            new Column("status", Kind.DOMAIN, List.of("delivered", "in_transit", "lost", "returned")));
    /** survey_type before score, whose range it sets. */
    private static final List<Column> SURVEYS = List.of(Column.of("survey_id", Kind.STRING),
            Column.of("customer_id", Kind.STRING), new Column("survey_type", Kind.DOMAIN, List.of("CSAT", "NPS", "CES")),
            Column.of("score", Kind.INT), Column.of("submitted_ts", Kind.TIMESTAMP), Column.of("comment", Kind.STRING));
    /** No key in the contract: call ids are unique here, so rows are matched by them. */
    private static final List<Column> IVR_EVENTS = List.of(Column.of("call_id", Kind.STRING),
            Column.of("event_ts", Kind.TIMESTAMP), Column.of("node", Kind.STRING),
            new Column("event", Kind.DOMAIN, List.of("enter", "exit", "zero_out", "abandon", "self_served", "transfer")),
            Column.of("customer_id", Kind.STRING));
    /**
     * Open columns: postcodes (some with a leading zero) and 20-digit account numbers are all digits, yet must stay
     * text as written; plain numbers become doubles.
     */
    private static final List<Column> ATTRIBUTES = List.of(Column.of("customer_id", Kind.STRING),
            Column.of("postcode", Kind.STRING), Column.of("account_no", Kind.STRING),
            Column.of("balance", Kind.DOUBLE), Column.of("segment", Kind.STRING));
    /** order_lines' line numbers. */
    private static final java.util.concurrent.atomic.AtomicInteger LINE = new java.util.concurrent.atomic.AtomicInteger();
    /** In the order they are written; customers, products and orders are named by the others, with plain ids. */
    private static final Map<String, List<Column>> ENTITIES = new LinkedHashMap<>();

    static {
        ENTITIES.put("customers", CUSTOMERS);
        ENTITIES.put("products", PRODUCTS);
        ENTITIES.put("interactions", INTERACTIONS);
        ENTITIES.put("orders", ORDERS);
        ENTITIES.put("order_lines", ORDER_LINES);
        ENTITIES.put("shipments", SHIPMENTS);
        ENTITIES.put("surveys", SURVEYS);
        ENTITIES.put("ivr_events", IVR_EVENTS);
        ENTITIES.put("customer_attributes", ATTRIBUTES);
    }

    /**
     * The same rows as RFC 4180 CSV, as JSON lines (every value a string, or a bare number or boolean), and as
     * Parquet with typed columns, as another tool would export them.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"csv", "json", "parquet"})
    void everyValueReachesSilverAsWritten(String format) {
        Random random = new Random(20261204L);
        IngestFixture fixture = IngestFixture.create("round-trip-" + format).zone(ZONE.getId());
        Map<String, List<Map<String, String>>> written = new LinkedHashMap<>();
        ENTITIES.forEach((name, schema) -> written.put(name, write(fixture, format, name, schema, random)));

        JobResult result = fixture.ingest();

        for (var entity : written.entrySet()) {
            String name = entity.getKey();
            List<Column> schema = ENTITIES.get(name);
            // The one valid-looking value silver cannot hold: a time finer than its microseconds.
            Map<String, Map<String, String>> refused = new HashMap<>();
            for (Map<String, String> raw : entity.getValue()) {
                if (schema.stream().anyMatch(c -> c.kind() == Kind.TIMESTAMP && belowMicroseconds(raw.get(c.name())))) {
                    refused.put(key(name, raw::get), raw);
                }
            }
            assertEquals((long) ROWS, result.figures().get(name + ".rows_in"), name + ": records read");
            assertEquals((long) refused.size(), result.figures().get(name + ".quarantined"), name + ": quarantined "
                    + (fixture.exists(Layer.QUARANTINE, name) ? fixture.table(Layer.QUARANTINE, name)
                            .select("rule", "rule_column", "_raw_record").collectAsList() : List.of()));
            for (Row row : refused.isEmpty() ? List.<Row>of() : fixture.table(Layer.QUARANTINE, name).collectAsList()) {
                Map<String, String> raw = refused.get(key(name, c -> row.getAs(c)));
                assertNotNull(raw, name + ": quarantined " + row);
                assertEquals(Rule.TIMESTAMP_PRECISION, row.getAs("rule"), name + ": quarantined " + row);
                for (Column column : schema) { // quarantine keeps the text as it was written
                    assertEquals(raw.get(column.name()), row.getAs(column.name()), name + " " + key(name, raw::get) + "."
                            + column.name() + " in quarantine");
                }
            }
            Map<String, Row> silver = new HashMap<>();
            for (Row row : fixture.table(Layer.SILVER, name).collectAsList()) {
                silver.put(key(name, c -> String.valueOf(row.<Object>getAs(c))), row);
            }
            assertEquals(ROWS - refused.size(), silver.size(), name + ": silver rows");
            for (Map<String, String> raw : entity.getValue()) {
                if (refused.containsKey(key(name, raw::get))) {
                    continue;
                }
                Row row = silver.get(key(name, raw::get));
                assertNotNull(row, name + " " + key(name, raw::get) + " is in silver");
                for (Column column : schema) {
                    String text = raw.get(column.name());
                    assertEquals(expected(column, text), actual(row, column),
                            name + " " + key(name, raw::get) + "." + column.name() + " written as [" + text + "]");
                }
            }
        }
        // Text formats only: a Parquet timestamp holds microseconds, so there is nothing finer to refuse.
        List<Map<String, String>> contacts = written.get("interactions");
        assertTrue(format.equals("parquet")
                || contacts.stream().anyMatch(r -> belowMicroseconds(r.get("started_ts")))
                && contacts.stream().anyMatch(r -> r.get("started_ts").matches(".*\\.\\d{6}0+([^0-9].*)?")),
                "the seed writes nanosecond times, refused and (with trailing zeros) kept");
    }

    /** A row's key as text, from its fields' texts: order_lines are keyed by order and line number. */
    private static String key(String entity, java.util.function.Function<String, String> field) {
        if (entity.equals("order_lines")) {
            return clean(field.apply("order_id")) + "|" + Integer.parseInt(clean(field.apply("line_no")));
        }
        return clean(field.apply(ENTITIES.get(entity).get(0).name()));
    }

    /** A non-zero digit after the sixth of the fraction, read here with java.time's own parser of the text. */
    private static boolean belowMicroseconds(String text) {
        if (clean(text) == null) {
            return false;
        }
        Object instant = expected(Column.of("t", Kind.TIMESTAMP), text);
        return ((Instant) instant).getNano() % 1000 != 0;
    }

    /** Writes ROWS random rows as input/{@code entity}.{@code format} and returns each row's field texts. */
    private static List<Map<String, String>> write(IngestFixture fixture, String format, String entity,
                                                   List<Column> schema, Random random) {
        List<Column> order = new ArrayList<>(schema);
        java.util.Collections.shuffle(order, random);
        StringBuilder csv = new StringBuilder();
        List<String> header = new ArrayList<>();
        for (Column column : order) {
            header.add(random.nextBoolean() ? column.name().toUpperCase(Locale.ROOT) : column.name());
        }
        csv.append(String.join(",", header)).append("\r\n");
        StringBuilder json = new StringBuilder();
        List<Row> typedRows = new ArrayList<>();
        List<Map<String, String>> rows = new ArrayList<>();
        for (int i = 0; i < ROWS; i++) {
            Map<String, String> row = new HashMap<>();
            for (Column column : schema) {
                // Keys carry non-ASCII text too, except those the other entities name.
                String text = column != schema.get(0) ? value(column, entity, row, random)
                        : entity.equals("customer_attributes") ? "c-" + i
                        : entity.equals("order_lines") ? "o-" + random.nextInt(ROWS)
                        : List.of("customers", "orders", "products").contains(entity) ? entity.charAt(0) + "-" + i
                        : entity.charAt(0) + "-" + i + List.of("", "中文", "é", "😀", "Ω").get(random.nextInt(5));
                row.put(column.name(), text);
            }
            rows.add(row);
            if (format.equals("parquet")) {
                typedRows.add(typedRow(order, row));
                continue;
            }
            if (format.equals("json")) {
                json.append(jsonLine(order, header, row, random)).append('\n');
                continue;
            }
            List<String> fields = new ArrayList<>();
            for (Column column : order) {
                fields.add(quoted(row.get(column.name()), random));
            }
            csv.append(String.join(",", fields)).append(random.nextBoolean() ? "\n" : "\r\n");
        }
        if (format.equals("parquet")) {
            StructType types = new StructType();
            for (int k = 0; k < order.size(); k++) {
                types = types.add(header.get(k), parquetType(order.get(k).kind()));
            }
            fixture.bytes(entity + ".parquet", parquetFile(fixture, entity, types, typedRows));
        } else {
            fixture.file(entity + "." + format, format.equals("json") ? json.toString() : csv.toString());
        }
        return rows;
    }

    /** The Parquet type another tool would give the column; decimals with a scale wider than silver's. */
    private static DataType parquetType(Kind kind) {
        return switch (kind) {
            case STRING, DOMAIN -> DataTypes.StringType;
            case INT -> DataTypes.IntegerType;
            case DECIMAL -> DataTypes.createDecimalType(38, 10);
            case DOUBLE -> DataTypes.DoubleType;
            case BOOLEAN -> DataTypes.BooleanType;
            case DATE -> DataTypes.DateType;
            case TIMESTAMP -> DataTypes.TimestampType;
        };
    }

    /**
     * The row's values typed, in the file's column order. Text stays text as written; an empty value is a null;
     * a typed value is the one the text stands for (a time cut to the microseconds Parquet's timestamp holds), and
     * {@code row} gets that value's own text, from which the expected silver value is computed as for CSV.
     */
    private static Row typedRow(List<Column> order, Map<String, String> row) {
        Object[] values = new Object[order.size()];
        for (int k = 0; k < order.size(); k++) {
            Column column = order.get(k);
            String text = row.get(column.name());
            if (clean(text) == null) {
                row.put(column.name(), null);
                continue;
            }
            Object value = switch (column.kind()) {
                case STRING, DOMAIN -> text;
                case INT -> (int) (long) (Long) expected(column, text);
                case DECIMAL, DOUBLE, BOOLEAN -> expected(column, text);
                case DATE -> java.sql.Date.valueOf((LocalDate) expected(column, text));
                case TIMESTAMP -> Timestamp.from(((Instant) expected(column, text)).truncatedTo(ChronoUnit.MICROS));
            };
            values[k] = value;
            if (column.kind() != Kind.STRING && column.kind() != Kind.DOMAIN) {
                row.put(column.name(), switch (column.kind()) {
                    case DECIMAL -> ((BigDecimal) value).toPlainString();
                    case TIMESTAMP -> ((Timestamp) value).toInstant().toString();
                    default -> String.valueOf(value);
                });
            }
        }
        return RowFactory.create(values);
    }

    /** One Parquet file of the rows, written by Spark, as bytes. */
    private static byte[] parquetFile(IngestFixture fixture, String entity, StructType types, List<Row> rows) {
        java.nio.file.Path dir = fixture.warehouseDir.resolve("parquet-" + entity);
        SharedSpark.session().createDataFrame(rows, types).coalesce(1).write().parquet(dir.toString());
        try (var files = java.nio.file.Files.list(dir)) {
            return java.nio.file.Files.readAllBytes(files
                    .filter(f -> f.getFileName().toString().endsWith(".parquet")).findFirst().orElseThrow());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * One JSON object, keys in a new order each line (spelled as the file's header), every value a JSON string,
     * except that a text which is a JSON number or boolean is written bare half of the time, and an empty text is
     * an empty string, a null or an absent key (the last two recorded in {@code row} as null: no text).
     */
    private static String jsonLine(List<Column> order, List<String> header, Map<String, String> row,
                                   Random random) {
        List<Integer> keys = new ArrayList<>();
        for (int k = 0; k < order.size(); k++) {
            keys.add(k);
        }
        java.util.Collections.shuffle(keys, random);
        List<String> members = new ArrayList<>();
        for (int k : keys) {
            String text = row.get(order.get(k).name());
            String value;
            if (text.isEmpty()) {
                int form = random.nextInt(3);
                if (form > 0) {
                    row.put(order.get(k).name(), null); // no text at all: quarantine keeps a null
                }
                if (form == 2) {
                    continue;
                }
                value = form == 0 ? "\"\"" : "null";
            } else if ((JSON_NUMBER.matcher(text).matches() || text.equals("true") || text.equals("false"))
                    && random.nextBoolean()) {
                value = text;
            } else {
                value = jsonString(text);
            }
            members.add(jsonString(header.get(k)) + ":" + value);
        }
        return "{" + String.join(",", members) + "}";
    }

    private static String jsonString(String text) {
        try {
            return JSON.writeValueAsString(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A random valid text for the column; {@code row} holds the row's earlier columns. */
    private static String value(Column column, String entity, Map<String, String> row, Random random) {
        switch (entity + "." + column.name()) {
            case "interactions.customer_id", "orders.customer_id", "surveys.customer_id" -> {
                return "c-" + random.nextInt(ROWS);
            }
            case "order_lines.line_no" -> { // one counter: (order_id, line_no) never repeats
                return (random.nextBoolean() ? "+" : "") + "0".repeat(random.nextInt(3)) + LINE.incrementAndGet();
            }
            case "order_lines.product_id" -> {
                return "p-" + random.nextInt(ROWS);
            }
            case "order_lines.quantity" -> { // > 0
                return (random.nextBoolean() ? "+" : "") + "0".repeat(random.nextInt(3)) + (1 + random.nextInt(50));
            }
            case "shipments.order_id" -> {
                return "o-" + random.nextInt(ROWS);
            }
            case "products.category" -> {
                return List.of("books", "home", "Toys & Games", "家居").get(random.nextInt(4));
            }
            case "orders.order_ts" -> { // shipments name the orders: none may be refused
                return timestamp(random, false);
            }
            case "shipments.delivered_ts" -> { // empty while not delivered; never before shipped
                if (random.nextInt(5) == 0) {
                    return "";
                }
                Instant shipped = (Instant) expected(column, row.get("shipped_ts"));
                return shipped.plusSeconds(1 + random.nextInt(900_000)).truncatedTo(ChronoUnit.SECONDS).toString();
            }
            case "customer_attributes.postcode" -> {
                return String.format(Locale.ROOT, "%05d", random.nextInt(random.nextBoolean() ? 10_000 : 100_000));
            }
            case "customer_attributes.account_no" -> {
                StringBuilder digits = new StringBuilder().append(1 + random.nextInt(9));
                for (int k = 0; k < 19; k++) {
                    digits.append(random.nextInt(10));
                }
                return digits.toString();
            }
            case "shipments.carrier", "ivr_events.node" -> { // required: never only white space
                String text = hostileText(random);
                return clean(text) == null ? text + "x" : text;
            }
            case "surveys.score" -> { // within the type's range
                String type = clean(row.get("survey_type")).toUpperCase(Locale.ROOT);
                int low = type.equals("NPS") ? 0 : 1;
                int high = switch (type) {
                    case "CSAT" -> 5;
                    case "NPS" -> 10;
                    default -> 7;
                };
                return (random.nextBoolean() ? "+0" : "") + (low + random.nextInt(high - low + 1));
            }
            default -> {
            }
        }
        return switch (column.kind()) {
            case STRING -> hostileText(random);
            case INT -> (random.nextBoolean() ? "+" : "") + "0".repeat(random.nextInt(3)) + random.nextInt(100_000);
            case DECIMAL -> decimal(random, true);
            case DOUBLE -> decimal(random, false);
            case BOOLEAN -> {
                String word = List.of("true", "false", "1", "0", "yes", "no", "y", "n").get(random.nextInt(8));
                yield random.nextBoolean() ? word.toUpperCase(Locale.ROOT) : word;
            }
            case DATE -> LocalDate.of(2015, 1, 1).plusDays(random.nextInt(3000)).toString();
            case TIMESTAMP -> timestamp(random, true);
            case DOMAIN -> {
                String word = column.domain().get(random.nextInt(column.domain().size()));
                yield spaces(random) + (random.nextBoolean() ? word.toUpperCase(Locale.ROOT) : word) + spaces(random);
            }
        };
    }

    private static String hostileText(Random random) {
        if (random.nextInt(15) == 0) {
            return List.of("", " ", "\t \r\n ").get(random.nextInt(3)); // no value
        }
        StringBuilder text = new StringBuilder();
        int pieces = 1 + random.nextInt(random.nextInt(10) == 0 ? 400 : 8);
        for (int k = 0; k < pieces; k++) {
            text.append(piece(random));
        }
        return text.toString();
    }

    private static String piece(Random random) {
        return PIECES[random.nextInt(PIECES.length)];
    }

    private static String spaces(Random random) {
        return random.nextInt(4) == 0 ? " \t".substring(0, 1 + random.nextInt(2)) : "";
    }

    /** Every form the contract reads: integer, fraction, leading or trailing point, sign, exponent; scale <= 4. */
    /**
     * A decimal in one of the forms the contract reads; {@code wide} ones use silver's whole decimal(18,4) a
     * quarter of the time (up to 14 digits before the point and 4 after), more than a double holds.
     */
    private static String decimal(Random random, boolean wide) {
        int scale = random.nextInt(5);
        BigDecimal value = wide && random.nextInt(4) == 0
                ? new BigDecimal(new java.math.BigInteger(60, random).mod(java.math.BigInteger.TEN.pow(14 + scale)), scale)
                : BigDecimal.valueOf(random.nextInt(10_000_000), scale);
        return switch (random.nextInt(6)) {
            case 0 -> value.toPlainString();
            case 1 -> "+" + value.toPlainString();
            case 2 -> value.toPlainString() + (value.scale() == 0 ? "." : "00");
            case 3 -> value.scale() > 0 && value.compareTo(BigDecimal.ONE) < 0
                    ? value.toPlainString().substring(1) : value.toPlainString(); // ".25"
            case 4 -> value.movePointLeft(2).toPlainString() + "e2";
            default -> value.toPlainString() + "E0";
        };
    }

    /** T or space, 0-9 fraction digits, Z, an offset or none; 2015-2023, before the fixture's run date. */
    private static String timestamp(Random random, boolean belowMicroseconds) {
        LocalDateTime local = LocalDateTime.of(2015, 1, 1, 0, 0).plusSeconds(random.nextInt(250_000_000));
        String text = local.toLocalDate() + (random.nextBoolean() ? "T" : " ") + local.toLocalTime().withNano(0)
                .toString();
        if (text.length() == 16) {
            text += ":00"; // LocalTime prints 10:15 for 10:15:00
        }
        int digits = random.nextInt(belowMicroseconds ? 10 : 7);
        if (digits > 0) {
            StringBuilder fraction = new StringBuilder(".");
            for (int k = 0; k < digits; k++) {
                // Some nanosecond exports pad microseconds with zeros: those times are exact and kept.
                fraction.append(k >= 6 && random.nextBoolean() ? 0 : random.nextInt(10));
            }
            text += fraction;
        }
        return text + List.of("", "Z", "+05:30", "-08:00", "+00:00").get(random.nextInt(5));
    }

    /** Quoted when it must be (a comma, quote, line break or surrounding space) and at random otherwise. */
    private static String quoted(String text, Random random) {
        boolean must = text.matches("(?s).*[,\"\r\n].*") || !text.equals(text.strip());
        return must || random.nextInt(4) == 0 ? "\"" + text.replace("\"", "\"\"") + "\"" : text;
    }

    private static String clean(String text) {
        if (text == null) {
            return null;
        }
        String trimmed = ValueParsersTest.SURROUNDING_SPACE.matcher(text).replaceAll("");
        return trimmed.isEmpty() ? null : trimmed;
    }

    /** The value the contract's rules give the text, as a comparable Java value (null for no value). */
    private static Object expected(Column column, String text) {
        String value = clean(text);
        if (value == null) {
            return null;
        }
        return switch (column.kind()) {
            case STRING -> value;
            case INT -> (long) Integer.parseInt(value);
            case DECIMAL -> new BigDecimal(value).stripTrailingZeros();
            case DOUBLE -> Double.parseDouble(value);
            case BOOLEAN -> List.of("true", "1", "yes", "y").contains(value.toLowerCase(Locale.ROOT));
            case DATE -> LocalDate.parse(value);
            case TIMESTAMP -> {
                String iso = value.replace(' ', 'T');
                yield iso.matches(".*(Z|[+-]\\d\\d:\\d\\d)$") ? OffsetDateTime.parse(iso).toInstant()
                        : LocalDateTime.parse(iso).atZone(ZONE).toInstant();
            }
            case DOMAIN -> column.domain().stream().filter(value::equalsIgnoreCase).findFirst().orElseThrow();
        };
    }

    /** Silver's value in the same comparable form. */
    private static Object actual(Row row, Column column) {
        Object value = row.getAs(column.name());
        if (value == null) {
            return null;
        }
        return switch (column.kind()) {
            case INT -> ((Number) value).longValue();
            case DECIMAL -> ((BigDecimal) value).stripTrailingZeros();
            case DOUBLE -> (Double) value;
            case DATE -> value instanceof java.sql.Date d ? d.toLocalDate() : value;
            case TIMESTAMP -> value instanceof Timestamp t ? t.toInstant() : (Instant) value;
            default -> {
                assertTrue(value instanceof String || value instanceof Boolean, column + ": " + value.getClass());
                yield value;
            }
        };
    }
}
