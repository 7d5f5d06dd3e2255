package io.crmanalytics.rootcause;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The rank rule, within each complaint reason: only significant findings (reported, q-value below alpha, lift
 * above 1) get a rank; they are ordered by the complaints they explain, complaints x (1 - 1/lift) with the
 * confounder-adjusted lift where there is one; findings that involve delivery_status come after the others,
 * because a late delivery is how a cause shows, not the cause a manager can act on; ties go to the higher lift.
 */
final class Ranking {
    private Ranking() {
    }

    static List<Finding> rank(List<Finding> findings, double alpha) {
        Map<String, List<Finding>> significant = new HashMap<>();
        for (Finding f : findings) {
            if (f.reported() && f.significant(alpha)) {
                significant.computeIfAbsent(f.reason(), k -> new ArrayList<>()).add(f);
            }
        }
        Map<Finding, Integer> ranks = new HashMap<>();
        Comparator<Finding> order = Comparator.comparing(Ranking::involvesOutcome)
                .thenComparing(Comparator.comparingDouble(Finding::excessComplaints).reversed())
                .thenComparing(Comparator.comparingDouble(Finding::lift).reversed())
                .thenComparing(f -> f.itemset().factors());
        for (List<Finding> group : significant.values()) {
            group.sort(order);
            for (int i = 0; i < group.size(); i++) {
                ranks.put(group.get(i), i + 1);
            }
        }
        List<Finding> result = new ArrayList<>(findings.size());
        for (Finding f : findings) {
            result.add(f.withRank(ranks.get(f)));
        }
        return result;
    }

    private static boolean involvesOutcome(Finding f) {
        return f.itemset().terms().stream().anyMatch(t -> t.dimension().equals(Dimensions.DELIVERY_STATUS));
    }

    /**
     * E.g. "carrier=SwiftShip: 3.0% of shipments, 27.1% of late_delivery complaints, 9.1x the complaint rate of
     * other shipments (95% CI 8.3-10.0)", plus the adjusted lift when it tells a different story.
     */
    static String summary(Finding f, double alpha) {
        String complaints = Reasons.ALL.equals(f.reason()) ? "complaints" : f.reason() + " complaints";
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT,
                "%s: %s of shipments, %s of %s, %s the complaint rate of other shipments (95%% CI %s-%s)",
                f.itemset().factors(), percent(f.shipmentShare()), percent(f.complaintShare()), complaints,
                times(f.lift()), number(f.liftCiLow()), number(f.liftCiHigh())));
        if (f.adjustedFor() != null && f.adjustedLift() != null && !f.adjustedLift().isNaN()) {
            s.append(String.format(Locale.ROOT, "; %s after adjusting for %s", times(f.adjustedLift()),
                    f.adjustedFor()));
        }
        if (!f.significant(alpha)) {
            s.append(String.format(Locale.ROOT, "; not significant (q=%.2g)", f.qValue()));
        }
        return s.toString();
    }

    private static String percent(double share) {
        return String.format(Locale.ROOT, "%.1f%%", 100 * share);
    }

    private static String times(double ratio) {
        return number(ratio) + "x";
    }

    private static String number(double value) {
        return value >= 100 ? String.format(Locale.ROOT, "%.0f", value) : String.format(Locale.ROOT, "%.1f", value);
    }
}
