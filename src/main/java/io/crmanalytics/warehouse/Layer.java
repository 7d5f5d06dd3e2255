package io.crmanalytics.warehouse;

import java.util.Locale;

/** The warehouse layers; each is a folder under the warehouse root and a database name in Spark SQL. */
public enum Layer {
    BRONZE, QUARANTINE, SILVER, GOLD;

    public String dirName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
