package io.crmanalytics.propensity;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.Serializable;
import java.util.Arrays;

/**
 * Isotonic calibration: a monotone, piecewise-linear map from the classifier's score to the purchase rate observed
 * on held-out rows (pool-adjacent-violators, the same fit MLlib's IsotonicRegression makes). Monotone, so the
 * ranking is kept. Between two fitted points the map interpolates linearly; outside them it is flat.
 *
 * @param boundaries scores, ascending
 * @param rates      the calibrated probability at each boundary, non-decreasing
 */
public record Calibration(@JsonProperty("boundaries") double[] boundaries, @JsonProperty("rates") double[] rates)
        implements Serializable {

    /** Fits on held-out scores and their 0/1 labels. */
    static Calibration fit(double[] score, int[] label) {
        int n = score.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(score[a], score[b]));
        // Blocks of pooled points: their mean label, weight and score range.
        double[] mean = new double[n];
        double[] weight = new double[n];
        double[] low = new double[n];
        double[] high = new double[n];
        int blocks = 0;
        for (int k = 0; k < n; k++) {
            int i = order[k];
            mean[blocks] = label[i];
            weight[blocks] = 1;
            low[blocks] = score[i];
            high[blocks] = score[i];
            blocks++;
            // Equal scores must map to one value, and a violation pools the two blocks.
            while (blocks > 1 && (mean[blocks - 2] >= mean[blocks - 1] || high[blocks - 2] == low[blocks - 1])) {
                double w = weight[blocks - 2] + weight[blocks - 1];
                mean[blocks - 2] = (mean[blocks - 2] * weight[blocks - 2] + mean[blocks - 1] * weight[blocks - 1]) / w;
                weight[blocks - 2] = w;
                high[blocks - 2] = high[blocks - 1];
                blocks--;
            }
        }
        // Each block contributes its two ends (one when it is a single score).
        double[] xs = new double[2 * blocks];
        double[] ys = new double[2 * blocks];
        int m = 0;
        for (int b = 0; b < blocks; b++) {
            xs[m] = low[b];
            ys[m++] = mean[b];
            if (high[b] > low[b]) {
                xs[m] = high[b];
                ys[m++] = mean[b];
            }
        }
        return new Calibration(Arrays.copyOf(xs, m), Arrays.copyOf(ys, m));
    }

    /** The calibrated probability of a score. */
    double apply(double score) {
        int n = boundaries.length;
        if (n == 0) {
            return 0.0;
        }
        if (score <= boundaries[0]) {
            return rates[0];
        }
        if (score >= boundaries[n - 1]) {
            return rates[n - 1];
        }
        int i = Arrays.binarySearch(boundaries, score);
        if (i >= 0) {
            return rates[i];
        }
        int upper = -i - 1;
        int lower = upper - 1;
        double t = (score - boundaries[lower]) / (boundaries[upper] - boundaries[lower]);
        return rates[lower] + t * (rates[upper] - rates[lower]);
    }
}
