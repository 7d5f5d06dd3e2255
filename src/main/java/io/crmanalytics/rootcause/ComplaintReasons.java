package io.crmanalytics.rootcause;

import java.util.List;

/** The reason codes that make an interaction a complaint when {@code is_complaint} is empty. */
public final class ComplaintReasons {
    public static final List<String> CODES = List.of("late_delivery", "damaged", "wrong_item", "missing_item",
            "billing", "return");
    /** The reason of a complaint whose reason is neither coded nor predictable from notes; counted under 'all'. */
    public static final String UNSPECIFIED = "unspecified";

    private ComplaintReasons() {
    }
}
