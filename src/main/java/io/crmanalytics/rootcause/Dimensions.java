package io.crmanalytics.rootcause;

import io.crmanalytics.core.UserException;
import java.util.ArrayList;
import java.util.List;

/** The shipment attributes the engine explains complaints by. */
public final class Dimensions {
    public static final String CATEGORY = "category";
    public static final String DELIVERY_STATUS = "delivery_status";
    /** In dimension-name order, the order factor terms are written in. */
    public static final List<String> ALL = List.of("carrier", CATEGORY, "customer_region", DELIVERY_STATUS,
            "dest_region", "origin_region", "ship_method", "warehouse");

    private Dimensions() {
    }

    /** Parses {@code --dimensions a,b}: known names only, in dimension-name order; empty means all. */
    public static List<String> parse(String commaSeparated) {
        if (commaSeparated == null || commaSeparated.isBlank()) {
            return ALL;
        }
        List<String> chosen = new ArrayList<>();
        for (String raw : commaSeparated.split(",")) {
            String name = raw.trim().toLowerCase(java.util.Locale.ROOT);
            if (!ALL.contains(name)) {
                throw new UserException("unknown dimension '" + raw.trim() + "' in --dimensions; known: "
                        + String.join(", ", ALL));
            }
            if (!chosen.contains(name)) {
                chosen.add(name);
            }
        }
        return ALL.stream().filter(chosen::contains).toList();
    }

    /**
     * Whether a dimension may serve as a confounder when adjusting another factor. delivery_status is a
     * consequence of the shipment's carrier, route and warehouse (a mediator): stratifying a carrier by it would
     * remove exactly the effect the carrier has through late deliveries.
     */
    static boolean canConfound(String dimension) {
        return !DELIVERY_STATUS.equals(dimension);
    }
}
