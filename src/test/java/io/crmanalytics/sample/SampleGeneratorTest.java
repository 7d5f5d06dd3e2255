package io.crmanalytics.sample;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.crmanalytics.contract.DataContract;
import io.crmanalytics.contract.Entity;
import io.crmanalytics.testing.SharedSpark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SampleGeneratorTest {
    private static final LocalDate RUN_DATE = LocalDate.of(2025, 12, 31);
    /** One mid-sized clean run shared by the read-only tests (a few seconds to generate). */
    private static Path clean;
    private static JsonNode cleanTruth;

    @BeforeAll
    static void generateShared() throws IOException {
        clean = generate("clean", 1500, 540, 7, 0.0, 0, 0);
        cleanTruth = truth(clean);
    }

    static Path generate(String name, int customers, int days, long seed, double dirtyRate, int partitions,
                         int badOrderTimestamps) {
        Path out = SharedSpark.newWarehouseDir("generate-" + name);
        SampleGenerator.generate(new GeneratorOptions(out, customers, days, seed, dirtyRate, partitions, RUN_DATE,
                badOrderTimestamps), line -> { });
        return out;
    }

    static JsonNode truth(Path dir) throws IOException {
        return new ObjectMapper().readTree(dir.resolve("ground_truth.json").toFile());
    }

    static ContractCheck.Table table(Path dir, String entity) {
        return ContractCheck.read(dir.resolve(entity + ".csv"));
    }

    @Test
    void sameArgumentsGiveSameBytesWhateverThePartitioning() throws IOException {
        Path one = generate("det-a", 120, 200, 11, 0.05, 1, 3);
        Path three = generate("det-b", 120, 200, 11, 0.05, 3, 3);
        Path otherSeed = generate("det-c", 120, 200, 12, 0.05, 1, 3);
        List<String> files;
        try (var list = Files.list(one)) {
            files = list.map(p -> p.getFileName().toString()).sorted().toList();
        }
        assertEquals(13, files.size(), "9 entities + 3 truth CSVs + ground truth, nothing left over: " + files);
        for (String file : files) {
            assertArrayEquals(Files.readAllBytes(one.resolve(file)), Files.readAllBytes(three.resolve(file)), file);
        }
        assertFalse(java.util.Arrays.equals(Files.readAllBytes(one.resolve("orders.csv")),
                Files.readAllBytes(otherSeed.resolve("orders.csv"))), "another seed, other data");
    }

    @Test
    void cleanRunFollowsTheContractEverywhere() {
        Map<String, Set<String>> validKeys = new HashMap<>();
        for (Entity entity : DataContract.ENTITIES) {
            ContractCheck.Table table = table(clean, entity.name());
            List<String> contractColumns = entity.columns().stream().map(c -> c.name()).toList();
            assertTrue(table.header().containsAll(contractColumns), entity.name() + " header " + table.header());
            assertFalse(table.rows().isEmpty(), entity.name());
            for (String[] row : table.rows()) {
                assertEquals(table.header().size(), row.length, entity.name() + " row width");
            }
            Map<String, Long> broken = ContractCheck.check(entity, table, validKeys);
            assertEquals(Map.of(), broken, entity.name() + " has no broken rows at dirty rate 0");
            assertEquals(cleanTruth.path("counts").path(entity.name()).asLong(), table.rows().size(), entity.name());
        }
        // Every domain value occurs: all channels, statuses, survey types, IVR events.
        assertEquals(Set.of("phone", "email", "chat", "ivr", "social", "sms", "store"),
                new HashSet<>(table(clean, "interactions").values("channel")));
        assertEquals(Set.of("delivered", "in_transit", "lost", "returned"),
                new HashSet<>(table(clean, "shipments").values("status")));
        assertEquals(Set.of("CSAT", "NPS", "CES"), new HashSet<>(table(clean, "surveys").values("survey_type")));
        assertEquals(Set.of("enter", "exit", "zero_out", "abandon", "self_served", "transfer"),
                new HashSet<>(table(clean, "ivr_events").values("event")));
        // Every timestamp is within the period, and run_date is the last day with data.
        String last = table(clean, "orders").values("order_ts").stream().max(String::compareTo).orElseThrow();
        assertTrue(last.startsWith(RUN_DATE.toString()) || last.compareTo(RUN_DATE.toString()) < 0, last);
        assertEquals(RUN_DATE.toString(), cleanTruth.path("run_date").asText());
    }

    @Test
    void plantedCarrierAndInteractionShowInTheFiles() {
        ContractCheck.Table shipments = table(clean, "shipments");
        long swift = shipments.values("carrier").stream().filter("SwiftShip"::equals).count();
        double shipmentShare = swift / (double) shipments.rows().size();
        assertEquals(cleanTruth.path("root_cause_shipment_share").asDouble(), shipmentShare, 1e-4);
        assertTrue(shipmentShare > 0.02 && shipmentShare < 0.04, "shipment share " + shipmentShare);
        double complaintShare = cleanTruth.path("root_cause_delivery_complaint_interaction_share").asDouble();
        assertTrue(complaintShare > 0.18 && complaintShare < 0.36, "delivery complaint share " + complaintShare);
        double allReasonsShare = cleanTruth.path("root_cause_complaint_share").asDouble();
        assertTrue(allReasonsShare > 0.12 && allReasonsShare < complaintShare, "complaint share " + allReasonsShare);

        // Independently from the files: complaints that carry an order id whose order went with one carrier.
        Map<String, Set<String>> carriersOfOrder = new HashMap<>();
        Map<String, String> firstDelivery = new HashMap<>();
        for (String[] row : shipments.rows()) {
            String order = row[shipments.column("order_id")];
            carriersOfOrder.computeIfAbsent(order, o -> new HashSet<>()).add(row[shipments.column("carrier")]);
            String delivered = row[shipments.column("delivered_ts")];
            if (!delivered.isEmpty()) {
                firstDelivery.merge(order, delivered, (x, y) -> x.compareTo(y) <= 0 ? x : y);
            }
        }
        ContractCheck.Table interactions = table(clean, "interactions");
        Set<String> delivery = Set.of("late_delivery", "damaged", "missing_item", "wrong_item");
        long attributed = 0;
        long toSwift = 0;
        Set<String> complainedOrders = new HashSet<>();
        Set<String> complainedSwiftOrders = new HashSet<>();
        long complaints = 0;
        long withoutOrder = 0;
        for (String[] row : interactions.rows()) {
            boolean complaint = row[interactions.column("is_complaint")].equals("true");
            String order = row[interactions.column("order_id")];
            if (complaint) {
                complaints++;
                withoutOrder += order.isEmpty() ? 1 : 0;
            }
            if (Set.of("damaged", "wrong_item").contains(row[interactions.column("reason_code")])
                    && firstDelivery.containsKey(order)) {
                String started = row[interactions.column("started_ts")];
                assertTrue(started.compareTo(firstDelivery.get(order)) >= 0, "complaint before delivery: " + started);
            }
            boolean oneCarrier = carriersOfOrder.getOrDefault(order, Set.of()).size() == 1;
            if (complaint && !order.isEmpty() && oneCarrier) {
                complainedOrders.add(order);
                if (carriersOfOrder.get(order).contains("SwiftShip")) {
                    complainedSwiftOrders.add(order);
                }
            }
            if (complaint && delivery.contains(row[interactions.column("reason_code")]) && !order.isEmpty()
                    && oneCarrier) {
                attributed++;
                toSwift += carriersOfOrder.get(order).contains("SwiftShip") ? 1 : 0;
            }
        }
        double observed = toSwift / (double) attributed;
        assertTrue(attributed > 100, "attributable complaints " + attributed);
        assertTrue(Math.abs(observed - complaintShare) < 0.08, observed + " vs truth " + complaintShare);
        // Any reason, per complained order (the engine's unit is the shipment; one-carrier orders only here).
        double observedAll = complainedSwiftOrders.size() / (double) complainedOrders.size();
        assertTrue(Math.abs(observedAll - allReasonsShare) < 0.05, observedAll + " vs truth " + allReasonsShare);
        double noOrder = withoutOrder / (double) complaints;
        assertTrue(noOrder > 0.32 && noOrder < 0.48, "complaints without order_id " + noOrder);

        JsonNode cells = cleanTruth.path("planted_interaction").path("realized");
        double both = cells.path("both").path("complaint_rate").asDouble();
        for (String alone : List.of("warehouse_only", "method_only", "neither")) {
            double rate = cells.path(alone).path("complaint_rate").asDouble();
            assertTrue(both > 2.5 * rate, "both " + both + " vs " + alone + " " + rate);
        }
        assertEquals("ship_method=express AND warehouse=WH-3",
                cleanTruth.path("planted_interaction").path("factors").asText());
        // No other dimension is a synonym of warehouse=WH-3: its origin region is shared with another warehouse.
        Set<String> southWarehouses = new HashSet<>();
        for (String[] row : shipments.rows()) {
            if (row[shipments.column("origin_region")].equals("South")) {
                southWarehouses.add(row[shipments.column("warehouse")]);
            }
        }
        assertEquals(Set.of("WH-3", "WH-4"), southWarehouses);
    }

    @Test
    void ivrProblemNodeStandsOutAndGroundTruthMatchesTheEvents() {
        ContractCheck.Table events = table(clean, "ivr_events");
        Map<String, long[]> perNode = new TreeMap<>();
        for (String[] row : events.rows()) {
            long[] counts = perNode.computeIfAbsent(row[events.column("node")], n -> new long[2]);
            String event = row[events.column("event")];
            counts[0] += event.equals("enter") ? 1 : 0;
            counts[1] += event.equals("zero_out") || event.equals("abandon") ? 1 : 0;
        }
        String problem = cleanTruth.path("ivr_problem_node").asText();
        double problemRate = perNode.get(problem)[1] / (double) perNode.get(problem)[0];
        perNode.forEach((node, counts) -> {
            double rate = counts[1] / (double) counts[0];
            assertEquals(cleanTruth.path("ivr_node_rates").path(node).path("zero_out_or_abandon_rate").asDouble(),
                    rate, 1e-4, node);
            if (!node.equals(problem)) {
                assertTrue(rate < 0.3 && problemRate > 2 * rate, node + " " + rate + " vs problem " + problemRate);
            }
        });
    }

    @Test
    void notesCarryTheReasonInEnglishAndChinese() {
        ContractCheck.Table interactions = table(clean, "interactions");
        long notesOnly = 0;
        boolean chineseLate = false;
        for (String[] row : interactions.rows()) {
            String notes = row[interactions.column("notes")];
            assertFalse(notes.isEmpty(), "every interaction has notes");
            if (row[interactions.column("reason_code")].isEmpty()) {
                notesOnly++;
                assertTrue(row[interactions.column("is_complaint")].isEmpty());
            }
            chineseLate |= notes.contains("包裹还没到");
        }
        double share = notesOnly / (double) interactions.rows().size();
        assertTrue(share > 0.06 && share < 0.14, "notes-only share " + share);
        assertTrue(chineseLate, "Chinese late-delivery notes occur");
    }

    /**
     * ground_truth_interactions.csv names what every interaction is about: one row per interaction, the order
     * whenever the row itself names one, a shipment of that order (and of the customer), and a shipment for every
     * delivery complaint, also the ~40% whose row names no order.
     */
    @Test
    void interactionTruthNamesTheShipmentEachContactIsAbout() {
        ContractCheck.Table interactions = table(clean, "interactions");
        ContractCheck.Table truth = table(clean, "ground_truth_interactions");
        ContractCheck.Table shipments = table(clean, "shipments");
        ContractCheck.Table orders = table(clean, "orders");
        Map<String, String> orderOfShipment = new HashMap<>();
        shipments.rows().forEach(r -> orderOfShipment.put(r[shipments.column("shipment_id")],
                r[shipments.column("order_id")]));
        Map<String, String> customerOfOrder = new HashMap<>();
        orders.rows().forEach(r -> customerOfOrder.put(r[orders.column("order_id")], r[orders.column("customer_id")]));
        Map<String, String[]> truthById = new HashMap<>();
        truth.rows().forEach(r -> truthById.put(r[truth.column("interaction_id")], r));
        assertEquals(interactions.rows().size(), truthById.size(), "one truth row per interaction");
        long deliveryWithoutOrderId = 0;
        for (String[] row : interactions.rows()) {
            String[] about = truthById.get(row[interactions.column("interaction_id")]);
            String order = about[truth.column("order_id")];
            String shipment = about[truth.column("shipment_id")];
            String named = row[interactions.column("order_id")];
            if (!named.isEmpty()) {
                assertEquals(named, order, "the order a row names is the order it is about");
            }
            if (!shipment.isEmpty()) {
                assertEquals(order, orderOfShipment.get(shipment), "the shipment belongs to the order");
                String customer = row[interactions.column("customer_id")];
                assertTrue(customer.isEmpty() || customer.equals(customerOfOrder.get(order)), "the customer's own");
            }
            if (about[truth.column("delivery_problem")].equals("true")) {
                assertFalse(shipment.isEmpty(), "a delivery problem is about a shipment");
                deliveryWithoutOrderId += named.isEmpty() ? 1 : 0;
            }
        }
        assertTrue(deliveryWithoutOrderId > 50, "delivery complaints naming no order: " + deliveryWithoutOrderId);
        assertEquals(cleanTruth.path("counts").path("ground_truth_interactions").asLong(), truth.rows().size());
    }

    /** The latent draws follow the stated distributions (mean of Gamma(r, alpha) and of Beta(a, b)). */
    @Test
    void customerTruthFollowsTheStatedParameters() {
        ContractCheck.Table customers = table(clean, "ground_truth_customers");
        assertEquals(1500, customers.rows().size());
        double meanRate = customers.values("purchase_rate_per_week").stream().mapToDouble(Double::parseDouble)
                .average().orElseThrow();
        double meanDropout = customers.values("dropout_probability").stream().mapToDouble(Double::parseDouble)
                .average().orElseThrow();
        JsonNode bgnbd = cleanTruth.path("bgnbd");
        double a = bgnbd.path("a").asDouble();
        assertEquals(bgnbd.path("r").asDouble() / bgnbd.path("alpha").asDouble(), meanRate, 0.02);
        assertEquals(a / (a + bgnbd.path("b").asDouble()), meanDropout, 0.02);
        long alive = customers.values("alive_at_cutoff").stream().filter("true"::equals).count();
        assertEquals(cleanTruth.path("propensity").path("alive_at_cutoff").asLong(), alive);
    }

    @Test
    void surveyScoresFollowTheExperience() {
        ContractCheck.Table interactions = table(clean, "interactions");
        Map<String, String[]> byId = new HashMap<>();
        interactions.rows().forEach(r -> byId.put(r[interactions.column("interaction_id")], r));
        ContractCheck.Table surveys = table(clean, "surveys");
        double[] good = new double[2];
        double[] bad = new double[2];
        for (String[] survey : surveys.rows()) {
            String[] contact = byId.get(survey[surveys.column("interaction_id")]);
            if (contact == null || !survey[surveys.column("survey_type")].equals("CSAT")) {
                continue;
            }
            boolean resolved = contact[interactions.column("resolved")].equals("true");
            boolean delivery = Set.of("late_delivery", "damaged", "missing_item", "wrong_item")
                    .contains(contact[interactions.column("reason_code")]);
            double[] bucket = resolved && !delivery ? good : !resolved && delivery ? bad : null;
            if (bucket != null) {
                bucket[0] += Integer.parseInt(survey[surveys.column("score")]);
                bucket[1]++;
            }
        }
        assertTrue(good[1] > 30 && bad[1] > 10, "enough CSAT surveys: " + good[1] + ", " + bad[1]);
        assertTrue(good[0] / good[1] > bad[0] / bad[1] + 1.0,
                "CSAT resolved non-delivery " + good[0] / good[1] + " vs unresolved delivery " + bad[0] / bad[1]);
    }

    /**
     * The posterior is E[oracle | observable data], so within any group of customers chosen by observable data
     * (here: quintiles of the posterior itself, per category) the mean oracle probability equals the mean
     * posterior up to sampling error. A posterior that missed or misread an observable signal would fail this.
     */
    @Test
    void posteriorProbabilityIsTheOraclesConditionalMean() {
        ContractCheck.Table truth = table(clean, "ground_truth_propensity");
        assertEquals(List.of("customer_id", "category", "true_probability", "posterior_probability"), truth.header());
        Map<String, List<double[]>> byCategory = new TreeMap<>();
        for (String[] row : truth.rows()) {
            double oracle = Double.parseDouble(row[2]);
            double posterior = Double.parseDouble(row[3]);
            assertTrue(posterior >= 0 && posterior <= 1, "posterior " + posterior);
            byCategory.computeIfAbsent(row[1], c -> new java.util.ArrayList<>()).add(new double[] {posterior, oracle});
        }
        assertEquals(Set.copyOf(Truth.CATEGORIES), byCategory.keySet());
        for (Map.Entry<String, List<double[]>> entry : byCategory.entrySet()) {
            List<double[]> pairs = entry.getValue();
            pairs.sort(java.util.Comparator.comparingDouble(pair -> pair[0]));
            int bins = 5;
            for (int b = 0; b < bins; b++) {
                List<double[]> bin = pairs.subList(b * pairs.size() / bins, (b + 1) * pairs.size() / bins);
                double meanPosterior = bin.stream().mapToDouble(pair -> pair[0]).average().orElseThrow();
                double meanOracle = bin.stream().mapToDouble(pair -> pair[1]).average().orElseThrow();
                double variance = bin.stream().mapToDouble(pair -> Math.pow(pair[1] - pair[0], 2)).sum()
                        / (bin.size() - 1.0);
                double se = Math.sqrt(variance / bin.size());
                assertEquals(meanOracle, meanPosterior, 4 * se + 1e-3, entry.getKey() + " quintile " + (b + 1)
                        + ": mean oracle " + meanOracle + " vs mean posterior " + meanPosterior + " (se " + se + ")");
            }
        }
    }

    /**
     * The propensity truth is exact, so over many (customer, category) pairs the realized purchases in the
     * window must match the sum of the probabilities within sampling error (a wrong formula would not).
     */
    @Test
    void propensityTruthIsCalibratedAgainstRealizedPurchases() {
        String cutoff = cleanTruth.path("propensity").path("cutoff_date").asText();
        assertEquals(RUN_DATE.minusDays(90).toString(), cutoff);
        String windowStart = LocalDate.parse(cutoff).plusDays(1).toString();
        ContractCheck.Table orders = table(clean, "orders");
        Map<String, String> customerOfOrder = new HashMap<>();
        for (String[] row : orders.rows()) {
            if (row[orders.column("order_ts")].compareTo(windowStart) >= 0) {
                customerOfOrder.put(row[orders.column("order_id")], row[orders.column("customer_id")]);
            }
        }
        Map<String, String> categoryOf = new HashMap<>();
        ContractCheck.Table products = table(clean, "products");
        products.rows().forEach(r -> categoryOf.put(r[products.column("product_id")], r[products.column("category")]));
        Set<String> bought = new HashSet<>();
        ContractCheck.Table lines = table(clean, "order_lines");
        for (String[] row : lines.rows()) {
            String customer = customerOfOrder.get(row[lines.column("order_id")]);
            if (customer != null) {
                bought.add(customer + "|" + categoryOf.get(row[lines.column("product_id")]));
            }
        }
        ContractCheck.Table truth = table(clean, "ground_truth_propensity");
        double expected = 0;
        double variance = 0;
        long realized = 0;
        Map<String, double[]> byPlanted = new TreeMap<>();
        for (String[] row : truth.rows()) {
            double p = Double.parseDouble(row[2]);
            assertTrue(p >= 0 && p <= 1, "probability " + p);
            expected += p;
            variance += p * (1 - p);
            boolean hit = bought.contains(row[0] + "|" + row[1]);
            realized += hit ? 1 : 0;
            byPlanted.computeIfAbsent(row[1], c -> new double[2])[0] += p;
        }
        assertEquals(8 * cleanTruth.path("propensity").path("customers_at_cutoff").asLong(), truth.rows().size());
        assertTrue(Math.abs(realized - expected) < 4 * Math.sqrt(variance),
                "realized " + realized + " vs expected " + expected + " +- " + Math.sqrt(variance));
        // Every window purchase is by a customer in the truth file (first purchase before the cut-off) or new.
        assertTrue(realized > 100, "enough window purchases to test: " + realized);
        assertEquals(List.of("electronics", "beauty"),
                List.of(cleanTruth.path("propensity_categories").get(0).asText(),
                        cleanTruth.path("propensity_categories").get(1).asText()));
    }

    @Test
    void dirtyRateInjectsEveryKindAndGroundTruthCountsThem() throws IOException {
        Path dirty = generate("dirty", 600, 400, 5, 0.5, 2, 4);
        JsonNode truth = truth(dirty);
        Map<String, Set<String>> validKeys = new HashMap<>();
        for (Entity entity : DataContract.ENTITIES) {
            ContractCheck.Table table = table(dirty, entity.name());
            Map<String, Long> found = ContractCheck.check(entity, table, validKeys);
            Map<String, Long> claimed = new TreeMap<>();
            truth.path("dirty").path(entity.name()).fields()
                    .forEachRemaining(e -> claimed.put(e.getKey(), e.getValue().asLong()));
            assertEquals(claimed, found, entity.name() + ": rules found in the file = ground truth");
            OutputTable output = OutputTable.valueOf(entity.name().toUpperCase(java.util.Locale.ROOT));
            Set<String> kinds = FaultInjector.faultsFor(output).keySet();
            assertEquals(kinds, claimed.keySet(), entity.name() + ": every kind of fault injected");
            long injected = claimed.values().stream().mapToLong(Long::longValue).sum();
            assertEquals(truth.path("counts").path(entity.name()).asLong() + injected, table.rows().size());
        }
        assertTrue(truth.path("dirty").path("orders").path("bad_timestamp").asLong() >= 4);
    }

    @Test
    void badOrderTimestampsAreExactlyTheRequestedRows() throws IOException {
        Path out = generate("bad-ts", 60, 200, 3, 0.0, 0, 5);
        JsonNode truth = truth(out);
        ContractCheck.Table orders = table(out, "orders");
        Set<String> unparseable = new HashSet<>();
        for (String[] row : orders.rows()) {
            if (!ContractCheck.isTimestamp(row[orders.column("order_ts")])) {
                unparseable.add(row[orders.column("order_id")]);
            }
        }
        Set<String> listed = new HashSet<>();
        truth.path("bad_order_timestamp_ids").forEach(id -> listed.add(id.asText()));
        assertEquals(5, unparseable.size());
        assertEquals(listed, unparseable);
        assertEquals(truth.path("counts").path("orders").asLong() + 5, orders.rows().size());
        assertNotEquals(0, truth.path("counts").path("orders").asLong());
    }
}
