package io.crmanalytics.sample;

import smile.math.special.Erf;
import smile.math.special.Gamma;

/**
 * The Bayes ceiling from observable data: E[true propensity | everything observable about the customer before
 * the cut-off], under the generator's own population parameters. The oracle ({@code true_probability}) reads the
 * latent state (alive, lambda, p, affinity); no model can, so this is what a perfect model could reach.
 *
 * <p>Observable and informative here: the purchase times before the cut-off (BG/NBD: x repeat purchases, the last
 * one t_x weeks after the first, T weeks of history), the categories of the order lines before the cut-off, and
 * the attributes the generator derives from the latent state (vip and loyalty_points from lambda, age_band from
 * electronics enthusiasm, newsletter_clicks from beauty enthusiasm). Nothing else the generator writes depends on
 * lambda, p or the affinities. Given the data, (lambda, alive), p and the affinities are independent a posteriori,
 * so E[P] = P(alive) * E_affinity[ E_{lambda, p | alive}[ (1 - e^(-lambda k w)) q / k ] ]:
 * <ul>
 * <li>lambda: trapezoid rule on a fine grid of log(lambda) (exact prior, BG/NBD and attribute likelihoods);</li>
 * <li>p | alive ~ Beta(a, b + x): Gauss-Legendre after p = t^(1/a), which removes the p^(a-1) singularity;</li>
 * <li>the inner expectation is a smooth function of q, interpolated on Chebyshev points;</li>
 * <li>affinity: the enthusiast states (4 combinations) are summed exactly with their posterior weights; given
 *     a state, the base preference's posterior is a finite mixture of Dirichlets (binomial expansion of the
 *     enthusiast's mixed-in weight), sampled from the customer's own random stream ({@link #SAMPLES} draws in all).</li>
 * </ul>
 * Checked against importance sampling from the prior in {@code PropensityPosteriorTest}.
 */
final class PropensityPosterior {
    /** Affinity samples per customer, shared among the enthusiast states in proportion to their weight. */
    static final int SAMPLES = 4096;
    private static final int MIN_SAMPLES_PER_STATE = 128;
    /** The inner expectation is tabulated this finely in q and read by linear interpolation. */
    private static final int TABLE = 4096;

    private static final int CATEGORIES = Truth.CATEGORIES.size();
    private static final int ELECTRONICS = Truth.CATEGORIES.indexOf("electronics");
    private static final int BEAUTY = Truth.CATEGORIES.indexOf("beauty");
    private static final double WINDOW_WEEKS = Truth.PROPENSITY_WINDOW_DAYS / 7.0;
    private static final double KEEP = 40; // log-weights this far below the maximum are dropped (e^-40)

    // log(lambda) grid with a node exactly at the VIP threshold, where the vip likelihood steps.
    private static final double GRID_STEP = 0.02;
    private static final double[] LAMBDA;
    private static final double[] LOG_LAMBDA;
    private static final double[] LOG_LAMBDA_VIP;
    private static final double[] LOG_LAMBDA_NOT_VIP;

    private static final int P_NODES = 48;
    private static final double[] GL_T = new double[P_NODES];
    private static final double[] GL_W = new double[P_NODES];

    private static final int CHEB = 64;
    private static final double[] CHEB_X = new double[CHEB];
    private static final double[] CHEB_V = new double[CHEB];

    static {
        double pivot = Math.log(Truth.VIP_RATE_THRESHOLD);
        int from = (int) Math.ceil((Math.log(1e-8) - pivot) / GRID_STEP);
        int to = (int) Math.floor((Math.log(50) - pivot) / GRID_STEP);
        int n = to - from + 1;
        LAMBDA = new double[n];
        LOG_LAMBDA = new double[n];
        LOG_LAMBDA_VIP = new double[n];
        LOG_LAMBDA_NOT_VIP = new double[n];
        for (int i = 0; i < n; i++) {
            LOG_LAMBDA[i] = pivot + (from + i) * GRID_STEP;
            LAMBDA[i] = Math.exp(LOG_LAMBDA[i]);
            // At the step itself the trapezoid rule wants the mean of the two one-sided limits.
            double vipShare = from + i == 0 ? (Truth.VIP_SHARE_FREQUENT + Truth.VIP_SHARE_OTHER) / 2
                    : from + i > 0 ? Truth.VIP_SHARE_FREQUENT : Truth.VIP_SHARE_OTHER;
            LOG_LAMBDA_VIP[i] = Math.log(vipShare);
            LOG_LAMBDA_NOT_VIP[i] = Math.log(1 - vipShare);
        }
        gaussLegendre(GL_T, GL_W);
        for (int j = 0; j < CHEB; j++) {
            double angle = (2 * j + 1) * Math.PI / (2 * CHEB);
            CHEB_X[j] = (1 + Math.cos(angle)) / 2;
            CHEB_V[j] = ((j & 1) == 0 ? 1 : -1) * Math.sin(angle);
        }
    }

