package io.crmanalytics.propensity;

import io.crmanalytics.core.Progress;
import java.util.Locale;
import java.util.Random;

/**
 * The in-memory model search alone, at the size the warehouse job trains on at 1 M customers (the 100,000-row cap,
 * 134 encoded features): seeded rows with a logistic truth (main effects, one interaction, a 12 % base rate),
 * then {@link ModelSearch#search} with the default grid, ROUNDS times. The progress lines give the logistic
 * regression's path and the trees apart; the last line sums the rounds. No Spark: the search runs on the driver.
 *
 * <p>Usage: {@code ModelSearchBenchmark [ROWS [FEATURES [ROUNDS]]]} (defaults 100000, 134, 3);
 * bench/propensity/search-speed.sh runs it in several checkouts, interleaved.
 */
public final class ModelSearchBenchmark {
    public static void main(String[] args) {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int features = args.length > 1 ? Integer.parseInt(args[1]) : 134;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        ModelSearch.Rows data = rows(rows, features, 20261204L);
        Progress progress = Progress.toStderr();
        double total = 0;
        for (int round = 1; round <= rounds; round++) {
            long start = System.nanoTime();
            var candidates = ModelSearch.search(data, SearchOptions.defaults(), progress);
            double seconds = (System.nanoTime() - start) / 1e9;
            total += seconds;
            System.out.printf(Locale.ROOT, "round %d: search %.1f s; stopping-fold AUC %s %.4f, %s %.4f%n", round,
                    seconds, candidates.get(0).family(), candidates.get(0).stoppingAuc(), candidates.get(1).family(),
                    candidates.get(1).stoppingAuc());
        }
        System.out.printf(Locale.ROOT, "%d rows x %d features, %d rounds: search %.1f s in all%n", rows, features,
                rounds, total);
    }

    /** A third of the features binary (as encoded categories are), the rest Gaussian; six carry the signal. */
    static ModelSearch.Rows rows(int n, int p, long seed) {
        Random random = new Random(seed);
        double[][] x = new double[n][p];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < p; j++) {
                x[i][j] = j % 3 == 0 ? (random.nextDouble() < 0.2 ? 1 : 0) : random.nextGaussian();
            }
            double logit = -2.4 + 0.6 * x[i][1] - 0.4 * x[i][2] + 0.8 * x[i][3] + 0.3 * x[i][4] * x[i][5]
                    + 0.2 * x[i][7];
            y[i] = random.nextDouble() < 1 / (1 + Math.exp(-logit)) ? 1 : 0;
        }
        return new ModelSearch.Rows(x, y);
    }
}
