package io.crmanalytics.propensity;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.Serializable;
import java.util.Arrays;

/**
 * Centered isotonic calibration: a monotone, piecewise-linear map from the classifier's score to the purchase rate
 * observed on held-out rows. Pool-adjacent-violators (the fit MLlib's IsotonicRegression makes) pools the rows into
 * blocks of non-decreasing rate; each block then becomes one point, at its mean score, and the map interpolates
 * linearly between points (Oron and Flournoy, "Centered Isotonic Regression", 2017). Plain isotonic regression is
 * flat across each block, so every row of a block got one probability and the model's order inside it was lost:
 * on the real mlc_churn table 1,489 scored rows had 27 distinct propensities, and which of 29 tied rows entered
 * the top decile was chance. Between the first and last points the map is strictly increasing, so the ranking is
 * the model's; outside them it is flat (no rate is extrapolated beyond what held-out rows showed).
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
        double[] scoreSum = new double[n];
        int blocks = 0;
        for (int k = 0; k < n; k++) {
            int i = order[k];
            mean[blocks] = label[i];
            weight[blocks] = 1;
            low[blocks] = score[i];
            high[blocks] = score[i];
            scoreSum[blocks] = score[i];
            blocks++;
            // Equal scores must map to one value, and a violation pools the two blocks.
            while (blocks > 1 && (mean[blocks - 2] >= mean[blocks - 1] || high[blocks - 2] == low[blocks - 1])) {
                double w = weight[blocks - 2] + weight[blocks - 1];
                mean[blocks - 2] = (mean[blocks - 2] * weight[blocks - 2] + mean[blocks - 1] * weight[blocks - 1]) / w;
                weight[blocks - 2] = w;
                high[blocks - 2] = high[blocks - 1];
                scoreSum[blocks - 2] += scoreSum[blocks - 1];
                blocks--;
            }
        }
        // Each block is one point at its mean score (centered isotonic regression): between two blocks' centres the
        // map rises linearly, so rows inside a block keep the model's order instead of tying.
        double[] xs = new double[blocks];
        double[] ys = new double[blocks];
        for (int b = 0; b < blocks; b++) {
            xs[b] = scoreSum[b] / weight[b];
            ys[b] = mean[b];
        }
        return new Calibration(xs, ys);
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
