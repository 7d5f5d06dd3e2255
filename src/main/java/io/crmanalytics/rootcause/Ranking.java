package io.crmanalytics.rootcause;

import io.crmanalytics.stats.RatioEstimate;
import java.util.Locale;

/** How a finding reads: its one-sentence summary, and whether it involves the outcome-like delivery_status. */
final class Ranking {
    private Ranking() {
    }

    static boolean involvesOutcome(Finding f) {
        return f.itemset().terms().stream().anyMatch(t -> t.dimension().equals(Dimensions.DELIVERY_STATUS));
    }

    /**
     * E.g. "carrier=SwiftShip: 3.0% of shipments, 27.1% of late_delivery complaints, 9.1x the complaint rate of
     * other shipments (95% CI 8.3-10.0)", then its aliases, what explains it (a finding ranked above it, and its
     * lift outside that finding), and for a single factor the adjusted lift and what it was adjusted for.
     */
    static String summary(Finding f, double alpha) {
        String complaints = Reasons.ALL.equals(f.reason()) ? "complaints" : f.reason() + " complaints";
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT,
                "%s%s: %s of shipments, %s of %s, %s the complaint rate of other shipments (95%% CI %s-%s)",
                f.itemset().factors(), f.aliases().isEmpty() ? "" : " (same shipments as "
                        + String.join("; ", f.aliases().stream().map(Itemset::factors).toList()) + ")", percent(f.shipmentShare()), percent(f.complaintShare()), complaints,
                times(f.lift()), number(f.liftCiLow()), number(f.liftCiHigh())));
        Finding.Placement placement = f.placement();
        if (placement != null && placement.explainedBy() != null) {
            RatioEstimate residual = placement.residualLift();
            s.append(String.format(Locale.ROOT, "; explained by %s: %s outside it (95%% CI %s-%s)",
                    placement.explainedBy().factors(), times(residual.ratio()), number(residual.ciLow()),
                    number(residual.ciHigh())));
        }
        if (f.adjustedFor() != null && f.adjustedLift() != null && !f.adjustedLift().isNaN()) {
            s.append(String.format(Locale.ROOT, "; %s after adjusting for %s", times(f.adjustedLift()),
                    f.adjustedFor()));
        } else if (f.itemset().size() == 1 && f.adjustedLift() != null && f.significant(alpha)) {
            s.append("; no other significant factor to adjust for");
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
