package io.crmanalytics.sample;

import io.crmanalytics.contract.Column;
import io.crmanalytics.contract.Entity;
import io.crmanalytics.contract.Reference;
import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * An independent reading of the data contract for the generator's tests: parses the CSVs with its own RFC 4180
 * reader and classifies every row by the first rule it breaks, so the tests can compare what the files hold
 * with what ground_truth.json claims.
 */
final class ContractCheck {
    private ContractCheck() {
    }

    record Table(List<String> header, List<String[]> rows) {
        int column(String name) {
            return header.indexOf(name);
        }

        List<String> values(String column) {
            int index = column(column);
            return rows.stream().map(r -> r[index]).toList();
        }
    }

    static Table read(Path file) {
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            List<String[]> records = new ArrayList<>();
            List<String> fields = new ArrayList<>();
            StringBuilder field = new StringBuilder();
            boolean quoted = false;
            int c;
            while ((c = in.read()) >= 0) {
                char ch = (char) c;
                if (quoted) {
                    if (ch == '"') {
                        in.mark(1);
                        int next = in.read();
                        if (next == '"') {
                            field.append('"');
                        } else {
                            quoted = false;
                            if (next >= 0) {
                                in.reset();
                            }
                        }
                    } else {
                        field.append(ch);
                    }
                } else if (ch == '"') {
                    quoted = true;
                } else if (ch == ',') {
                    fields.add(field.toString());
                    field.setLength(0);
                } else if (ch == '\n') {
                    fields.add(field.toString());
                    field.setLength(0);
                    records.add(fields.toArray(String[]::new));
                    fields.clear();
                } else {
                    field.append(ch);
                }
            }
            if (!fields.isEmpty() || field.length() > 0) {
                fields.add(field.toString());
                records.add(fields.toArray(String[]::new));
            }
            return new Table(List.of(records.get(0)), records.subList(1, records.size()));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The first rule the row breaks on its own (types, required, domains, ranges), or null. */
    static String rowRule(Entity entity, Table table, String[] row) {
        for (Column column : entity.columns()) {
            String value = row[table.column(column.name())];
            if (value.isEmpty()) {
                if (column.required()) {
                    return "missing_required";
                }
                continue;
            }
            String typeRule = switch (column.type()) {
                case TIMESTAMP -> isTimestamp(value) ? null : "bad_timestamp";
                case DATE -> isDate(value) ? null : "bad_date";
                case INT -> value.matches("-?\\d+") ? null : "bad_number";
                case DECIMAL -> value.matches("-?\\d+(\\.\\d+)?") ? null : "bad_number";
                case BOOLEAN -> Set.of("true", "false", "1", "0", "yes", "no", "y", "n")
                        .contains(value.toLowerCase(Locale.ROOT)) ? null : "bad_boolean";
                case STRING -> null;
            };
            if (typeRule != null) {
                return typeRule;
            }
            if (!column.allowedValues().isEmpty() && column.allowedValues().stream()
                    .noneMatch(v -> v.equalsIgnoreCase(value))) {
                return "not_in_domain";
            }
            if (column.minimum() != null) {
                BigDecimal number = new BigDecimal(value);
                int cmp = number.compareTo(BigDecimal.valueOf(column.minimum()));
                if (cmp < 0 || (cmp == 0 && column.minimumExclusive())) {
                    return "out_of_range";
                }
            }
            if (column.name().equals("score")) {
                int score = Integer.parseInt(value);
                String type = row[table.column("survey_type")].toUpperCase(Locale.ROOT);
                int low = type.equals("NPS") ? 0 : 1;
                int high = switch (type) {
                    case "CSAT" -> 5;
                    case "CES" -> 7;
                    default -> 10;
                };
                if (score < low || score > high) {
                    return "out_of_range";
                }
            }
        }
        return null;
    }

    static boolean isTimestamp(String value) {
        try {
            OffsetDateTime.parse(value);
            return true;
        } catch (DateTimeParseException e) {
            try {
                LocalDateTime.parse(value.replace(' ', 'T'));
                return true;
            } catch (DateTimeParseException e2) {
                return false;
            }
        }
    }

    static boolean isDate(String value) {
        try {
            LocalDate.parse(value);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    /**
     * Counts per rule, checking in the order exact duplicate, row rules, duplicate key, references. Adds the
     * valid rows' keys to {@code validKeys} under the entity's name (for the references of later entities).
     * Unknown interaction customers are kept, so they count as "unknown_customer_flagged" and stay valid.
     */
    static Map<String, Long> check(Entity entity, Table table, Map<String, Set<String>> validKeys) {
        Map<String, Long> rules = new TreeMap<>();
        Set<String> seenRows = new HashSet<>();
        Set<String> seenKeys = new HashSet<>();
        Set<String> keys = validKeys.computeIfAbsent(entity.name(), n -> new HashSet<>());
        for (String[] row : table.rows()) {
            String rule = null;
            if (!seenRows.add(String.join("\u0001", row))) {
                rule = "exact_duplicate";
            }
            if (rule == null) {
                rule = rowRule(entity, table, row);
            }
            String key = entity.key().stream().map(k -> row[table.column(k)])
                    .reduce((a, b) -> a + "\u0001" + b).orElse(null);
            if (rule == null && key != null && !seenKeys.add(key)) {
                rule = "duplicate_key";
            }
            if (rule == null) {
                for (Reference reference : entity.references()) {
                    String value = row[table.column(reference.column())];
                    Set<String> targets = validKeys.getOrDefault(reference.targetEntity(), Set.of());
                    if (!value.isEmpty() && !targets.contains(value)) {
                        String name = "unknown_" + reference.targetEntity().replaceFirst("s$", "");
                        if (reference.rejectOrphans()) {
                            rule = name;
                        } else {
                            rules.merge(name + "_flagged", 1L, Long::sum);
                        }
                        break;
                    }
                }
            }
            if (rule != null) {
                rules.merge(rule, 1L, Long::sum);
            } else if (key != null) {
                keys.add(key);
            }
        }
        return rules;
    }
}
