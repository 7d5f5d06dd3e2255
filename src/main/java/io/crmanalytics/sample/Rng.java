package io.crmanalytics.sample;

import java.util.List;
import java.util.SplittableRandom;

/**
 * The generator's random source with the few distributions it needs. Every customer gets its own instance
 * seeded from (run seed, customer index), so the output does not depend on how customers are split into
 * partitions or threads.
 */
final class Rng {
    private final SplittableRandom random;

    Rng(long seed) {
        this.random = new SplittableRandom(seed);
    }

    /** A well-mixed seed for stream {@code index} of the run seeded with {@code seed} (SplitMix64 finalizer). */
    static long mix(long seed, long index) {
        long z = seed * 0x9E3779B97F4A7C15L + index + 0x632BE59BD9B4E019L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    double uniform() {
        return random.nextDouble();
    }

    double uniform(double low, double high) {
        return low + (high - low) * random.nextDouble();
    }

    int nextInt(int bound) {
        return random.nextInt(bound);
    }

    /** Uniform integer in [low, high]. */
    int between(int low, int high) {
        return low + random.nextInt(high - low + 1);
    }

    boolean chance(double probability) {
        return random.nextDouble() < probability;
    }

    double exponential(double rate) {
        return -Math.log(1.0 - random.nextDouble()) / rate;
    }

    double normal() {
        double u1 = 1.0 - random.nextDouble();
        double u2 = random.nextDouble();
        return Math.sqrt(-2.0 * Math.log(u1)) * Math.cos(2.0 * Math.PI * u2);
    }

    double logNormal(double mu, double sigma) {
        return Math.exp(mu + sigma * normal());
    }

    /** Gamma with the given shape and rate (mean shape/rate): Marsaglia-Tsang, boosted for shape below 1. */
    double gamma(double shape, double rate) {
        if (shape < 1.0) {
            double boost = Math.pow(1.0 - random.nextDouble(), 1.0 / shape);
            return gamma(shape + 1.0, rate) * boost;
        }
        double d = shape - 1.0 / 3.0;
        double c = 1.0 / Math.sqrt(9.0 * d);
        while (true) {
            double x;
            double v;
            do {
                x = normal();
                v = 1.0 + c * x;
            } while (v <= 0);
            v = v * v * v;
            double u = random.nextDouble();
            if (u < 1.0 - 0.0331 * x * x * x * x || Math.log(u) < 0.5 * x * x + d * (1.0 - v + Math.log(v))) {
                return d * v / rate;
            }
        }
    }

    double beta(double a, double b) {
        double x = gamma(a, 1.0);
        double y = gamma(b, 1.0);
        return x / (x + y);
    }

    int poisson(double mean) {
        if (mean > 40) {
            return (int) Math.max(0, Math.round(mean + Math.sqrt(mean) * normal()));
        }
        double limit = Math.exp(-mean);
        int k = 0;
        double product = random.nextDouble();
        while (product > limit) {
            k++;
            product *= random.nextDouble();
        }
        return k;
    }

    /** Index drawn with probability proportional to {@code weights}. */
    int pick(double[] weights) {
        double total = 0;
        for (double w : weights) {
            total += w;
        }
        double target = random.nextDouble() * total;
        for (int i = 0; i < weights.length; i++) {
            target -= weights[i];
            if (target < 0) {
                return i;
            }
        }
        return weights.length - 1;
    }

    <T> T pick(List<T> items) {
        return items.get(random.nextInt(items.size()));
    }

    <T> T pick(T[] items) {
        return items[random.nextInt(items.length)];
    }
}
