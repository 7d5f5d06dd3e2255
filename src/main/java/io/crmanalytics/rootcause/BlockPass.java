package io.crmanalytics.rootcause;

import java.io.Serializable;

/**
 * One counting pass over the encoded shipments: a result per {@link UnitBlock}, merged pairwise. Serializable:
 * Spark runs {@link #count} per partition of the cache and merges on the driver; a test runs it over blocks in a
 * list. Neither {@link #count} nor {@link #merge} may change its arguments ({@link #zero} is shared).
 */
interface BlockPass<T> extends Serializable {
    T zero();

    T count(UnitBlock block);

    T merge(T a, T b);
}
