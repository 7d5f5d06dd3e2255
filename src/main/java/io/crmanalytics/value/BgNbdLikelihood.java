package io.crmanalytics.value;

import java.util.Arrays;
import java.util.stream.IntStream;
import smile.math.special.Gamma;

/**
 * The BG/NBD log-likelihood summed over distinct (x, t_x, T) tuples with their customer counts, with its analytic
 * gradient. The gamma-function terms depend on x only and the power terms on one time each, so they are computed
 * once per distinct x and per distinct time; each tuple then costs one exp and one log. This is what lets ten
 * million customers fit on the driver in seconds. The per-tuple formula is {@link BgNbdModel#logLikelihood}.
 */
final class BgNbdLikelihood implements LogLikelihood {
    private static final int CHUNK = 1 << 14;

    private final double[] tupleXValue;
    private final double[] tupleTxValue;
    private final double[] tupleTValue;
    private final double[] xValues;   // distinct repeat counts
    private final double[] xWeights;  // customers per distinct repeat count
    private final double[] times;     // distinct values of t_x and T
    private final int[] tupleX;
    private final int[] tupleTx;
    private final int[] tupleT;
    private final double[] tupleWeight;
    private final double customers;

    /** One row per distinct tuple; {@code counts[i]} customers share tuple i. */
    BgNbdLikelihood(double[] x, double[] tx, double[] T, double[] counts) {
        int n = x.length;
        if (tx.length != n || T.length != n || counts.length != n) {
            throw new IllegalArgumentException("tuple arrays differ in length");
        }
        tupleXValue = x.clone();
        tupleTxValue = tx.clone();
        tupleTValue = T.clone();
        xValues = distinct(x);
        double[] allTimes = Arrays.copyOf(tx, 2 * n);
        System.arraycopy(T, 0, allTimes, n, n);
        times = distinct(allTimes);
        tupleX = new int[n];
        tupleTx = new int[n];
        tupleT = new int[n];
        tupleWeight = counts.clone();
        xWeights = new double[xValues.length];
        double total = 0;
        for (int i = 0; i < n; i++) {
            if (x[i] < 0 || tx[i] < 0 || tx[i] > T[i] || (x[i] == 0 && tx[i] != 0)) {
                throw new IllegalArgumentException("invalid BG/NBD tuple x=" + x[i] + " t_x=" + tx[i] + " T=" + T[i]);
            }
            tupleX[i] = Arrays.binarySearch(xValues, x[i]);
            tupleTx[i] = Arrays.binarySearch(times, tx[i]);
            tupleT[i] = Arrays.binarySearch(times, T[i]);
            xWeights[tupleX[i]] += counts[i];
            total += counts[i];
        }
        customers = total;
    }

    private static double[] distinct(double[] values) {
        return Arrays.stream(values).sorted().distinct().toArray();
    }

    @Override
    public LogLikelihood sample(int maxTuples, long seed) {
        int n = tupleWeight.length;
        if (n <= maxTuples) {
            return this;
        }
        double rate = (double) maxTuples / n;
        java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
        int[] keep = IntStream.range(0, n).filter(i -> random.nextDouble() < rate).toArray();
        double[] x = new double[keep.length];
        double[] tx = new double[keep.length];
        double[] T = new double[keep.length];
        double[] counts = new double[keep.length];
        for (int j = 0; j < keep.length; j++) {
            x[j] = tupleXValue[keep[j]];
            tx[j] = tupleTxValue[keep[j]];
            T[j] = tupleTValue[keep[j]];
            counts[j] = tupleWeight[keep[j]] / rate;
        }
        return new BgNbdLikelihood(x, tx, T, counts);
    }

    int tuples() {
        return tupleWeight.length;
    }

    @Override
    public int dimension() {
        return 4;
    }

    @Override
    public double customers() {
        return customers;
    }

