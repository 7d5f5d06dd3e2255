package io.crmanalytics.propensity;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Why a customer scores high, in words an agent can read. Each feature gets a weight: for logistic regression
 * its coefficient, so the contribution of a value is {@code coefficient * (value - training mean)}; for boosted
 * trees its importance, so the contribution is {@code importance * |value - mean| / std} (trees give no sign,
 * the text then says whether the value is above or below average). The strongest positive contributions become
 * the reason, e.g. {@code cat_books_orders 3 (avg 0.41); tenure_days 912 (avg 401)}.
 */
public record Explainer(@JsonProperty("kind") String kind, @JsonProperty("names") List<String> names,
                        @JsonProperty("one_hot") List<Boolean> oneHot, @JsonProperty("weights") double[] weights,
                        @JsonProperty("means") double[] means, @JsonProperty("stds") double[] stds)
        implements Serializable {

    static final int REASON_FEATURES = 2;

    /** Builds the explainer of a fitted classifier from the rows it learned from. */
    static Explainer of(Classifier classifier, FeatureSpec spec, ModelSearch.Rows rows) {
        List<String> names = spec.names();
        int n = names.size();
        List<Boolean> oneHot = new ArrayList<>();
        for (boolean b : spec.oneHot()) {
            oneHot.add(b);
        }
        double[] means = new double[n];
        double[] stds = new double[n];
        for (double[] x : rows.x()) {
            for (int j = 0; j < n; j++) {
                means[j] += x[j];
            }
        }
        for (int j = 0; j < n; j++) {
            means[j] /= Math.max(1, rows.size());
        }
        for (double[] x : rows.x()) {
            for (int j = 0; j < n; j++) {
                stds[j] += (x[j] - means[j]) * (x[j] - means[j]);
            }
        }
        for (int j = 0; j < n; j++) {
            stds[j] = Math.sqrt(stds[j] / Math.max(1, rows.size() - 1));
        }
        if (classifier instanceof Classifier.Logistic lr) {
            // Per unit of the original feature: the coefficient on the standardized feature over its scale.
            double[] standardized = lr.standardizedCoefficients();
            double[] weights = new double[n];
            for (int j = 0; j < n; j++) {
                weights[j] = standardized[j] / lr.scale()[j];
            }
            return new Explainer(Classifier.LOGISTIC, names, oneHot, weights, means, stds);
        }
        Classifier.Trees trees = (Classifier.Trees) classifier;
        double[] importance = trees.encodedImportance();
        double total = 0;
        for (double v : importance) {
            total += v;
        }
        double[] weights = new double[n];
        for (int j = 0; j < n; j++) {
            weights[j] = total == 0 ? 0 : importance[j] / total;
        }
        return new Explainer(Classifier.TREES, names, oneHot, weights, means, stds);
    }

    /** A feature and its overall strength: |standardized coefficient| or tree importance. */
    public record TopFeature(String name, double strength, String direction) {
    }

    public List<TopFeature> topFeatures(int k) {
        List<TopFeature> all = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            boolean linear = kind.equals(Classifier.LOGISTIC);
            double strength = linear ? Math.abs(weights[i]) * stds[i] : weights[i];
            String direction = linear ? (weights[i] > 0 ? "+" : weights[i] < 0 ? "-" : "0") : "";
            if (strength > 0) {
                all.add(new TopFeature(names.get(i), strength, direction));
            }
        }
        all.sort(Comparator.comparingDouble(TopFeature::strength).reversed());
        return all.subList(0, Math.min(k, all.size()));
    }

    /** The reason text for one customer's feature vector: {@link #describe} of what {@link #strongest} picks. */
    public String reason(double[] x) {
        int[] features = strongest(x);
        double[] values = new double[features.length];
        for (int k = 0; k < features.length; k++) {
            values[k] = x[features[k]];
        }
        return describe(features, values);
    }

    /**
     * The features behind a customer's reason: the indices of the (at most {@link #REASON_FEATURES}) largest
     * positive contributions, largest first, an equal contribution after the lower index. A scan, not a sort of
     * every contribution: the job asks this of every customer and category.
     */
    int[] strongest(double[] x) {
        boolean linear = kind.equals(Classifier.LOGISTIC);
        int[] top = new int[REASON_FEATURES];
        double[] largest = new double[REASON_FEATURES];
        int found = 0;
        for (int i = 0; i < x.length && i < weights.length; i++) {
            if (oneHot.get(i) && x[i] == 0.0) {
                continue;
            }
            double deviation = x[i] - means[i];
            double contribution = linear ? weights[i] * deviation
                    : stds[i] == 0 ? 0 : weights[i] * Math.abs(deviation) / stds[i];
            if (!(contribution > 0)) {
                continue;
            }
            int at = found;
            while (at > 0 && contribution > largest[at - 1]) {
                at--;
            }
            if (at == REASON_FEATURES) {
                continue;
            }
            for (int k = Math.min(found, REASON_FEATURES - 1); k > at; k--) {
                top[k] = top[k - 1];
                largest[k] = largest[k - 1];
            }
            top[at] = i;
            largest[at] = contribution;
            found = Math.min(found + 1, REASON_FEATURES);
        }
        return java.util.Arrays.copyOf(top, found);
    }

    /**
     * The reason text for the features {@link #strongest} picked and the customer's values of them; what the job
     * writes for the offers alone, after the offers are chosen.
     */
    public String describe(int[] features, double[] values) {
        if (features.length == 0) {
            return "close to the average customer";
        }
        List<String> parts = new ArrayList<>();
        for (int k = 0; k < features.length; k++) {
            int i = features[k];
            parts.add(oneHot.get(i) ? names.get(i)
                    : names.get(i) + " " + number(values[k]) + " (avg " + number(means[i]) + ")");
        }
        return String.join("; ", parts);
    }

    private static String number(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e9) {
            return String.valueOf((long) v);
        }
        // Locale.US, not ROOT: the same digits and separator, and Formatter's fast path (ROOT looks the locale's
        // symbols up on every call).
        return String.format(Locale.US, Math.abs(v) >= 100 ? "%.0f" : "%.2g", v);
    }
}
