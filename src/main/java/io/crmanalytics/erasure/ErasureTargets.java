package io.crmanalytics.erasure;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.crmanalytics.warehouse.Layer;
import io.crmanalytics.warehouse.Warehouse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * What identifies the customers to erase: their ids, the name, email and phone their customer rows carry (in
 * silver, bronze or quarantine), and their order ids. A row of any table belongs to them when a customer_id or
 * order_id column names them, or when any text in it contains one of those values as a whole word (raw rows in
 * bronze and quarantine, free text such as notes). Values shorter than {@link #MIN_TEXT} characters, and values
 * another customer also has, are not searched as text: they would match what is not theirs.
 */
final class ErasureTargets {
    static final int MIN_TEXT = 3;
    private static final List<String> CONTACT_COLUMNS = List.of("name", "email", "phone");

    private final Set<String> ids;
    private final Set<String> orderIds;
    private final Set<String> texts;
    private final Pattern pattern;

    private ErasureTargets(Set<String> ids, Set<String> orderIds, Set<String> texts) {
        this.ids = ids;
        this.orderIds = orderIds;
        this.texts = texts;
        this.pattern = Pattern.compile(regex(texts));
    }

    static ErasureTargets resolve(Warehouse warehouse, Set<String> ids) {
        Set<String> contact = new TreeSet<>();
        Set<String> orderIds = new TreeSet<>();
        List<Dataset<Row>> customerTables = new ArrayList<>();
        for (Layer layer : List.of(Layer.SILVER, Layer.BRONZE, Layer.QUARANTINE)) {
            latest(warehouse, layer, "customers").ifPresent(customerTables::add);
            latest(warehouse, layer, "orders").ifPresent(orders -> {
                if (Arrays.asList(orders.columns()).containsAll(List.of("customer_id", "order_id"))) {
                    orders.where(col("customer_id").cast("string").isin(ids.toArray()))
                            .select(col("order_id").cast("string")).collectAsList()
                            .forEach(r -> {
                                if (!r.isNullAt(0)) {
                                    orderIds.add(r.getString(0));
                                }
                            });
                }
            });
        }
        for (Dataset<Row> customers : customerTables) {
            contact.addAll(contactValues(customers, col("customer_id").cast("string").isin(ids.toArray())));
        }
        // A value another customer also has (a shared family phone, a common name) cannot be erased without
        // erasing them too: it is not searched for; the customer's own rows still go by their id.
        for (Dataset<Row> customers : customerTables) {
            Set<String> others = contactValues(customers,
                    functions.not(coalesce(col("customer_id").cast("string").isin(ids.toArray()), lit(false))));
            contact.removeAll(others);
        }
        Set<String> texts = new TreeSet<>(ids);
        texts.addAll(contact);
        return new ErasureTargets(Set.copyOf(ids), orderIds, texts);
    }

    private static Set<String> contactValues(Dataset<Row> customers, Column which) {
        Set<String> values = new TreeSet<>();
        List<String> columns = CONTACT_COLUMNS.stream()
                .filter(c -> Arrays.asList(customers.columns()).contains(c)).toList();
        for (String column : columns) {
            for (Row row : customers.where(which).select(functions.trim(col(column).cast("string"))).distinct()
                    .collectAsList()) {
                if (!row.isNullAt(0) && row.getString(0).length() >= MIN_TEXT) {
                    values.add(row.getString(0));
                }
            }
        }
        return values;
    }

    /** The table's current rows, read past the run ledger: erasure must reach every version a reader could see. */
    private static Optional<Dataset<Row>> latest(Warehouse warehouse, Layer layer, String table) {
        String path = warehouse.path(layer, table);
        return warehouse.isDeltaTable(path)
                ? Optional.of(warehouse.spark().read().format("delta").load(path)) : Optional.empty();
    }

    Set<String> ids() {
        return ids;
    }

    int orderCount() {
        return orderIds.size();
    }

    /** The rows of a table with this schema that belong to the customers; empty when no column can tell. */
    Optional<Column> predicate(StructType schema) {
        Column condition = null;
        for (StructField field : schema.fields()) {
            Column value = col("`" + field.name().replace("`", "``") + "`");
            List<Column> tests = new ArrayList<>();
            if (field.dataType() instanceof StringType) {
                if (field.name().equalsIgnoreCase("customer_id")) {
                    tests.add(value.isin(ids.toArray()));
                }
                if (field.name().equalsIgnoreCase("order_id") && !orderIds.isEmpty()) {
                    tests.add(value.isin(orderIds.toArray()));
                }
                tests.add(value.rlike(pattern.pattern()));
            } else if (field.dataType() instanceof ArrayType || field.dataType() instanceof StructType
                    || field.dataType() instanceof MapType) {
                tests.add(value.cast("string").rlike(pattern.pattern()));
            }
            for (Column test : tests) {
                Column known = coalesce(test, lit(false)); // a null value names nobody
                condition = condition == null ? known : condition.or(known);
            }
        }
        return Optional.ofNullable(condition);
    }

    /** Whether a line of text names one of the customers (whole words, as in {@link #predicate}). */
    boolean mentionedIn(String text) {
        return pattern.matcher(text).find();
    }

    /** Whether the bytes contain any identifying value at all (no word boundaries: when in doubt, clean). */
    boolean containedIn(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.ISO_8859_1); // byte-for-byte, whatever the encoding
        for (String value : texts) {
            if (text.contains(new String(value.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1))) {
                return true;
            }
        }
        return false;
    }

    private static String regex(Set<String> texts) {
        return "(?<![A-Za-z0-9])(?:" + texts.stream().sorted((a, b) -> b.length() - a.length())
                .map(Pattern::quote).collect(Collectors.joining("|")) + ")(?![A-Za-z0-9])";
    }
}
