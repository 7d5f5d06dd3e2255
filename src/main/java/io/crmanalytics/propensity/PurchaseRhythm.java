package io.crmanalytics.propensity;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.log;
import static org.apache.spark.sql.functions.pow;
import static org.apache.spark.sql.functions.when;

import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import smile.math.special.Gamma;

/**
 * BG/NBD features fitted inside the job at each cut-off, from the order history before it only: the customer-base
 * model's probability that the customer is still active and the probability of at least one order in the outcome
 * window, then per category the same probability for an order that contains the category. These are what the
 * best possible predictor computes from frequency, recency and age (lifetimes' vocabulary: frequency x, recency
 * t_x, age T), which neither logistic regression nor shallow trees can form from the raw counts.
 *
 * <p>Population parameters (r, alpha, a, b) are fitted by maximum likelihood (Nelder-Mead on their logs) on at
 * most {@link #FIT_SAMPLE} customers collected to the driver, so the cost does not grow with the customer base;
 * time unit: week. The per-customer features are then plain column expressions.
 */
final class PurchaseRhythm {
    static final int FIT_SAMPLE = 20_000;
    static final int MIN_CUSTOMERS = 30;
    private static final double LOG_LOWER = Math.log(1e-3);
    private static final double LOG_UPPER = Math.log(1e3);
    /** Strength of the prior for a customer's share of orders in a category, in orders (shrinks short histories). */
    static final double SHARE_PRIOR_ORDERS = 2.0;
    private static final double FLOOR = 1e-6;

    /** BG/NBD population parameters: lambda ~ Gamma(r, alpha) per week, dropout p ~ Beta(a, b). */
    record Params(double r, double alpha, double a, double b) {
    }

    private PurchaseRhythm() {
    }

    /**
     * Fits the parameters on customers' (x, t_x, T) in weeks. Null when fewer than {@link #MIN_CUSTOMERS}
     * customers have ordered. The rows are sorted first, so the same histories always give the same parameters
     * whatever order they arrive in.
     */
    static Params fit(List<double[]> histories) {
        if (histories.size() < MIN_CUSTOMERS) {
            return null;
        }
        List<double[]> sorted = new java.util.ArrayList<>(histories);
        sorted.sort(java.util.Comparator.<double[]>comparingDouble(h -> h[0]).thenComparingDouble(h -> h[1])
                .thenComparingDouble(h -> h[2]));
        double[] x = new double[sorted.size()];
        double[] tx = new double[sorted.size()];
        double[] t = new double[sorted.size()];
        for (int i = 0; i < sorted.size(); i++) {
            x[i] = sorted.get(i)[0];
            tx[i] = sorted.get(i)[1];
            t[i] = Math.max(sorted.get(i)[2], 1e-3);
        }
        // Bounded: without heterogeneity in rates (or without dropout) the likelihood keeps rising towards
        // r, alpha -> infinity (a -> 0); the bounds stop there, where the features are already at their limit.
        double[] best = NelderMead.minimize(v -> inBounds(v)
                ? -logLikelihood(Math.exp(v[0]), Math.exp(v[1]), Math.exp(v[2]), Math.exp(v[3]), x, tx, t)
                : Double.MAX_VALUE, new double[] {0, Math.log(5), 0, 0}, 2000);
        return new Params(Math.exp(best[0]), Math.exp(best[1]), Math.exp(best[2]), Math.exp(best[3]));
    }

    private static boolean inBounds(double[] logParams) {
        for (double v : logParams) {
            if (v < LOG_LOWER || v > LOG_UPPER) {
                return false;
            }
        }
        return true;
    }

    /** Fader, Hardie and Lee (2005), summed over the customers. */
    static double logLikelihood(double r, double alpha, double a, double b, double[] x, double[] tx, double[] t) {
        double constant = Gamma.lgamma(a + b) - Gamma.lgamma(b) - Gamma.lgamma(r) + r * Math.log(alpha);
        double sum = 0;
        for (int i = 0; i < x.length; i++) {
            double rx = r + x[i];
            double alive = -rx * Math.log(alpha + t[i]);
            double ll = alive;
            if (x[i] > 0) {
                double dead = Math.log(a / (b + x[i] - 1)) - rx * Math.log(alpha + tx[i]);
                double m = Math.max(alive, dead);
                ll = m + Math.log(Math.exp(alive - m) + Math.exp(dead - m));
            }
            sum += Gamma.lgamma(rx) + Gamma.lgamma(b + x[i]) - Gamma.lgamma(a + b + x[i]) + ll;
        }
        double value = constant * x.length + sum;
        return Double.isFinite(value) ? value : Double.NEGATIVE_INFINITY;
    }

