package io.crmanalytics.sample;

import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Turns a customer's reasons to get in touch into contact-center interactions: channel, IVR trail for calls,
 * queue and agent, wait and handle time, resolution, notes, repeat contacts while a complaint stays unresolved,
 * and the surveys that follow some contacts.
 */
final class ContactSimulator {
    /**
     * A reason to contact the company at a moment.
     *
     * @param shipment the shipment the contact is about (a delivery problem, or the order's first shipment for
     *                 billing and returns); null for contacts not about an order, or about an unshipped one
     * @param deliveryProblem whether the contact is caused by a problem of that shipment (a delivery complaint)
     */
    record Intent(long time, String reason, boolean complaint, String orderId, ShipmentSimulator.Shipped shipment,
                  boolean deliveryProblem, int daysLate) {
        Intent repeatedAt(long next) {
            return new Intent(next, reason, complaint, orderId, shipment, deliveryProblem,
                    daysLate + (int) ((next - time) / Period.DAY));
        }
    }

    static final Set<String> DELIVERY_REASONS = Set.of("late_delivery", "damaged", "missing_item", "wrong_item");
    private static final String[] CHANNELS = {"phone", "email", "chat", "social", "sms", "store"};
    private static final double[] CHANNEL_SHARE = {0.45, 0.18, 0.20, 0.06, 0.04, 0.07};
    /** Share of order-related contacts that carry the order id (complaints: ~60%, so ~40% carry none). */
    private static final double COMPLAINT_ORDER_ID_SHARE = 0.6;
    private static final double NOTES_ONLY_SHARE = 0.13;
    private static final double SURVEY_SHARE = 0.3;

    private final Period period;
    private final World world;

    ContactSimulator(Period period, World world) {
        this.period = period;
        this.world = world;
    }

    /** Billing questions and returns that follow an order. */
    void orderContacts(Customer customer, String orderId, long orderTs, ShipmentSimulator.Shipped shipment, Rng rng,
                       List<Intent> intents) {
        if (rng.chance(0.05)) {
            intents.add(new Intent(orderTs + (long) rng.uniform(Period.DAY, 10 * Period.DAY), "billing",
                    rng.chance(Truth.BILLING_COMPLAINT), orderId, shipment, false, 0));
        }
        if (rng.chance(0.06)) {
            intents.add(new Intent(orderTs + (long) rng.uniform(4 * Period.DAY, 20 * Period.DAY), "return",
                    rng.chance(Truth.RETURN_COMPLAINT), orderId, shipment, false, 0));
        }
    }

    /** Contacts not tied to an order: product questions, account changes, other. */
    void backgroundContacts(Customer customer, Rng rng, List<Intent> intents) {
        long from = Math.max(period.start(), customer.firstPurchase() - 30 * Period.DAY);
        double years = (period.end() - from) / (365.0 * Period.DAY);
        String[] reasons = {"product_question", "account", "other"};
        double[] perYear = {0.35, 0.25, 0.10};
        for (int r = 0; r < reasons.length; r++) {
            int n = rng.poisson(perYear[r] * years);
            for (int i = 0; i < n; i++) {
                long time = from + (long) (rng.uniform() * (period.end() - from));
                intents.add(new Intent(time, reasons[r], rng.chance(reasons[r].equals("other") ? 0.1 : 0.03), null,
                        null, false, 0));
            }
        }
    }