    @Override
    public double value(double[] logParams, double[] gradient) {
        double r = Math.exp(logParams[0]);
        double alpha = Math.exp(logParams[1]);
        double a = Math.exp(logParams[2]);
        double b = Math.exp(logParams[3]);
        double logAlpha = Math.log(alpha);
        double logA = Math.log(a);

        int nx = xValues.length;
        double[] rx = new double[nx];
        double[] logBx1 = new double[nx];   // ln(b + x - 1), used only for x > 0
        double[] invBx1 = new double[nx];
        double sum = 0;
        double gR = 0;
        double gAlpha = 0;
        double gA = 0;
        double gB = 0;
        double lgR = Gamma.lgamma(r);
        double lgB = Gamma.lgamma(b);
        double lgAb = Gamma.lgamma(a + b);
        double psiR = Gamma.digamma(r);
        double psiB = Gamma.digamma(b);
        double psiAb = Gamma.digamma(a + b);
        for (int k = 0; k < nx; k++) {
            double x = xValues[k];
            double w = xWeights[k];
            rx[k] = r + x;
            if (x > 0) {
                logBx1[k] = Math.log(b + x - 1);
                invBx1[k] = 1 / (b + x - 1);
            }
            sum += w * (Gamma.lgamma(r + x) - lgR + r * logAlpha
                    + lgAb + Gamma.lgamma(b + x) - lgB - Gamma.lgamma(a + b + x));
            if (gradient != null) {
                double psiAbx = Gamma.digamma(a + b + x);
                gR += w * (Gamma.digamma(r + x) - psiR + logAlpha);
                gAlpha += w * r / alpha;
                gA += w * (psiAb - psiAbx);
                gB += w * (psiAb + Gamma.digamma(b + x) - psiB - psiAbx);
            }
        }
        double[] logTime = new double[times.length];
        double[] invTime = new double[times.length];
        for (int j = 0; j < times.length; j++) {
            logTime[j] = Math.log(alpha + times[j]);
            invTime[j] = 1 / (alpha + times[j]);
        }
        boolean withGradient = gradient != null;
        int chunks = (tupleWeight.length + CHUNK - 1) / CHUNK;
        double[] partial = IntStream.range(0, chunks).parallel()
                .mapToObj(c -> tupleTerms(c, rx, logBx1, invBx1, logTime, invTime, logA, a, withGradient))
                .reduce(new double[5], BgNbdLikelihood::add);
        sum += partial[0];
        if (gradient != null) {
            gradient[0] = r * (gR + partial[1]);
            gradient[1] = alpha * (gAlpha + partial[2]);
            gradient[2] = a * (gA + partial[3]);
            gradient[3] = b * (gB + partial[4]);
        }
        return sum;
    }

    /** ln(A3 + A4) and its derivatives, summed over one chunk of tuples. */
    private double[] tupleTerms(int chunk, double[] rx, double[] logBx1, double[] invBx1, double[] logTime,
                                double[] invTime, double logA, double a, boolean withGradient) {
        double sum = 0;
        double dR = 0;
        double dAlpha = 0;
        double dA = 0;
        double dB = 0;
        int end = Math.min(tupleWeight.length, (chunk + 1) * CHUNK);
        for (int i = chunk * CHUNK; i < end; i++) {
            int k = tupleX[i];
            double weight = tupleWeight[i];
            double rxk = rx[k];
            int ti = tupleT[i];
            double u = -rxk * logTime[ti];
            if (xValues[k] == 0) {
                sum += weight * u;
                if (withGradient) {
                    dR -= weight * logTime[ti];
                    dAlpha -= weight * rxk * invTime[ti];
                }
                continue;
            }
            int txi = tupleTx[i];
            double v = logA - logBx1[k] - rxk * logTime[txi];
            double d = v - u;
            double w; // A4 / (A3 + A4)
            double logA34;
            if (d > 0) {
                double e = Math.exp(-d);
                logA34 = v + Math.log1p(e);
                w = 1 / (1 + e);
            } else {
                double e = Math.exp(d);
                logA34 = u + Math.log1p(e);
                w = e / (1 + e);
            }
            sum += weight * logA34;
            if (withGradient) {
                dR -= weight * ((1 - w) * logTime[ti] + w * logTime[txi]);
                dAlpha -= weight * rxk * ((1 - w) * invTime[ti] + w * invTime[txi]);
                dA += weight * w / a;
                dB -= weight * w * invBx1[k];
            }
        }
        return new double[] {sum, dR, dAlpha, dA, dB};
    }

    private static double[] add(double[] left, double[] right) {
        double[] out = new double[left.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = left[i] + right[i];
        }
        return out;
    }
}