    private static final String R = "_bg_r";
    private static final String ALPHA = "_bg_alpha";
    private static final String A = "_bg_a";
    private static final String B_MINUS_1 = "_bg_b_minus_1";
    private static final String A_PLUS_B = "_bg_a_plus_b";
    private static final String SHARE = "_bg_share_";

    /**
     * Adds the features (names appended to {@code numeric}): {@code rhythm_p_alive},
     * {@code rhythm_p_order_window}, {@code rhythm_rate_per_week}, their logs, and per category
     * {@code cat_<key>_p_window} (and its log): P(alive) (1 - E[e^(-lambda k w)]) q / k with q the customer's
     * shrunken share of orders containing the category and k = q + (1 - q) E[p], the rate at which the first order
     * that contains the category or ends the customer's activity comes.
     *
     * <p>The rows are keyed by {@link CustomerFeatures#CUTOFF}, and each cut-off has its own parameters and
     * population shares: each becomes a column (a literal chosen by the row's cut-off), dropped again once the
     * features are computed.
     *
     * @param params        the parameters at each cut-off of the rows (every cut-off must have them)
     * @param categoryShare per cut-off, the population's share of orders that contain each category
     */
    static Dataset<Row> withFeatures(Dataset<Row> rows, java.util.Map<java.time.LocalDate, Params> params,
                                     java.util.Map<java.time.LocalDate, java.util.Map<String, Double>> categoryShare,
                                     int windowDays, List<String> categoryKeys, List<String> numeric) {
        // b - 1 and a + b are formed here, in double, as the expressions with literal parameters took them.
        Dataset<Row> withParams = rows
                .withColumn(R, byCutoff(params, Params::r))
                .withColumn(ALPHA, byCutoff(params, Params::alpha))
                .withColumn(A, byCutoff(params, Params::a))
                .withColumn(B_MINUS_1, byCutoff(params, p -> p.b() - 1))
                .withColumn(A_PLUS_B, byCutoff(params, p -> p.a() + p.b()));
        for (String key : categoryKeys) {
            withParams = withParams.withColumn(SHARE + key,
                    byCutoff(categoryShare, shares -> shares.getOrDefault(key, 0.0)));
        }

        double w = windowDays / 7.0;
        Column ordered = col("order_count").geq(1);
        Column x = greatest(col("order_count").minus(1), lit(0.0));
        Column t = greatest(col("days_since_first_order").divide(7.0), lit(1e-3));
        Column tx = col("days_since_first_order").minus(col("days_since_last_order")).divide(7.0);
        Column rx = x.plus(col(R));
        Column aliveT = col(ALPHA).plus(t);
        Column pAlive = when(x.gt(0), lit(1.0).divide(lit(1.0).plus(col(A).divide(x.plus(col(B_MINUS_1)))
                .multiply(pow(aliveT.divide(tx.plus(col(ALPHA))), rx))))).otherwise(lit(1.0));
        Column pAny = pAlive.multiply(lit(1.0).minus(pow(aliveT.divide(aliveT.plus(w)), rx)));
        Column dropoutMean = col(A).divide(x.plus(col(A_PLUS_B)));
        Dataset<Row> out = withParams
                .withColumn("rhythm_p_alive", when(ordered, pAlive).otherwise(lit(0.0)))
                .withColumn("rhythm_p_order_window", when(ordered, pAny).otherwise(lit(0.0)))
                .withColumn("rhythm_rate_per_week", when(ordered, rx.divide(aliveT)).otherwise(lit(0.0)));
        numeric.addAll(List.of("rhythm_p_alive", "rhythm_p_order_window", "rhythm_rate_per_week"));
        for (String name : List.of("rhythm_p_alive", "rhythm_p_order_window", "rhythm_rate_per_week")) {
            out = out.withColumn(name + "_log", log(greatest(col(name), lit(FLOOR))));
            numeric.add(name + "_log");
        }
        // The customer's share of orders with the category, shrunk towards the population's share.
        for (String key : categoryKeys) {
            String p = "cat_" + key + "_";
            Column q = col(p + "orders").plus(col(SHARE + key).multiply(SHARE_PRIOR_ORDERS))
                    .divide(col("order_count").plus(SHARE_PRIOR_ORDERS));
            Column k = greatest(q.plus(lit(1.0).minus(q).multiply(dropoutMean)), lit(FLOOR));
            Column pWindow = pAlive.multiply(lit(1.0).minus(pow(aliveT.divide(aliveT.plus(k.multiply(w))), rx)))
                    .multiply(q).divide(k);
            out = out.withColumn(p + "p_window", when(ordered, pWindow).otherwise(lit(0.0)))
                    .withColumn(p + "p_window_log", log(greatest(col(p + "p_window"), lit(FLOOR))));
            numeric.addAll(List.of(p + "p_window", p + "p_window_log"));
        }
        List<String> parameters = new java.util.ArrayList<>(List.of(R, ALPHA, A, B_MINUS_1, A_PLUS_B));
        categoryKeys.forEach(key -> parameters.add(SHARE + key));
        return out.drop(parameters.toArray(String[]::new));
    }

