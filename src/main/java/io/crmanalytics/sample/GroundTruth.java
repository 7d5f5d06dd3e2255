package io.crmanalytics.sample;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.crmanalytics.core.UserException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * ground_truth.json: the planted parameters and the realized effects of one run, for the tests and
 * benchmarks of every job. Keys are stable; new keys may be added.
 */
final class GroundTruth {
    private GroundTruth() {
    }

    static void write(Path file, GeneratorOptions options, Period period, Tally tally) {
        Map<String, Object> truth = new LinkedHashMap<>();
        truth.put("generator", "crm generate (io.crmanalytics.sample)");
        truth.put("seed", options.seed());
        truth.put("customers", options.customers());
        truth.put("days", options.days());
        truth.put("dirty_rate", options.dirtyRate());
        truth.put("run_date", period.runDate().toString());
        truth.put("first_date", period.firstDate().toString());
        truth.put("timestamps", "ISO-8601 UTC instants with Z; the period is [first_date 00:00Z, run_date+1 00:00Z)");

        long allShipments = sum(tally.shipmentsByCarrier);
        String carrier = Truth.ROOT_CAUSE_CARRIER;
        truth.put("root_cause_carrier", carrier);
        truth.put("root_cause_shipment_share", share(tally.shipmentsByCarrier.getOrDefault(carrier, 0L), allShipments));
        truth.put("root_cause_complaint_share", share(
                tally.complainedShipmentsAnyReasonByCarrier.getOrDefault(carrier, 0L),
                sum(tally.complainedShipmentsAnyReasonByCarrier)));
        truth.put("root_cause_delivery_complaint_share", share(
                tally.complainedShipmentsByCarrier.getOrDefault(carrier, 0L), sum(tally.complainedShipmentsByCarrier)));
        truth.put("root_cause_delivery_complaint_interaction_share", share(
                tally.deliveryComplaintsByCarrier.getOrDefault(carrier, 0L), tally.deliveryComplaints));
        truth.put("root_cause_definition", "In the unit the root-cause engine counts (shipments). shipment share = the"
                + " carrier's shipments / all shipments; complaint share = shipments of the carrier with at least one"
                + " complaint of any reason about them / all shipments with such a complaint (what the engine reports"
                + " for complaint_reason 'all'). A complaint is about a shipment when a problem of that shipment caused"
                + " it (late_delivery, damaged, missing_item, wrong_item) or when it is a billing or return complaint"
                + " about its order (the order's first shipment); complaints not about an order are about no shipment."
                + " Rows whose reason_code/is_complaint or order_id are empty in the file count all the same."
                + " delivery complaint share = the same over delivery complaints only; delivery complaint interaction"
                + " share = delivery-complaint interactions (repeat contacts included) about the carrier's shipments /"
                + " all delivery-complaint interactions");
        truth.put("complained_shipments_by_carrier", tally.complainedShipmentsAnyReasonByCarrier);
        truth.put("shipments_by_carrier", tally.shipmentsByCarrier);
        truth.put("delivery_complaints_by_carrier", tally.deliveryComplaintsByCarrier);

        Map<String, Object> interaction = new LinkedHashMap<>();
        interaction.put("factors", Truth.PLANTED_INTERACTION);
        interaction.put("mechanism", "late probability " + Truth.INTERACTION_LATE + " when both hold; each factor alone"
                + " has the normal late probability " + Truth.NORMAL_PROBLEMS[0]);
        Map<String, Object> cells = new LinkedHashMap<>();
        for (String cell : List.of("both", "warehouse_only", "method_only", "neither")) {
            long shipments = tally.shipmentsByCell.getOrDefault(cell, 0L);
            long complained = tally.complainedShipmentsByCell.getOrDefault(cell, 0L);
            cells.put(cell, ordered("shipments", shipments, "complained_shipments", complained,
                    "complaint_rate", share(complained, shipments)));
        }
        interaction.put("realized", cells);
        truth.put("planted_interaction", interaction);

        truth.put("ivr_problem_node", Truth.IVR_PROBLEM_NODE);
        Map<String, Object> ivr = new LinkedHashMap<>();
        tally.ivrEnters.forEach((node, enters) -> ivr.put(node, ordered("enters", enters,
                "zero_out_or_abandon_rate", share(tally.ivrZeroOutOrAbandon.getOrDefault(node, 0L), enters))));
        truth.put("ivr_node_rates", ivr);

        truth.put("time_unit", "week");
        truth.put("bgnbd", ordered("r", Truth.BGNBD_R, "alpha", Truth.BGNBD_ALPHA, "a", Truth.BGNBD_A,
                "b", Truth.BGNBD_B));
        truth.put("gamma_gamma", ordered("p", Truth.GG_P, "q", Truth.GG_Q, "gamma", Truth.GG_GAMMA));
        Map<String, Object> process = new LinkedHashMap<>();
        process.put("first_purchase", "uniform over the whole period (continuous time); every customer makes one");
        process.put("repeat_purchases", "exponential gaps with rate lambda per week; after each repeat purchase the"
                + " customer drops out with probability p; no purchases after the period end");
        process.put("order_ts", "the exact event instant (continuous time, not snapped to days)");
        process.put("spend", "total_amount = the Gamma-Gamma value of that order, rounded to cents (all orders,"
                + " first included); line unit prices are list prices scaled to add up to it");
        process.put("same_day_repeat_orders", tally.sameDayRepeatOrders);
        process.put("repeat_buyers", tally.repeatBuyers);
        process.put("repeat_orders", tally.repeatOrders);
        process.put("customer_truth_file", "ground_truth_customers.csv: per customer purchase_rate_per_week (lambda),"
                + " dropout_probability (p), spend_nu (nu), mean_order_value (p_gg / nu), first_purchase_ts,"
                + " alive_at_cutoff (empty if not yet a customer), alive_at_run_date, enthusiast_of (planted"
                + " categories, ';'-separated)");
        truth.put("purchase_process", process);

        truth.put("propensity_categories", Truth.PLANTED_CATEGORIES);
        Map<String, Object> propensity = new LinkedHashMap<>();
        propensity.put("file", "ground_truth_propensity.csv");
        propensity.put("cutoff_date", period.cutoffDate().toString());
        propensity.put("window", "orders with order_ts in [cutoff_date+1 00:00Z, run_date+1 00:00Z), "
                + Truth.PROPENSITY_WINDOW_DAYS + " days");
        propensity.put("method", "exact: P = (1 - exp(-lambda k w)) q / k with q = P(an order has a line in the"
                + " category), k = q + (1 - q) p, w = window in weeks; 0 if dropped out before the cut-off");
        propensity.put("columns", "true_probability = the oracle above, from the latent state at the cut-off (whether"
                + " the customer has dropped out, lambda, p, the category preferences), which no model can observe;"
                + " posterior_probability = E[true_probability | what is observable before the cut-off] under the"
                + " generator's own parameters: the Bayes ceiling a perfect model can reach; judge models against it");
        propensity.put("posterior_method", "observable: purchase times before the cut-off (BG/NBD x, t_x, T), the"
                + " categories of those orders' lines, vip and loyalty_points (depend on lambda), age_band (electronics"
                + " enthusiasm), newsletter_clicks (beauty enthusiasm); nothing else depends on the latent state."
                + " lambda integrated on a fine log grid, p | alive ~ Beta(a, b + x) by Gauss-Legendre, the enthusiast"
                + " states summed exactly, the base preference's posterior (a mixture of Dirichlets) sampled "
                + PropensityPosterior.SAMPLES + " times from the customer's own random stream");
        propensity.put("customers", "every customer whose first purchase is before the cut-off");
        propensity.put("planted", "share " + Truth.ENTHUSIAST_SHARE + " of customers are enthusiasts of each planted"
                + " category: weight " + Truth.ENTHUSIAST_WEIGHT + " of their line-category preference");
        propensity.put("customers_at_cutoff", tally.customersAtCutoff);
        propensity.put("alive_at_cutoff", tally.aliveAtCutoff);
        truth.put("propensity", propensity);

        Map<String, Object> contacts = new LinkedHashMap<>();
        contacts.put("interactions", tally.interactions);
        contacts.put("complaints", tally.complaints);
        contacts.put("complaints_without_order_id", tally.complaintsWithoutOrder);
        contacts.put("delivery_complaints", tally.deliveryComplaints);
        contacts.put("notes_only_interactions", tally.notesOnlyInteractions);
        contacts.put("shipments_in_transit_at_run_date", tally.shipmentsInTransitAtEnd);
        contacts.put("shipments_in_transit_past_promised_date", tally.shipmentsInTransitPastPromise);
        truth.put("service", contacts);
        truth.put("interaction_truth_file", "ground_truth_interactions.csv: per interaction written, what it is about"
                + " whether or not its row names the order: order_id and shipment_id (a delivery problem's shipment,"
                + " or the order's first shipment for billing and returns; empty when about no order or not shipped),"
                + " delivery_problem (true when a problem of that shipment caused the contact, repeats included)");

        Map<String, Object> counts = new LinkedHashMap<>();
        for (OutputTable table : OutputTable.values()) {
            counts.put(table.baseName(), tally.cleanRows[table.ordinal()]);
        }
        truth.put("counts", counts);
        truth.put("dirty", tally.dirtyRows);
        truth.put("bad_order_timestamp_ids", tally.badTimestampOrderIds);

        try {
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), truth);
        } catch (IOException e) {
            throw new UserException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private static Map<String, Object> ordered(Object... keyValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put((String) keyValues[i], keyValues[i + 1]);
        }
        return map;
    }

    private static long sum(Map<String, Long> counts) {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }

    private static double share(long part, long whole) {
        return whole == 0 ? 0.0 : Math.round(1e4 * part / (double) whole) / 1e4;
    }
}