    void run(Customer customer, List<Intent> intents, Rng rng, PartitionOutput out) {
        intents.sort(Comparator.comparingLong(Intent::time));
        int[] sequence = {0};
        boolean hadDeliveryProblem = false;
        // Shipments that drew at least one complaint, whatever its reason: the unit the root-cause engine counts.
        Set<ShipmentSimulator.Shipped> complainedShipments = new HashSet<>();
        for (Intent intent : intents) {
            if (intent.time() >= period.end()) {
                continue;
            }
            Intent current = intent;
            for (int attempt = 0; attempt <= 3; attempt++) {
                boolean resolved = contact(customer, current, attempt, sequence, rng, out);
                // Unresolved issues bring the customer back; complaints more often than questions.
                if (resolved || !rng.chance(current.complaint() ? 0.55 : 0.35)) {
                    break;
                }
                long next = current.time() + (long) rng.uniform(Period.DAY, 4 * Period.DAY);
                if (next >= period.end()) {
                    break;
                }
                current = current.repeatedAt(next);
            }
            hadDeliveryProblem |= intent.deliveryProblem();
            if (intent.complaint() && intent.shipment() != null) {
                complainedShipments.add(intent.shipment());
            }
        }
        for (ShipmentSimulator.Shipped shipment : complainedShipments) {
            Tally.add(out.tally().complainedShipmentsAnyReasonByCarrier, shipment.carrier(), 1);
        }
        // A relationship NPS survey, not tied to a contact, for some customers.
        if (rng.chance(0.15)) {
            long time = customer.firstPurchase() + (long) (rng.uniform() * (period.end() - customer.firstPurchase()));
            double experience = customer.mood() + 0.7 - (hadDeliveryProblem ? 1.0 : 0.0) + 0.6 * rng.normal();
            writeSurvey(customer, "", "NPS", experience, time, ++sequence[0], rng, out);
        }
    }

    /** Writes one interaction (and its IVR trail and survey); returns whether it was resolved. */
    private boolean contact(Customer customer, Intent intent, int attempt, int[] sequence, Rng rng,
                            PartitionOutput out) {
        String interactionId = "I" + customer.number() + "-" + (++sequence[0]);
        boolean outbound = attempt > 0 && rng.chance(0.2);
        String channel = outbound ? "phone" : CHANNELS[rng.pick(CHANNEL_SHARE)];
        boolean known = !((channel.equals("phone") || channel.equals("social")) && rng.chance(0.04));
        // Contacts mostly happen in opening hours (07:00-21:00 UTC of the day), never before their cause.
        long start = Math.max(intent.time(),
                Period.day(intent.time()) * Period.DAY + 7 * 3600 + (long) (rng.uniform() * 14 * 3600));
        if (start >= period.end()) {
            return true;
        }

        long ivrSeconds = 0;
        String ivrOutcome = null;
        String ivrNode = null;
        if (channel.equals("phone") && !outbound) {
            IvrTrail trail = ivr(interactionId, known ? customer.id() : "", intent.reason(), start, rng, out);
            ivrSeconds = trail.seconds();
            ivrNode = trail.node();
            if (trail.outcome().equals("self_served") || trail.outcome().equals("abandon")) {
                ivrOutcome = trail.outcome();
                channel = "ivr";
            }
        }
        boolean agentHandled = ivrOutcome == null;
        World.Agent agent = null;
        String queue = "";
        long wait = 0;
        long handle = 0;
        boolean resolved;
        if (agentHandled) {
            queue = customer.vip() && known ? "vip" : queueFor(intent.reason());
            agent = rng.pick(queue.equals("vip") ? world.vipAgents : world.agents);
            wait = outbound ? 0 : waitSeconds(channel, queue, rng);
            handle = Math.round(baseHandleSeconds(intent.reason()) * channelFactor(channel) * agent.speed()
                    * rng.logNormal(0, 0.35));
            double logit = baseResolutionLogit(intent.reason()) + 0.7 * agent.skill() - (attempt > 0 ? 0.2 : 0);
            resolved = rng.chance(1 / (1 + Math.exp(-logit)));
        } else {
            resolved = ivrOutcome.equals("self_served") && !intent.complaint();
        }
        long ended = start + ivrSeconds + wait + handle;

        boolean notesOnly = agentHandled && rng.chance(NOTES_ONLY_SHARE);
        boolean withOrder = intent.orderId() != null
                && rng.chance(intent.complaint() ? COMPLAINT_ORDER_ID_SHARE : 0.7);
        String notes = agentHandled
                ? Notes.note(intent.reason(), customer.chinese(), intent.daysLate(), attempt > 0, rng)
                : Notes.ivrNote(ivrOutcome, ivrNode);

        OutputTable table = OutputTable.INTERACTIONS;
        String[] row = table.newRow();
        row[table.column("interaction_id")] = interactionId;
        row[table.column("customer_id")] = known ? customer.id() : "";
        row[table.column("channel")] = channel;
        row[table.column("direction")] = outbound ? "outbound" : "inbound";
        row[table.column("started_ts")] = Period.timestamp(start);
        row[table.column("ended_ts")] = ended < period.end() ? Period.timestamp(ended) : "";
        row[table.column("wait_seconds")] = String.valueOf(wait);
        row[table.column("handle_seconds")] = String.valueOf(handle);
        row[table.column("agent_id")] = agent == null ? "" : agent.id();
        row[table.column("queue")] = queue;
        row[table.column("order_id")] = withOrder ? intent.orderId() : "";
        row[table.column("reason_code")] = notesOnly ? "" : intent.reason();
        row[table.column("is_complaint")] = notesOnly ? "" : String.valueOf(intent.complaint());
        row[table.column("resolved")] = String.valueOf(resolved);
        row[table.column("notes")] = notes;
        out.emit(table, row);
        writeTruth(interactionId, intent, out);

        Tally tally = out.tally();
        tally.interactions++;
        if (notesOnly) {
            tally.notesOnlyInteractions++;
        }
        if (intent.complaint()) {
            tally.complaints++;
            if (!withOrder) {
                tally.complaintsWithoutOrder++;
            }
        }
        if (intent.deliveryProblem()) {
            tally.deliveryComplaints++;
            Tally.add(tally.deliveryComplaintsByCarrier, intent.shipment().carrier(), 1);
            if (!withOrder) {
                tally.deliveryComplaintsWithoutOrder++;
            }
        }

        if (agentHandled && known && rng.chance(SURVEY_SHARE) && ended < period.end()) {
            double experience = customer.mood() + 0.9 - (intent.deliveryProblem() ? 1.2 : 0.0)
                    - (resolved ? 0.0 : 0.9) - (wait > 300 ? 0.5 : 0.0) - (attempt > 0 ? 0.4 : 0.0)
                    + 0.6 * rng.normal();
            String type = new String[] {"CSAT", "CES", "NPS"}[rng.pick(new double[] {0.55, 0.25, 0.20})];
            long submitted = ended + (long) rng.uniform(1800, 2 * Period.DAY);
            writeSurvey(customer, interactionId, type, experience, submitted, ++sequence[0], rng, out);
        }
        return resolved;
    }