    /** A literal per cut-off, chosen by the row's cut-off (null for a cut-off not in the map). */
    private static <T> Column byCutoff(java.util.Map<java.time.LocalDate, T> perCutoff,
                                       java.util.function.ToDoubleFunction<T> value) {
        Column out = null;
        for (java.util.Map.Entry<java.time.LocalDate, T> e : perCutoff.entrySet()) {
            Column is = col(CustomerFeatures.CUTOFF).equalTo(lit(java.sql.Date.valueOf(e.getKey())));
            Column v = lit(value.applyAsDouble(e.getValue()));
            out = out == null ? when(is, v) : out.when(is, v);
        }
        return out;
    }

    /** Derivative-free minimization (Nelder-Mead simplex with the standard coefficients). */
    static final class NelderMead {
        private NelderMead() {
        }

        static double[] minimize(java.util.function.ToDoubleFunction<double[]> f, double[] start, int maxEvaluations) {
            int n = start.length;
            double[][] simplex = new double[n + 1][];
            double[] values = new double[n + 1];
            simplex[0] = start.clone();
            for (int i = 0; i < n; i++) {
                simplex[i + 1] = start.clone();
                simplex[i + 1][i] += 0.5;
            }
            for (int i = 0; i <= n; i++) {
                values[i] = safe(f.applyAsDouble(simplex[i]));
            }
            int evaluations = n + 1;
            while (evaluations < maxEvaluations) {
                Integer[] order = new Integer[n + 1];
                for (int i = 0; i <= n; i++) {
                    order[i] = i;
                }
                final double[] v = values;
                java.util.Arrays.sort(order, (i, j) -> Double.compare(v[i], v[j]));
                double[][] s = new double[n + 1][];
                double[] sv = new double[n + 1];
                for (int i = 0; i <= n; i++) {
                    s[i] = simplex[order[i]];
                    sv[i] = values[order[i]];
                }
                simplex = s;
                values = sv;
                if (Math.abs(values[n] - values[0]) <= 1e-9 * (Math.abs(values[0]) + 1e-9)) {
                    break;
                }
                double[] centroid = new double[n];
                for (int i = 0; i < n; i++) {
                    for (int d = 0; d < n; d++) {
                        centroid[d] += simplex[i][d] / n;
                    }
                }
                double[] reflected = along(centroid, simplex[n], -1.0);
                double fr = safe(f.applyAsDouble(reflected));
                evaluations++;
                if (fr < values[0]) {
                    double[] expanded = along(centroid, simplex[n], -2.0);
                    double fe = safe(f.applyAsDouble(expanded));
                    evaluations++;
                    simplex[n] = fe < fr ? expanded : reflected;
                    values[n] = Math.min(fe, fr);
                } else if (fr < values[n - 1]) {
                    simplex[n] = reflected;
                    values[n] = fr;
                } else {
                    double[] contracted = along(centroid, simplex[n], fr < values[n] ? -0.5 : 0.5);
                    double fc = safe(f.applyAsDouble(contracted));
                    evaluations++;
                    if (fc < Math.min(fr, values[n])) {
                        simplex[n] = contracted;
                        values[n] = fc;
                    } else {
                        for (int i = 1; i <= n; i++) {
                            simplex[i] = along(simplex[0], simplex[i], 0.5);
                            values[i] = safe(f.applyAsDouble(simplex[i]));
                        }
                        evaluations += n;
                    }
                }
            }
            int best = 0;
            for (int i = 1; i <= n; i++) {
                if (values[i] < values[best]) {
                    best = i;
                }
            }
            return simplex[best];
        }

        /** centroid + factor * (point - centroid). */
        private static double[] along(double[] centroid, double[] point, double factor) {
            double[] out = new double[centroid.length];
            for (int d = 0; d < out.length; d++) {
                out[d] = centroid[d] + factor * (point[d] - centroid[d]);
            }
            return out;
        }

        private static double safe(double value) {
            return Double.isFinite(value) ? value : Double.MAX_VALUE;
        }
    }
}
