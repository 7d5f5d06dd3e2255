package io.crmanalytics.sample;

import java.util.List;

/**
 * Ships an order (one shipment, sometimes two) and decides what goes wrong. Problems depend on the carrier
 * (the root-cause carrier is far worse) and on the planted interaction (express from WH-3 runs late, while
 * express elsewhere and WH-3's standard shipments are normal). Problems turn into complaint contacts.
 */
final class ShipmentSimulator {
    static final String[] PROBLEMS = {"late", "damaged", "missing_item", "wrong_item", "lost"};
    private static final String[] COMPLAINT_REASON = {"late_delivery", "damaged", "missing_item", "wrong_item",
            "late_delivery"};
    private static final int LATE = 0;
    private static final int LOST = 4;

    private final Period period;

    ShipmentSimulator(Period period) {
        this.period = period;
    }

    /** A shipment the generator wrote, as contacts refer to it. */
    record Shipped(String shipmentId, String carrier) {
    }

    /** Ships the order; returns its first shipment, or null when nothing has shipped by the run date. */
    Shipped ship(Customer customer, String orderId, long orderTs, int lines, Rng rng, PartitionOutput out,
                 List<ContactSimulator.Intent> intents) {
        int count = lines >= 2 && rng.chance(0.10) ? 2 : 1;
        Shipped first = null;
        for (int k = 1; k <= count; k++) {
            Shipped shipped = shipOne(customer, orderId, orderId.replaceFirst("^O", "S") + "-" + k, orderTs, rng, out,
                    intents);
            first = first == null ? shipped : first;
        }
        return first;
    }

    private Shipped shipOne(Customer customer, String orderId, String shipmentId, long orderTs, Rng rng,
                         PartitionOutput out, List<ContactSimulator.Intent> intents) {
        String carrier = Truth.CARRIERS.get(rng.pick(Truth.CARRIER_SHARE));
        String warehouse = Truth.WAREHOUSES.get(rng.pick(Truth.WAREHOUSE_SHARE));
        String method = rng.chance(customer.vip() ? 0.5 : 0.22) ? "express" : "standard";
        String origin = World.WAREHOUSE_REGION.get(warehouse);
        long shipped = orderTs + (long) rng.uniform(3 * 3600, 40 * 3600);
        if (shipped >= period.end()) {
            return null; // not shipped yet on the run date
        }
        int promisedDays = (method.equals("express") ? 2 : 4) + (origin.equals(customer.region()) ? 0 : 1);
        long promisedDay = Period.day(shipped) + promisedDays;

        boolean interaction = warehouse.equals(Truth.INTERACTION_WAREHOUSE) && method.equals(Truth.INTERACTION_METHOD);
        double[] problems = (carrier.equals(Truth.ROOT_CAUSE_CARRIER) ? Truth.ROOT_CAUSE_PROBLEMS
                : Truth.NORMAL_PROBLEMS).clone();
        if (interaction) {
            problems[LATE] = Math.max(problems[LATE], Truth.INTERACTION_LATE);
        }
        int problem = drawProblem(problems, rng);

        long deliveredDay;
        if (problem == LOST) {
            deliveredDay = Long.MAX_VALUE;
        } else if (problem == LATE) {
            // Most late parcels arrive within days; some get stuck for weeks (work for proactive outreach).
            deliveredDay = promisedDay + 1 + (long) (rng.chance(0.25) ? rng.uniform(7, 28) : rng.exponential(1 / 2.5));
        } else {
            deliveredDay = Math.max(Period.day(shipped) + 1, promisedDay - (rng.chance(0.45) ? 1 : 0));
        }
        long delivered = deliveredDay == Long.MAX_VALUE ? Long.MAX_VALUE
                : deliveredDay * Period.DAY + (long) rng.uniform(8 * 3600, 20 * 3600);
        String status;
        if (delivered >= period.end()) {
            // Lost parcels are declared lost ten days after the promised date; until then they look in transit.
            status = problem == LOST && (promisedDay + 10) * Period.DAY < period.end() ? "lost" : "in_transit";
        } else {
            boolean returned = rng.chance(problem == 1 || problem == 3 ? 0.5 : 0.03)
                    && delivered + 7 * Period.DAY < period.end();
            status = returned ? "returned" : "delivered";
        }

        OutputTable table = OutputTable.SHIPMENTS;
        String[] row = table.newRow();
        row[table.column("shipment_id")] = shipmentId;
        row[table.column("order_id")] = orderId;
        row[table.column("carrier")] = carrier;
        row[table.column("warehouse")] = warehouse;
        row[table.column("ship_method")] = method;
        row[table.column("origin_region")] = origin;
        row[table.column("dest_region")] = customer.region();
        row[table.column("shipped_ts")] = Period.timestamp(shipped);
        row[table.column("promised_date")] = java.time.LocalDate.ofEpochDay(promisedDay).toString();
        row[table.column("delivered_ts")] = delivered < period.end() ? Period.timestamp(delivered) : "";
        row[table.column("status")] = status;
        out.emit(table, row);

        Tally tally = out.tally();
        Tally.add(tally.shipmentsByCarrier, carrier, 1);
        String cell = cell(warehouse, method);
        Tally.add(tally.shipmentsByCell, cell, 1);
        if (status.equals("in_transit")) {
            tally.shipmentsInTransitAtEnd++;
            if (promisedDay < Period.day(period.end())) {
                tally.shipmentsInTransitPastPromise++;
            }
        }

        Shipped written = new Shipped(shipmentId, carrier);
        if (problem < 0 || !rng.chance(Truth.COMPLAINT_GIVEN_PROBLEM[problem])) {
            return written;
        }
        long contact;
        int daysLate = 0;
        if (problem == LATE || problem == LOST) {
            contact = (promisedDay + 1) * Period.DAY + (long) rng.uniform(0.3 * Period.DAY, 3 * Period.DAY);
            daysLate = (int) (Period.day(contact) - promisedDay);
        } else {
            contact = delivered + (long) rng.uniform(2 * 3600, 2 * Period.DAY);
        }
        if (contact >= period.end()) {
            return written;
        }
        Tally.add(tally.complainedShipmentsByCarrier, carrier, 1);
        Tally.add(tally.complainedShipmentsByCell, cell, 1);
        intents.add(new ContactSimulator.Intent(contact, COMPLAINT_REASON[problem], true, orderId, written, true,
                daysLate));
        return written;
    }

    static String cell(String warehouse, String method) {
        boolean atWarehouse = warehouse.equals(Truth.INTERACTION_WAREHOUSE);
        boolean withMethod = method.equals(Truth.INTERACTION_METHOD);
        return atWarehouse && withMethod ? "both" : atWarehouse ? "warehouse_only" : withMethod ? "method_only"
                : "neither";
    }

    /** Index of the problem that happens, or -1 for none. */
    private static int drawProblem(double[] probabilities, Rng rng) {
        double u = rng.uniform();
        for (int i = 0; i < probabilities.length; i++) {
            u -= probabilities[i];
            if (u < 0) {
                return i;
            }
        }
        return -1;
    }
}
