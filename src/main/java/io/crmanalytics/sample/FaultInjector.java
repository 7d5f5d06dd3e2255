package io.crmanalytics.sample;

import io.crmanalytics.contract.Column;
import io.crmanalytics.contract.ColumnType;
import io.crmanalytics.contract.Entity;
import io.crmanalytics.contract.Reference;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code --dirty-rate}: after each clean row, with that probability, adds one broken row of a kind that the
 * contract forbids for that entity. Broken rows are extra rows (copies of the clean row under a fresh key, then
 * broken in one way), so the clean data set stays whole and nothing cascades: ingest should quarantine exactly
 * the injected rows (exact duplicates are dropped, unknown interaction customers are kept and flagged).
 * The kinds are derived from the contract itself, so every rule of every entity gets exercised.
 */
final class FaultInjector {
    /** One way to break a row: the rule it breaks and the column it breaks (-1 for whole-row kinds). */
    record Fault(String rule, int column) {
    }

    private static final Map<OutputTable, Map<String, List<Fault>>> FAULTS = new EnumMap<>(OutputTable.class);

    static {
        for (OutputTable table : OutputTable.values()) {
            if (table.entity() != null) {
                FAULTS.put(table, faultsOf(table));
            }
        }
    }

    private static final String[] BAD_TIMESTAMPS = {"2025-02-30T10:00:00", "yesterday", "13/45/2025 10:00",
            "2025-06-01T25:61:00"};
    private static final String[] BAD_DATES = {"2025-02-30", "31.12.2024", "someday"};
    private static final String[] BAD_NUMBERS = {"12,5O", "abc", "1.2.3"};
    private static final String[] BAD_BOOLEANS = {"maybe", "2", "si"};
    private static final String[] BAD_DOMAIN = {"pigeon", "fax", "unknown-value"};

    private final double rate;
    private final Rng rng;
    private final String keyPrefix;
    private int counter;

    /**
     * @param keyPrefix makes fresh keys unique across the run (the customer id, or "P" for the catalog)
     */
    FaultInjector(double rate, Rng rng, String keyPrefix) {
        this.rate = rate;
        this.rng = rng;
        this.keyPrefix = keyPrefix;
    }

    /** The rules a row of the table can break, each with the columns that can break it. */
    static Map<String, List<Fault>> faultsOf(OutputTable table) {
        Entity entity = table.entity();
        Map<String, List<Fault>> faults = new LinkedHashMap<>();
        for (Column column : entity.columns()) {
            int index = table.column(column.name());
            String typeRule = switch (column.type()) {
                case TIMESTAMP -> "bad_timestamp";
                case DATE -> "bad_date";
                case INT, DECIMAL -> "bad_number";
                case BOOLEAN -> "bad_boolean";
                case STRING -> null;
            };
            if (typeRule != null) {
                faults.computeIfAbsent(typeRule, r -> new ArrayList<>()).add(new Fault(typeRule, index));
            }
            if (column.required()) {
                faults.computeIfAbsent("missing_required", r -> new ArrayList<>())
                        .add(new Fault("missing_required", index));
            }
            if (column.minimum() != null || column.name().equals("score")) {
                faults.computeIfAbsent("out_of_range", r -> new ArrayList<>()).add(new Fault("out_of_range", index));
            }
            if (!column.allowedValues().isEmpty()) {
                faults.computeIfAbsent("not_in_domain", r -> new ArrayList<>()).add(new Fault("not_in_domain", index));
            }
        }
        if (!entity.key().isEmpty()) {
            faults.put("duplicate_key", List.of(new Fault("duplicate_key", -1)));
        }
        faults.put("exact_duplicate", List.of(new Fault("exact_duplicate", -1)));
        for (Reference reference : entity.references()) {
            String rule = "unknown_" + reference.targetEntity().replaceFirst("s$", "")
                    + (reference.rejectOrphans() ? "" : "_flagged");
            faults.computeIfAbsent(rule, r -> new ArrayList<>()).add(new Fault(rule, table.column(reference.column())));
        }
        return faults;
    }

    static Map<String, List<Fault>> faultsFor(OutputTable table) {
        return FAULTS.get(table);
    }

