package io.crmanalytics.rootcause;

import java.io.Serializable;

/**
 * One shipment as the counting passes read it: the ascending codes of its factor terms ({@link TermDictionary})
 * and a bit mask of the complaint reasons it drew (bit r for the run's reason r; bit 0, {@code all}, for any).
 */
record EncodedUnit(long reasons, int[] codes) implements Serializable {
}
