package io.crmanalytics.propensity;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.apache.spark.ml.Model;
import org.apache.spark.ml.attribute.Attribute;
import org.apache.spark.ml.attribute.AttributeGroup;
import org.apache.spark.ml.classification.GBTClassificationModel;
import org.apache.spark.ml.classification.LogisticRegressionModel;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.stat.Summarizer;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.types.StructField;

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

    /** Builds the explainer of a fitted classifier from its prepared training rows. */
    static Explainer of(Model<?> classifier, Dataset<Row> prepared) {
        StructField field = prepared.schema().apply(FeaturePrep.FEATURES);
        AttributeGroup group = AttributeGroup.fromStructField(field);
        Row stats = prepared.select(Summarizer.metrics("mean", "variance")
                .summary(prepared.col(FeaturePrep.FEATURES)).as("s")).select("s.mean", "s.variance").first();
        double[] means = ((Vector) stats.get(0)).toArray();
        double[] variances = ((Vector) stats.get(1)).toArray();
        int n = means.length;
        List<String> names = new ArrayList<>();
        List<Boolean> oneHot = new ArrayList<>();
        Attribute[] attributes = group.attributes().isDefined() ? group.attributes().get() : new Attribute[0];
        for (int i = 0; i < n; i++) {
            String raw = i < attributes.length && attributes[i].name().isDefined() ? attributes[i].name().get()
                    : "feature_" + i;
            names.add(FeaturePrep.displayName(raw));
            oneHot.add(raw.startsWith("vec__"));
        }
        double[] stds = new double[n];
        for (int i = 0; i < n; i++) {
            stds[i] = Math.sqrt(Math.max(0, variances[i]));
        }
        if (classifier instanceof LogisticRegressionModel lr) {
            return new Explainer("logistic_regression", names, oneHot, lr.coefficients().toArray(), means, stds);
        }
        if (classifier instanceof GBTClassificationModel gbt) {
            return new Explainer("gradient_boosted_trees", names, oneHot, gbt.featureImportances().toArray(),
                    means, stds);
        }
        throw new IllegalArgumentException("no explainer for " + classifier.getClass().getSimpleName());
    }

    /** A feature and its overall strength: |standardized coefficient| or tree importance. */
    public record TopFeature(String name, double strength, String direction) {
    }

    public List<TopFeature> topFeatures(int k) {
        List<TopFeature> all = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            boolean linear = kind.equals("logistic_regression");
            double strength = linear ? Math.abs(weights[i]) * stds[i] : weights[i];
            String direction = linear ? (weights[i] > 0 ? "+" : weights[i] < 0 ? "-" : "0") : "";
            if (strength > 0) {
                all.add(new TopFeature(names.get(i), strength, direction));
            }
        }
        all.sort(Comparator.comparingDouble(TopFeature::strength).reversed());
        return all.subList(0, Math.min(k, all.size()));
    }

    /** The reason text for one customer's feature vector. */
    public String reason(Vector features) {
        double[] x = features.toArray();
        boolean linear = kind.equals("logistic_regression");
        List<double[]> scored = new ArrayList<>();
        for (int i = 0; i < x.length && i < weights.length; i++) {
            if (oneHot.get(i) && x[i] == 0.0) {
                continue;
            }
            double deviation = x[i] - means[i];
            double contribution = linear ? weights[i] * deviation
                    : stds[i] == 0 ? 0 : weights[i] * Math.abs(deviation) / stds[i];
            if (contribution > 0) {
                scored.add(new double[] {i, contribution});
            }
        }
        scored.sort((a, b) -> Double.compare(b[1], a[1]));
        List<String> parts = new ArrayList<>();
        for (int k = 0; k < Math.min(REASON_FEATURES, scored.size()); k++) {
            int i = (int) scored.get(k)[0];
            parts.add(oneHot.get(i) ? names.get(i)
                    : String.format(Locale.ROOT, "%s %s (avg %s)", names.get(i), number(x[i]), number(means[i])));
        }
        return parts.isEmpty() ? "close to the average customer" : String.join("; ", parts);
    }

    UDF1<Vector, String> reasonFunction() {
        return this::reason;
    }

    private static String number(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e9) {
            return String.valueOf((long) v);
        }
        return String.format(Locale.ROOT, Math.abs(v) >= 100 ? "%.0f" : "%.2g", v);
    }
}