    void afterCleanRow(OutputTable table, String[] row, PartitionOutput out) {
        if (rate <= 0 || !rng.chance(rate)) {
            return;
        }
        Map<String, List<Fault>> faults = FAULTS.get(table);
        List<String> rules = new ArrayList<>(faults.keySet());
        String rule = rules.get(rng.nextInt(rules.size()));
        Fault fault = rng.pick(faults.get(rule));
        out.emitInjected(table, broken(table, row, fault), rule);
    }

    /** An extra copy of an order row under a fresh id with an unparseable order_ts; returns the id. */
    String badOrderTimestamp(String[] orderRow, PartitionOutput out) {
        String[] copy = withFreshKey(OutputTable.ORDERS, orderRow);
        copy[OutputTable.ORDERS.column("order_ts")] = BAD_TIMESTAMPS[counter % BAD_TIMESTAMPS.length];
        out.emitInjected(OutputTable.ORDERS, copy, "bad_timestamp");
        return copy[OutputTable.ORDERS.column("order_id")];
    }

    private String[] broken(OutputTable table, String[] row, Fault fault) {
        Entity entity = table.entity();
        switch (fault.rule()) {
            case "exact_duplicate":
                return row.clone();
            case "duplicate_key":
                return sameKeyOtherContent(table, row);
            default:
                break;
        }
        boolean breaksKey = entity.key().contains(table.header().get(fault.column()));
        String[] copy = fault.rule().equals("missing_required") && breaksKey ? row.clone() : withFreshKey(table, row);
        Column column = entity.column(table.header().get(fault.column())).orElseThrow();
        copy[fault.column()] = switch (fault.rule()) {
            case "bad_timestamp" -> rng.pick(BAD_TIMESTAMPS);
            case "bad_date" -> rng.pick(BAD_DATES);
            case "bad_number" -> rng.pick(BAD_NUMBERS);
            case "bad_boolean" -> rng.pick(BAD_BOOLEANS);
            case "missing_required" -> "";
            case "out_of_range" -> outOfRange(table, copy, column);
            case "not_in_domain" -> rng.pick(BAD_DOMAIN);
            default -> {
                if (!fault.rule().startsWith("unknown_")) {
                    throw new IllegalStateException("no way to break a row by " + fault.rule());
                }
                yield "GHOST-" + keyPrefix + "-" + (++counter); // an id that exists nowhere
            }
        };
        return copy;
    }

    private static String outOfRange(OutputTable table, String[] row, Column column) {
        if (column.name().equals("score")) {
            return switch (row[table.column("survey_type")]) {
                case "CSAT" -> "7";
                case "CES" -> "0";
                default -> "11";
            };
        }
        if (column.minimumExclusive()) {
            return column.type() == ColumnType.INT ? "0" : "0.00";
        }
        return column.type() == ColumnType.INT ? "-5" : "-12.50";
    }

    private String[] withFreshKey(OutputTable table, String[] row) {
        String[] copy = row.clone();
        List<String> key = table.entity().key();
        if (key.isEmpty()) {
            return copy;
        }
        String last = key.get(key.size() - 1);
        int index = table.column(last);
        counter++;
        boolean numeric = table.entity().column(last).orElseThrow().type() == ColumnType.INT;
        copy[index] = numeric ? String.valueOf(900 + counter) : copy[index] + "-X" + counter;
        return copy;
    }

    /** A second row with the same key but different content, as a re-exported record would look. */
    private static String[] sameKeyOtherContent(OutputTable table, String[] row) {
        String[] copy = row.clone();
        switch (table) {
            case CUSTOMERS -> copy[table.column("email")] = "old." + row[table.column("email")];
            case PRODUCTS -> copy[table.column("name")] = row[table.column("name")] + " (old)";
            case ORDERS -> copy[table.column("channel")] = row[table.column("channel")].equals("web") ? "app" : "web";
            case ORDER_LINES -> copy[table.column("quantity")] =
                    String.valueOf(Integer.parseInt(row[table.column("quantity")]) + 1);
            case SHIPMENTS -> copy[table.column("origin_region")] = row[table.column("origin_region")] + " Hub";
            case INTERACTIONS -> copy[table.column("notes")] = row[table.column("notes")] + " (edited)";
            case SURVEYS -> copy[table.column("comment")] = row[table.column("comment")] + " (edited)";
            case CUSTOMER_ATTRIBUTES -> copy[table.column("preferred_device")] = "unknown";
            default -> throw new IllegalStateException("no key: " + table);
        }
        return copy;
    }
}
