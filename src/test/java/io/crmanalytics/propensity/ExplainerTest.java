package io.crmanalytics.propensity;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The reason's features are chosen by a scan (the job asks for them per customer and category): they must be
 * what sorting every positive contribution, largest first and stable, would give; and the text is built from
 * those features and the customer's values alone.
 */
class ExplainerTest {
    private static final List<String> NAMES = List.of("orders", "spend", "region_north", "region_south", "tenure");
    private static final List<Boolean> ONE_HOT = List.of(false, false, true, true, false);
    private static final double[] MEANS = {0.41, 120.0, 0.3, 0.7, 401.0};
    private static final double[] STDS = {1.0, 50.0, 0.46, 0.46, 200.0};

    @Test
    void strongestIsTheStableSortOfPositiveContributions() {
        Random random = new Random(7);
        for (String kind : List.of(Classifier.LOGISTIC, Classifier.TREES)) {
            for (int trial = 0; trial < 20_000; trial++) {
                double[] weights = new double[NAMES.size()];
                double[] x = new double[NAMES.size()];
                for (int j = 0; j < x.length; j++) {
                    // Few distinct weights and values, so that equal contributions (ties) are common.
                    weights[j] = random.nextInt(5) - 2;
                    x[j] = ONE_HOT.get(j) ? random.nextInt(2) : MEANS[j] + STDS[j] * (random.nextInt(5) - 2);
                }
                Explainer explainer = new Explainer(kind, NAMES, ONE_HOT, weights, MEANS, STDS);
                assertArrayEquals(bySorting(explainer, x), explainer.strongest(x), kind + " " + List.of(weights, x));
            }
        }
    }

    @Test
    void textNamesTheFeaturesWithTheCustomersValueAndTheAverage() {
        Explainer linear = new Explainer(Classifier.LOGISTIC, NAMES, ONE_HOT, new double[] {1, 0.01, 2, -1, 0},
                MEANS, STDS);
        double[] x = {3, 150.5, 1, 0, 912};
        assertArrayEquals(new int[] {0, 2}, linear.strongest(x), "orders (+2.59) and region_north (+1.4)");
        assertEquals("orders 3 (avg 0.41); region_north", linear.reason(x));
        assertEquals(linear.reason(x), linear.describe(new int[] {0, 2}, new double[] {3, 1}));
        assertEquals("spend 150 (avg 120)", linear.describe(new int[] {1}, new double[] {150.4}));
        assertEquals("orders 0.0012 (avg 0.41)", linear.describe(new int[] {0}, new double[] {0.00123}));
        double[] average = {0.41, 120.0, 0, 1, 401.0};
        assertEquals("close to the average customer", linear.reason(average));
    }

    /** The reference: every positive contribution, sorted largest first (stable), the first two. */
    private static int[] bySorting(Explainer e, double[] x) {
        boolean linear = e.kind().equals(Classifier.LOGISTIC);
        List<double[]> scored = new ArrayList<>();
        for (int i = 0; i < x.length; i++) {
            if (e.oneHot().get(i) && x[i] == 0.0) {
                continue;
            }
            double deviation = x[i] - e.means()[i];
            double c = linear ? e.weights()[i] * deviation
                    : e.stds()[i] == 0 ? 0 : e.weights()[i] * Math.abs(deviation) / e.stds()[i];
            if (c > 0) {
                scored.add(new double[] {i, c});
            }
        }
        scored.sort(Comparator.comparingDouble((double[] s) -> s[1]).reversed());
        return scored.stream().limit(Explainer.REASON_FEATURES).mapToInt(s -> (int) s[0]).toArray();
    }
}