    private PropensityPosterior() {
    }

    /** The attribute values the generator drew from the customer's latent state. */
    record Signals(boolean vip, long loyaltyPoints, int ageBand, int newsletterClicks) {
    }

    /**
     * What is observable before the cut-off.
     *
     * @param repeatPurchases x: purchases after the first one, before the cut-off
     * @param lastPurchaseWeeks t_x: weeks from the first purchase to the last one before the cut-off (0 if x = 0)
     * @param historyWeeks      T: weeks from the first purchase to the cut-off
     * @param lineCounts        order lines per category (Truth.CATEGORIES order) of the orders before the cut-off
     */
    record History(int repeatPurchases, double lastPurchaseWeeks, double historyWeeks, int[] lineCounts,
                   Signals signals) {
    }

    /** Posterior probability of buying in each category in the window after the cut-off (Truth.CATEGORIES order). */
    static double[] probabilities(History history, Rng rng) {
        LambdaPosterior lambda = LambdaPosterior.of(history);
        double[] inner = innerExpectation(lambda, Truth.BGNBD_B + history.repeatPurchases());
        double[] mean = affinityExpectation(history, inner, rng);
        double[] out = new double[CATEGORIES];
        for (int c = 0; c < CATEGORIES; c++) {
            out[c] = Math.min(1.0, Math.max(0.0, lambda.probabilityAlive() * mean[c]));
        }
        return out;
    }

