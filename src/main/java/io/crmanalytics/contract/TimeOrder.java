package io.crmanalytics.contract;

/**
 * Two times of one row of an entity that cannot come in the other order (a shipment delivered before it
 * shipped): a row whose {@code later} is before its {@code earlier} breaks {@code rule}. An empty value
 * breaks nothing.
 */
public record TimeOrder(String entity, String earlier, String later, String rule) {
}
