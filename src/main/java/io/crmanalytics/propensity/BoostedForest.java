package io.crmanalytics.propensity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * A boosted forest for the probability of a purchase, as plain arrays: grown by XGBoost ({@link BoostedTrees}),
 * scored here in Java. Scoring on the executors then needs neither XGBoost's native library nor a booster per
 * partition, a saved model is plain Java, and the forest can be cut back to its early-stopping size.
 *
 * <p>Read from XGBoost's JSON model (the schema XGBoost documents as {@code doc/model.schema}): per tree the
 * arrays {@code left_children} (-1 at a leaf), {@code right_children}, {@code split_indices},
 * {@code split_conditions} (the leaf's value at a leaf), {@code default_left} and {@code loss_changes};
 * {@code learner_model_param.base_score} is a probability, and its logit starts every row's margin. As in
 * XGBoost, a row goes left when its value, as a 32-bit float, is below the split condition, and a missing (NaN)
 * value goes the node's default way.
 */
final class BoostedForest implements Serializable {
    private static final long serialVersionUID = 1L;

    /** One tree: node 0 is the root; a node with {@code left < 0} is a leaf whose value is its condition. */
    record Tree(int[] left, int[] right, int[] feature, float[] condition, boolean[] defaultLeft, float[] gain)
            implements Serializable {
        double leaf(double[] x) {
            int node = 0;
            while (left[node] >= 0) {
                float v = (float) x[feature[node]];
                boolean goLeft = Float.isNaN(v) ? defaultLeft[node] : v < condition[node];
                node = goLeft ? left[node] : right[node];
            }
            return condition[node];
        }
    }

    private final double baseMargin;
    private final Tree[] trees;
    private final int features;

    private BoostedForest(double baseMargin, Tree[] trees, int features) {
        this.baseMargin = baseMargin;
        this.trees = trees;
        this.features = features;
    }

    /** The first {@code keep} trees of an XGBoost binary-logistic model in its JSON form. */
    static BoostedForest fromJson(byte[] json, int keep) {
        JsonNode learner;
        try {
            learner = new ObjectMapper().readTree(json).path("learner");
        } catch (IOException e) {
            throw new IllegalStateException("XGBoost wrote a model that is not JSON: " + e.getMessage(), e);
        }
        JsonNode params = learner.path("learner_model_param");
        double base = Double.parseDouble(params.path("base_score").asText());
        int features = Integer.parseInt(params.path("num_feature").asText());
        JsonNode all = learner.path("gradient_booster").path("model").path("trees");
        if (keep > all.size()) {
            throw new IllegalArgumentException("the model has " + all.size() + " trees, " + keep + " asked for");
        }
        Tree[] trees = new Tree[keep];
        for (int t = 0; t < keep; t++) {
            JsonNode tree = all.get(t);
            int[] left = ints(tree.path("left_children"));
            int[] right = ints(tree.path("right_children"));
            int[] feature = ints(tree.path("split_indices"));
            float[] condition = floats(tree.path("split_conditions"));
            int[] defaults = ints(tree.path("default_left"));
            boolean[] defaultLeft = new boolean[defaults.length];
            for (int i = 0; i < defaults.length; i++) {
                defaultLeft[i] = defaults[i] != 0;
            }
            trees[t] = new Tree(left, right, feature, condition, defaultLeft, floats(tree.path("loss_changes")));
        }
        return new BoostedForest(Math.log(base / (1 - base)), trees, features);
    }

    /**
     * One forest whose margin is the mean of the given forests' margins: every tree of every forest, its leaf values
     * (and split gains) divided by their number, under the mean base margin. Scoring, saving and importance treat
     * it as any other forest.
     */
    static BoostedForest mean(List<BoostedForest> forests) {
        if (forests.isEmpty()) {
            throw new IllegalArgumentException("no forests to average");
        }
        int k = forests.size();
        double base = 0;
        List<Tree> all = new ArrayList<>();
        for (BoostedForest forest : forests) {
            if (forest.features != forests.get(0).features) {
                throw new IllegalArgumentException("forests over " + forest.features + " and "
                        + forests.get(0).features + " features cannot be averaged");
            }
            base += forest.baseMargin / k;
            for (Tree tree : forest.trees) {
                float[] condition = tree.condition().clone();
                float[] gain = tree.gain().clone();
                for (int node = 0; node < condition.length; node++) {
                    if (tree.left()[node] < 0) {
                        condition[node] /= k;
                    }
                    gain[node] /= k;
                }
                all.add(new Tree(tree.left(), tree.right(), tree.feature(), condition, tree.defaultLeft(), gain));
            }
        }
        return new BoostedForest(base, all.toArray(new Tree[0]), forests.get(0).features);
    }

    /** The forest's output on the logit scale. */
    double margin(double[] x) {
        double m = baseMargin;
        for (Tree tree : trees) {
            m += tree.leaf(x);
        }
        return m;
    }

    double probability(double[] x) {
        return 1 / (1 + Math.exp(-margin(x)));
    }

    int size() {
        return trees.length;
    }

    /** Per feature, the loss reduction of all the splits on it (XGBoost's "total gain" importance). */
    double[] importance() {
        double[] out = new double[features];
        for (Tree tree : trees) {
            for (int node = 0; node < tree.left().length; node++) {
                if (tree.left()[node] >= 0) {
                    out[tree.feature()[node]] += tree.gain()[node];
                }
            }
        }
        return out;
    }

    private static int[] ints(JsonNode array) {
        int[] out = new int[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asInt();
        }
        return out;
    }

    private static float[] floats(JsonNode array) {
        float[] out = new float[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) array.get(i).asDouble();
        }
        return out;
    }
}
