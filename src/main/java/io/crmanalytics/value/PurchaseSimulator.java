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
        SplittableRandom random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + index);
        // lambda ~ Gamma(shape r, rate alpha); p ~ Beta(a, b).
        double lambda = gamma(random, purchases.r()) / purchases.alpha();
        double ga = gamma(random, purchases.a());
        double p = ga / (ga + gamma(random, purchases.b()));
        int x = 0;
        double tx = 0;
        double t = 0;
        while (true) {
            t += -Math.log(1 - random.nextDouble()) / lambda;
            if (t > T) {
                break;
            }
            x++;
            tx = t;
            if (random.nextDouble() < p) {
                break; // dropped out right after this purchase
            }
        }
        double m = 0;
        if (x > 0 && spend != null) {
            // nu ~ Gamma(q, rate gamma); each value ~ Gamma(p, rate nu).
            double nu = gamma(random, spend.q()) / spend.gamma();
            double total = 0;
            for (int i = 0; i < x; i++) {
                total += gamma(random, spend.p()) / nu;
            }
            m = total / x;
        }
        return new Customer(x, tx, T, m);
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
