package io.crmanalytics.stats;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/** Corrections for testing many hypotheses in one run. */
public final class MultipleTesting {
    private MultipleTesting() {
    }

    /**
     * Benjamini-Hochberg q-values (adjusted p-values controlling the false discovery rate), in the input's order:
     * q_(i) = min over j >= i of p_(j) * m / j, capped at 1, where m counts the non-NaN p-values. A NaN p-value
     * (a hypothesis that could not be tested) stays NaN and does not count in m.
     */
    public static double[] benjaminiHochberg(double[] pValues) {
        double[] q = new double[pValues.length];
        Arrays.fill(q, Double.NaN);
        Integer[] order = IntStream.range(0, pValues.length).filter(i -> !Double.isNaN(pValues[i]))
                .boxed().sorted(Comparator.comparingDouble(i -> pValues[i])).toArray(Integer[]::new);
        int m = order.length;
        double running = 1.0;
        for (int rank = m; rank >= 1; rank--) {
            int index = order[rank - 1];
            running = Math.min(running, pValues[index] * m / rank);
            q[index] = Math.min(1.0, running);
        }
        return q;
    }
}