    /** P(alive) and the posterior of lambda given alive, as normalized weights on the grid. */
    private record LambdaPosterior(double probabilityAlive, double[] lambdas, double[] weights) {
        static LambdaPosterior of(History h) {
            int x = h.repeatPurchases();
            int n = LAMBDA.length;
            double[] logAlive = new double[n];
            double[] logDead = new double[n];
            double max = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < n; i++) {
                double lambda = LAMBDA[i];
                // Gamma(r, alpha) prior in log(lambda) (the Jacobian adds one power), lambda^x from the purchases.
                double base = (Truth.BGNBD_R + x) * LOG_LAMBDA[i] - Truth.BGNBD_ALPHA * lambda
                        + (h.signals().vip() ? LOG_LAMBDA_VIP[i] : LOG_LAMBDA_NOT_VIP[i])
                        + logLoyalty(h.signals().loyaltyPoints(), LOG_LAMBDA[i]);
                logAlive[i] = base - h.historyWeeks() * lambda;
                logDead[i] = base - h.lastPurchaseWeeks() * lambda;
                max = Math.max(max, Math.max(logAlive[i], x > 0 ? logDead[i] : Double.NEGATIVE_INFINITY));
            }
            double alive = 0;
            double dead = 0;
            int kept = 0;
            for (int i = 0; i < n; i++) {
                if (logAlive[i] > max - KEEP) {
                    kept++;
                }
            }
            double[] lambdas = new double[kept];
            double[] weights = new double[kept];
            int k = 0;
            for (int i = 0; i < n; i++) {
                double wAlive = Math.exp(logAlive[i] - max);
                alive += wAlive;
                if (x > 0) {
                    dead += Math.exp(logDead[i] - max);
                }
                if (logAlive[i] > max - KEEP) {
                    lambdas[k] = LAMBDA[i];
                    weights[k++] = wAlive;
                }
            }
            for (int i = 0; i < kept; i++) {
                weights[i] /= alive;
            }
            // p integrated out: alive needs (1-p)^x, dead p (1-p)^(x-1): Beta-function ratio a / (b + x - 1).
            double deadFactor = x > 0 ? Truth.BGNBD_A / (Truth.BGNBD_B + x - 1) : 0.0;
            return new LambdaPosterior(alive / (alive + deadFactor * dead), lambdas, weights);
        }
    }

    /** log P(round(SCALE sqrt(lambda / REF) LogNormal(0, SIGMA)) = points). */
    static double logLoyalty(long points, double logLambda) {
        double mu = Math.log(Truth.LOYALTY_SCALE) + 0.5 * (logLambda - Math.log(Truth.LOYALTY_REFERENCE_RATE));
        double hi = (Math.log(points + 0.5) - mu) / Truth.LOYALTY_SIGMA;
        if (points == 0) {
            return Math.log(normalBelow(hi));
        }
        double lo = (Math.log(points - 0.5) - mu) / Truth.LOYALTY_SIGMA;
        // Difference of tail areas on the side where both are small, so far tails keep their precision.
        double mass = lo > 0 ? normalBelow(-lo) - normalBelow(-hi) : normalBelow(hi) - normalBelow(lo);
        return Math.log(Math.max(mass, Double.MIN_NORMAL));
    }

    private static double normalBelow(double z) {
        return 0.5 * Erf.erfc(-z / Math.sqrt(2));
    }

    /**
     * E_{lambda, p | alive}[(1 - e^(-lambda k w)) q / k] with k = q + (1 - q) p, as a function of q on [0, 1].
     * psi(k) = E_lambda[(1 - e^(-lambda k w)) / k] is tabulated first, then the p-average for each tabulated q.
     */
    private static double[] innerExpectation(LambdaPosterior lambda, double betaOfP) {
        double[] psi = new double[CHEB];
        for (int j = 0; j < CHEB; j++) {
            double k = CHEB_X[j];
            double sum = 0;
            for (int i = 0; i < lambda.lambdas().length; i++) {
                sum -= lambda.weights()[i] * Math.expm1(-lambda.lambdas()[i] * WINDOW_WEEKS * k);
            }
            psi[j] = sum / k;
        }
        Interpolant psiOfK = new Interpolant(psi);
        // p | alive ~ Beta(a, b + x); with p = t^(1/a): density in t proportional to (1 - t^(1/a))^(b + x - 1).
        double[] p = new double[P_NODES];
        double[] w = new double[P_NODES];
        double total = 0;
        for (int i = 0; i < P_NODES; i++) {
            p[i] = Math.pow(GL_T[i], 1 / Truth.BGNBD_A);
            w[i] = GL_W[i] * Math.exp((betaOfP - 1) * Math.log1p(-p[i]));
            total += w[i];
        }
        double[] g = new double[CHEB];
        for (int j = 0; j < CHEB; j++) {
            double q = CHEB_X[j];
            double sum = 0;
            for (int i = 0; i < P_NODES; i++) {
                sum += w[i] * psiOfK.at(q + (1 - q) * p[i]);
            }
            g[j] = q * sum / total;
        }
        Interpolant smooth = new Interpolant(g);
        double[] table = new double[TABLE + 1];
        for (int i = 0; i <= TABLE; i++) {
            table[i] = smooth.at(i / (double) TABLE);
        }
        return table;
    }

    private static double lookup(double[] table, double q) {
        double position = q * TABLE;
        int i = Math.min(TABLE - 1, (int) position);
        double fraction = position - i;
        return table[i] + fraction * (table[i + 1] - table[i]);
    }

    /** Per category, E[inner(q_c)] over the posterior of the affinities. */
    private static double[] affinityExpectation(History h, double[] inner, Rng rng) {
        int[] n = h.lineCounts();
        double[] stateLog = new double[4];
        Mixture[] mixtures = new Mixture[4];
        double max = Double.NEGATIVE_INFINITY;
        for (int state = 0; state < 4; state++) {
            boolean electronicsFan = (state & 1) != 0;
            boolean beautyFan = (state & 2) != 0;
            mixtures[state] = Mixture.of(n, electronicsFan, beautyFan);
            double[] ageShare = electronicsFan ? Truth.ELECTRONICS_FAN_AGE_SHARE : Truth.OTHER_AGE_SHARE;
            double clicks = beautyFan ? Truth.BEAUTY_FAN_CLICKS : Truth.OTHER_CLICKS;
            int k = h.signals().newsletterClicks();
            stateLog[state] = Math.log(electronicsFan ? Truth.ENTHUSIAST_SHARE : 1 - Truth.ENTHUSIAST_SHARE)
                    + Math.log(beautyFan ? Truth.ENTHUSIAST_SHARE : 1 - Truth.ENTHUSIAST_SHARE)
                    + Math.log(ageShare[h.signals().ageBand()] / sum(ageShare))
                    + k * Math.log(clicks) - clicks - Gamma.lgamma(k + 1.0)
                    + mixtures[state].logMarginal();
            max = Math.max(max, stateLog[state]);
        }
        double total = 0;
        for (int state = 0; state < 4; state++) {
            stateLog[state] = Math.exp(stateLog[state] - max);
            total += stateLog[state];
        }
        double[] out = new double[CATEGORIES];
        double[] base = new double[CATEGORIES];
        for (int state = 0; state < 4; state++) {
            double weight = stateLog[state] / total;
            if (weight < 1e-12) {
                continue;
            }
            Mixture mixture = mixtures[state];
            int samples = Math.max(MIN_SAMPLES_PER_STATE, (int) Math.round(SAMPLES * weight));
            double[] sum = new double[CATEGORIES];
            for (int s = 0; s < samples; s++) {
                mixture.sample(rng, base);
                for (int c = 0; c < CATEGORIES; c++) {
                    double affinity = mixture.scale * base[c] + mixture.shift[c];
                    sum[c] += lookup(inner, orderContains(affinity));
                }
            }
            for (int c = 0; c < CATEGORIES; c++) {
                out[c] += weight * sum[c] / samples;
            }
        }
        return out;
    }

    /** q: probability that an order has at least one line in a category of preference {@code affinity}. */
    static double orderContains(double affinity) {
        double none = 0;
        for (int lines = 1; lines <= Truth.LINES_PER_ORDER.length; lines++) {
            none += Truth.LINES_PER_ORDER[lines - 1] * Math.pow(1 - affinity, lines);
        }
        return Math.min(1.0, Math.max(0.0, 1 - none));
    }

    private static double sum(double[] values) {
        double s = 0;
        for (double v : values) {
            s += v;
        }
        return s;
    }

    /**
     * Affinity = scale * base + shift for one enthusiast state (base ~ Dirichlet(concentration * popularity)).
     * Its likelihood prod_c affinity_c^n_c expands binomially in the enthusiast categories' counts: term (j, l)
     * takes j of the electronics lines (and l of the beauty lines) from the base preference and the rest from
     * the mixed-in weight, so the posterior of base is a mixture of Dirichlet(alpha + n(j, l)).
     */
    private static final class Mixture {
        final double scale;
        final double[] shift = new double[CATEGORIES];
        final int[][] counts;     // per component, the Dirichlet's added counts
        final double[] cumulative; // component sampling distribution
        final double logMarginal;  // log E_base[prod affinity^n]

        private Mixture(double scale, int[][] counts, double[] logWeights) {
            this.scale = scale;
            this.counts = counts;
            double max = Double.NEGATIVE_INFINITY;
            for (double w : logWeights) {
                max = Math.max(max, w);
            }
            double total = 0;
            cumulative = new double[logWeights.length];
            for (int i = 0; i < logWeights.length; i++) {
                total += Math.exp(logWeights[i] - max);
                cumulative[i] = total;
            }
            for (int i = 0; i < cumulative.length; i++) {
                cumulative[i] /= total;
            }
            logMarginal = max + Math.log(total);
        }

        double logMarginal() {
            return logMarginal;
        }

        static Mixture of(int[] n, boolean electronicsFan, boolean beautyFan) {
            double w = Truth.ENTHUSIAST_WEIGHT;
            double scale = 1;
            double shiftElectronics = 0;
            double shiftBeauty = 0;
            // The generator mixes electronics first, then beauty: 0.4 (0.4 base + 0.6 e_E) + 0.6 e_B.
            if (electronicsFan) {
                scale *= 1 - w;
                shiftElectronics = w;
            }
            if (beautyFan) {
                scale *= 1 - w;
                shiftElectronics *= 1 - w;
                shiftBeauty = w;
            }
            int others = 0;
            for (int c = 0; c < CATEGORIES; c++) {
                if (c != ELECTRONICS && c != BEAUTY) {
                    others += n[c];
                }
            }
            int nE = n[ELECTRONICS];
            int nB = n[BEAUTY];
            int fromE = electronicsFan ? 0 : nE;
            int fromB = beautyFan ? 0 : nB;
            int size = (nE - fromE + 1) * (nB - fromB + 1);
            int[][] counts = new int[size][];
            double[] logWeights = new double[size];
            int k = 0;
            for (int j = fromE; j <= nE; j++) {
                for (int l = fromB; l <= nB; l++) {
                    int[] added = n.clone();
                    added[ELECTRONICS] = j;
                    added[BEAUTY] = l;
                    double log = logChoose(nE, j) + logChoose(nB, l) + (others + j + l) * Math.log(scale)
                            + (nE - j) * safeLog(shiftElectronics) + (nB - l) * safeLog(shiftBeauty)
                            + logDirichletMoment(added);
                    counts[k] = added;
                    logWeights[k++] = log;
                }
            }
            Mixture mixture = new Mixture(scale, counts, logWeights);
            mixture.shift[ELECTRONICS] = shiftElectronics;
            mixture.shift[BEAUTY] = shiftBeauty;
            return mixture;
        }

        void sample(Rng rng, double[] base) {
            double u = rng.uniform();
            int component = 0;
            while (component < cumulative.length - 1 && cumulative[component] <= u) {
                component++;
            }
            int[] added = counts[component];
            double total = 0;
            for (int c = 0; c < CATEGORIES; c++) {
                base[c] = rng.gamma(alpha(c) + added[c], 1.0);
                total += base[c];
            }
            for (int c = 0; c < CATEGORIES; c++) {
                base[c] /= total;
            }
        }

        private static double safeLog(double v) {
            return v > 0 ? Math.log(v) : 0.0; // only reached with a zero exponent when v = 0
        }
    }

    private static double alpha(int category) {
        return Truth.AFFINITY_CONCENTRATION * Truth.CATEGORY_POPULARITY[category];
    }

    /** log E[prod base_c^m_c] under Dirichlet(alpha). */
    private static double logDirichletMoment(int[] m) {
        double alpha0 = 0;
        int total = 0;
        double log = 0;
        for (int c = 0; c < CATEGORIES; c++) {
            alpha0 += alpha(c);
            total += m[c];
            log += Gamma.lgamma(alpha(c) + m[c]) - Gamma.lgamma(alpha(c));
        }
        return log + Gamma.lgamma(alpha0) - Gamma.lgamma(alpha0 + total);
    }

    private static double logChoose(int n, int k) {
        return Gamma.lgamma(n + 1.0) - Gamma.lgamma(k + 1.0) - Gamma.lgamma(n - k + 1.0);
    }

    /** Gauss-Legendre nodes and weights on [0, 1] (Newton on the Legendre polynomial). */
    private static void gaussLegendre(double[] nodes, double[] weights) {
        int n = nodes.length;
        for (int i = 0; i < n; i++) {
            double x = Math.cos(Math.PI * (i + 0.75) / (n + 0.5));
            double derivative = 0;
            for (int iteration = 0; iteration < 100; iteration++) {
                double p0 = 1;
                double p1 = x;
                for (int k = 2; k <= n; k++) {
                    double p2 = ((2 * k - 1) * x * p1 - (k - 1) * p0) / k;
                    p0 = p1;
                    p1 = p2;
                }
                derivative = n * (x * p1 - p0) / (x * x - 1);
                double step = p1 / derivative;
                x -= step;
                if (Math.abs(step) < 1e-15) {
                    break;
                }
            }
            nodes[i] = (1 - x) / 2;
            weights[i] = 1 / ((1 - x * x) * derivative * derivative);
        }
    }

    /** Barycentric interpolation on the Chebyshev points of the first kind on [0, 1]. */
    private static final class Interpolant {
        private final double[] values;

        Interpolant(double[] values) {
            this.values = values;
        }

        double at(double t) {
            double numerator = 0;
            double denominator = 0;
            for (int j = 0; j < CHEB; j++) {
                double d = t - CHEB_X[j];
                if (d == 0) {
                    return values[j];
                }
                double v = CHEB_V[j] / d;
                numerator += v * values[j];
                denominator += v;
            }
            return numerator / denominator;
        }
    }
}
