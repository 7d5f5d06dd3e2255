package io.crmanalytics.sample;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one partition generated, counted for the ground truth: realized shares of the planted effects and the
 * rows written per file and per injected fault. Partitions' tallies are merged in partition order.
 */
final class Tally {
    final long[] cleanRows = new long[OutputTable.values().length];
    final Map<String, Map<String, Long>> dirtyRows = new TreeMap<>();
    final Map<String, Long> shipmentsByCarrier = new TreeMap<>();
    /** Delivery-complaint contacts by the carrier of the shipment they are about (the generator knows it). */
    final Map<String, Long> deliveryComplaintsByCarrier = new TreeMap<>();
    /** Shipments with at least one complaint of any reason about them, by carrier (the root-cause engine's unit). */
    final Map<String, Long> complainedShipmentsAnyReasonByCarrier = new TreeMap<>();
    /** Shipments with at least one delivery complaint, by carrier. */
    final Map<String, Long> complainedShipmentsByCarrier = new TreeMap<>();
    /** Shipments and complained shipments per cell of the planted interaction: "both", "warehouse only", ... */
    final Map<String, Long> shipmentsByCell = new TreeMap<>();
    final Map<String, Long> complainedShipmentsByCell = new TreeMap<>();
    final Map<String, Long> ivrEnters = new TreeMap<>();
    final Map<String, Long> ivrZeroOutOrAbandon = new TreeMap<>();
    long deliveryComplaints;
    long deliveryComplaintsWithoutOrder;
    long complaints;
    long complaintsWithoutOrder;
    long notesOnlyInteractions;
    long interactions;
    long repeatBuyers;
    long repeatOrders;
    long sameDayRepeatOrders;
    long customersAtCutoff;
    long aliveAtCutoff;
    long shipmentsInTransitAtEnd;
    long shipmentsInTransitPastPromise;
    final List<String> badTimestampOrderIds = new ArrayList<>();

    static void add(Map<String, Long> map, String key, long n) {
        map.merge(key, n, Long::sum);
    }

    void dirty(String entity, String rule) {
        add(dirtyRows.computeIfAbsent(entity, e -> new TreeMap<>()), rule, 1);
    }

    void merge(Tally other) {
        for (int i = 0; i < cleanRows.length; i++) {
            cleanRows[i] += other.cleanRows[i];
        }
        other.dirtyRows.forEach((entity, rules) -> rules.forEach((rule, n) ->
                add(dirtyRows.computeIfAbsent(entity, e -> new TreeMap<>()), rule, n)));
        other.shipmentsByCarrier.forEach((k, n) -> add(shipmentsByCarrier, k, n));
        other.deliveryComplaintsByCarrier.forEach((k, n) -> add(deliveryComplaintsByCarrier, k, n));
        other.complainedShipmentsByCarrier.forEach((k, n) -> add(complainedShipmentsByCarrier, k, n));
        other.complainedShipmentsAnyReasonByCarrier.forEach((k, n) -> add(complainedShipmentsAnyReasonByCarrier, k, n));
        other.shipmentsByCell.forEach((k, n) -> add(shipmentsByCell, k, n));
        other.complainedShipmentsByCell.forEach((k, n) -> add(complainedShipmentsByCell, k, n));
        other.ivrEnters.forEach((k, n) -> add(ivrEnters, k, n));
        other.ivrZeroOutOrAbandon.forEach((k, n) -> add(ivrZeroOutOrAbandon, k, n));
        deliveryComplaints += other.deliveryComplaints;
        deliveryComplaintsWithoutOrder += other.deliveryComplaintsWithoutOrder;
        complaints += other.complaints;
        complaintsWithoutOrder += other.complaintsWithoutOrder;
        notesOnlyInteractions += other.notesOnlyInteractions;
        interactions += other.interactions;
        repeatBuyers += other.repeatBuyers;
        repeatOrders += other.repeatOrders;
        sameDayRepeatOrders += other.sameDayRepeatOrders;
        customersAtCutoff += other.customersAtCutoff;
        aliveAtCutoff += other.aliveAtCutoff;
        shipmentsInTransitAtEnd += other.shipmentsInTransitAtEnd;
        shipmentsInTransitPastPromise += other.shipmentsInTransitPastPromise;
        badTimestampOrderIds.addAll(other.badTimestampOrderIds);
    }
}