    /**
     * What the interaction is about, whether or not its row names the order: the truth attribution is judged
     * against. Draws no random number, so the contract files stay byte for byte what they were without it.
     */
    private static void writeTruth(String interactionId, Intent intent, PartitionOutput out) {
        OutputTable table = OutputTable.INTERACTION_TRUTH;
        String[] row = table.newRow();
        row[table.column("interaction_id")] = interactionId;
        row[table.column("order_id")] = intent.orderId() == null ? "" : intent.orderId();
        row[table.column("shipment_id")] = intent.shipment() == null ? "" : intent.shipment().shipmentId();
        row[table.column("delivery_problem")] = String.valueOf(intent.deliveryProblem());
        out.emit(table, row);
    }

    private void writeSurvey(Customer customer, String interactionId, String type, double experience, long submitted,
                             int number, Rng rng, PartitionOutput out) {
        if (submitted >= period.end()) {
            return;
        }
        int score = switch (type) {
            case "CSAT" -> clamp(Math.round(3.9 + 0.9 * experience), 1, 5);
            case "NPS" -> clamp(Math.round(7.5 + 1.8 * experience), 0, 10);
            default -> clamp(Math.round(3.0 - 1.2 * experience), 1, 7); // CES: higher = more effort
        };
        OutputTable table = OutputTable.SURVEYS;
        String[] row = table.newRow();
        row[table.column("survey_id")] = "V" + customer.number() + "-" + number;
        row[table.column("customer_id")] = customer.id();
        row[table.column("interaction_id")] = interactionId;
        row[table.column("survey_type")] = type;
        row[table.column("score")] = String.valueOf(score);
        row[table.column("submitted_ts")] = Period.timestamp(submitted);
        row[table.column("comment")] = rng.chance(0.35)
                ? Notes.surveyComment(experience >= 0 ? 1 : -1, customer.chinese(), rng) : "";
        out.emit(table, row);
    }

    private static int clamp(long value, int low, int high) {
        return (int) Math.max(low, Math.min(high, value));
    }

    record IvrTrail(String outcome, String node, long seconds) {
    }

