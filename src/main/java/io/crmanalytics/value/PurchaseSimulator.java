package io.crmanalytics.value;

import java.util.SplittableRandom;

/**
 * Draws customers from the BG/NBD and Gamma-Gamma processes with known parameters: the ground truth that parameter
 * recovery is tested and benchmarked against. Each customer's draws depend only on (seed, customer index), so a
 * population can be generated in parallel pieces and still be reproducible.
 */
public final class PurchaseSimulator {
    private final BgNbdModel purchases;
    private final GammaGammaModel spend;

    public PurchaseSimulator(BgNbdModel purchases, GammaGammaModel spend) {
        this.purchases = purchases;
        this.spend = spend;
    }

    /**
     * One customer observed for {@code T} time units after their first purchase: repeat count, time of the last
     * repeat purchase (0 if none), and the mean value of the repeat purchases (0 if none).
     */
    public record Customer(int x, double tx, double T, double monetaryValue) {
    }

    public Customer customer(long seed, long index, double T) {
        History history = history(seed, index, T);
        int x = history.times().length;
        double m = 0;
        for (double value : history.values()) {
            m += value / x;
        }
        return new Customer(x, x == 0 ? 0 : history.times()[x - 1], T, m);
    }

    /** The repeat purchases of one customer: times after the first purchase, and their values (if spend is modelled). */
    public record History(double[] times, double[] values) {
    }

    public History history(long seed, long index, double T) {
        SplittableRandom random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + index);
        // lambda ~ Gamma(shape r, rate alpha); p ~ Beta(a, b).
        double lambda = gamma(random, purchases.r()) / purchases.alpha();
        double ga = gamma(random, purchases.a());
        double p = ga / (ga + gamma(random, purchases.b()));
        java.util.List<Double> times = new java.util.ArrayList<>();
        double t = 0;
        while (true) {
            t += -Math.log(1 - random.nextDouble()) / lambda;
            if (t > T) {
                break;
            }
            times.add(t);
            if (random.nextDouble() < p) {
                break; // dropped out right after this purchase
            }
        }
        double[] values = new double[spend == null ? 0 : times.size()];
        if (spend != null && !times.isEmpty()) {
            // nu ~ Gamma(q, rate gamma); each value ~ Gamma(p, rate nu).
            double nu = gamma(random, spend.q()) / spend.gamma();
            for (int i = 0; i < values.length; i++) {
                values[i] = gamma(random, spend.p()) / nu;
            }
        }
        return new History(times.stream().mapToDouble(Double::doubleValue).toArray(), values);
    }

    /** Gamma(shape, 1) by Marsaglia and Tsang (2000), with the shape < 1 boost U^(1/shape). */
    static double gamma(SplittableRandom random, double shape) {
        if (shape < 1) {
            return gamma(random, shape + 1) * Math.pow(random.nextDouble(), 1 / shape);
        }
        double d = shape - 1.0 / 3;
        double c = 1 / Math.sqrt(9 * d);
        while (true) {
            double z = normal(random);
            double v = 1 + c * z;
            if (v <= 0) {
                continue;
            }
            v = v * v * v;
            double u = random.nextDouble();
            if (Math.log(u) < 0.5 * z * z + d - d * v + d * Math.log(v)) {
                return d * v;
            }
        }
    }

    private static double normal(SplittableRandom random) {
        double u1 = 1 - random.nextDouble();
        double u2 = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }
}
