package io.crmanalytics.rootcause;

/**
 * The default minimum number of shipments a group must have to be examined for a reason, from a power
 * calculation: enough shipments that a group whose complaint rate is {@value #LIFT} times the reason's base rate
 * p is detected by the engine's test (Fisher's exact, two-sided, level {@value #ALPHA}) with power
 * {@value #POWER}. Against the outside shipments, much more numerous, that is the score test of the group's rate
 * against p, n = (z(1 - alpha/2) sqrt(p (1 - p)) + z(power) sqrt(2p (1 - 2p)))^2 / p^2, with Fleiss' continuity
 * correction n / 4 (1 + sqrt(1 + 2 / (n p)))^2 because the exact test, like a continuity-corrected one, needs a
 * little more: e.g. 350 shipments at a 3% base rate, 2,167 at 0.5%. (Without the correction, 318 at 3%, the exact
 * test has only 73-77% power, measured; the Wald form on the log risk ratio, 256 at 3%, less still.)
 * Why exposure and not complaints: a floor on a group's complaints selects groups by their outcome before
 * they are tested, so a small group with a chance cluster of complaints passes while a large quiet one of the
 * same size does not, and the search's answers are biased towards noise (the "2-7 complaints, lift 30" rows);
 * a floor on shipments is blind to the outcome and keeps the tests honest. Shipment counts only shrink as terms
 * are added, so the floor prunes the Apriori search as support did. The power achieved at the floor is measured
 * by simulation in ExposureFloorTest.
 */
final class ExposureFloor {
    static final double LIFT = 2.0;
    static final double ALPHA = 0.05;
    static final double POWER = 0.8;
    private static final double Z_ALPHA = 1.959963984540054;   // z(1 - 0.05/2)
    private static final double Z_POWER = 0.8416212335729143;  // z(0.8)

    private ExposureFloor() {
    }

    /** Shipments needed at base rate {@code baseRate} (complained shipments / shipments); at least 1. */
    static long shipments(double baseRate) {
        if (!(baseRate > 0)) {
            return Long.MAX_VALUE;     // no complaint of the reason: nothing to examine
        }
        double p = Math.min(baseRate, 0.999 / LIFT);
        double groupRate = LIFT * p;
        double root = Z_ALPHA * Math.sqrt(p * (1 - p)) + Z_POWER * Math.sqrt(groupRate * (1 - groupRate));
        double difference = groupRate - p;
        double uncorrected = root * root / (difference * difference);
        double corrected = uncorrected / 4 * Math.pow(1 + Math.sqrt(1 + 2 / (uncorrected * difference)), 2);
        return Math.max(1L, (long) Math.ceil(corrected));
    }
}