    /**
     * Walks the menu toward the leaf the caller's reason calls for. At every node the caller may zero out
     * (ask for an agent) or abandon; leaves end the call (self-served, or transferred to an agent). The
     * problem node has abnormally high zero-out and abandon rates.
     */
    private static IvrTrail ivr(String callId, String customerId, String reason, long start, Rng rng,
                                PartitionOutput out) {
        String leaf = World.ivrLeafFor(reason, rng);
        String[] parts = leaf.split(">");
        long t = start;
        Tally tally = out.tally();
        String node = "";
        for (int depth = 0; depth < parts.length; depth++) {
            node = depth == 0 ? parts[0] : node + ">" + parts[depth];
            ivrEvent(callId, t, node, "enter", customerId, out);
            Tally.add(tally.ivrEnters, node, 1);
            t += (long) rng.uniform(4, 30);
            String outcome;
            if (depth < parts.length - 1) {
                int choice = rng.pick(new double[] {Truth.IVR_INNER[0], Truth.IVR_INNER[1],
                        1 - Truth.IVR_INNER[0] - Truth.IVR_INNER[1]});
                outcome = choice == 0 ? "zero_out" : choice == 1 ? "abandon" : "exit";
            } else {
                double[] leafRates = node.equals(Truth.IVR_PROBLEM_NODE) ? Truth.IVR_PROBLEM_LEAF : Truth.IVR_LEAF;
                outcome = new String[] {"zero_out", "abandon", "transfer", "self_served"}[rng.pick(leafRates)];
            }
            ivrEvent(callId, t, node, outcome, customerId, out);
            t += 1;
            if (!outcome.equals("exit")) {
                if (outcome.equals("zero_out") || outcome.equals("abandon")) {
                    Tally.add(tally.ivrZeroOutOrAbandon, node, 1);
                }
                return new IvrTrail(outcome, node, t - start);
            }
        }
        throw new IllegalStateException("IVR walk ended without an outcome at " + leaf);
    }

    private static void ivrEvent(String callId, long time, String node, String event, String customerId,
                                 PartitionOutput out) {
        OutputTable table = OutputTable.IVR_EVENTS;
        String[] row = table.newRow();
        row[table.column("call_id")] = callId;
        row[table.column("event_ts")] = Period.timestamp(time);
        row[table.column("node")] = node;
        row[table.column("event")] = event;
        row[table.column("customer_id")] = customerId;
        out.emit(table, row);
    }

    private static String queueFor(String reason) {
        return switch (reason) {
            case "billing" -> "billing";
            case "return", "damaged", "wrong_item" -> "returns";
            case "late_delivery", "missing_item" -> "orders";
            default -> "general";
        };
    }

    private static long waitSeconds(String channel, String queue, Rng rng) {
        double mean = switch (channel) {
            case "phone" -> 100;
            case "chat" -> 45;
            case "email" -> 5 * 3600;
            case "social" -> 2 * 3600;
            case "sms" -> 40 * 60;
            default -> 240; // store
        };
        double queueFactor = queue.equals("vip") ? 0.3 : queue.equals("billing") ? 1.6 : 1.0;
        return Math.round(rng.exponential(1 / (mean * queueFactor)));
    }

    private static double baseHandleSeconds(String reason) {
        return switch (reason) {
            case "late_delivery" -> 300;
            case "damaged", "wrong_item" -> 420;
            case "missing_item" -> 360;
            case "billing" -> 360;
            case "return" -> 300;
            case "product_question" -> 240;
            case "account" -> 200;
            default -> 180;
        };
    }

    private static double channelFactor(String channel) {
        return switch (channel) {
            case "email", "sms", "social" -> 0.6;
            case "chat" -> 1.2;
            case "store" -> 1.1;
            default -> 1.0;
        };
    }

    private static double baseResolutionLogit(String reason) {
        return switch (reason) {
            case "late_delivery" -> 0.2;
            case "missing_item" -> 0.4;
            case "damaged", "wrong_item" -> 0.7;
            case "billing" -> 0.8;
            case "return" -> 1.2;
            case "other" -> 1.5;
            case "product_question" -> 2.0;
            default -> 2.2; // account
        };
    }
}
