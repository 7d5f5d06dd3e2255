package io.crmanalytics.value;

import java.util.Arrays;
import java.util.stream.IntStream;
import smile.math.special.Gamma;

/**
 * The Gamma-Gamma log-likelihood summed over (x, m) tuples with counts, with its analytic gradient. Terms that
 * depend on x only, and the sum of ln m per x, are computed once per distinct x; each tuple then costs one log.
 * The per-tuple formula is {@link GammaGammaModel#logLikelihood}.
 */
final class GammaGammaLikelihood implements LogLikelihood {
    private static final int CHUNK = 1 << 14;

    private final double[] xValues;
    private final double[] xWeights;
    private final double[] weightedLogM; // sum over the tuples with this x of weight * ln m
    private final double[] tupleX;
    private final double[] tupleM;
    private final int[] tupleXIndex;
    private final double[] tupleWeight;
    private final double customers;

    GammaGammaLikelihood(double[] x, double[] m, double[] counts) {
        int n = x.length;
        if (m.length != n || counts.length != n) {
            throw new IllegalArgumentException("tuple arrays differ in length");
        }
        xValues = Arrays.stream(x).sorted().distinct().toArray();
        xWeights = new double[xValues.length];
        weightedLogM = new double[xValues.length];
        tupleX = x.clone();
        tupleM = m.clone();
        tupleXIndex = new int[n];
        tupleWeight = counts.clone();
        double total = 0;
        for (int i = 0; i < n; i++) {
            if (!(x[i] > 0) || !(m[i] > 0)) {
                throw new IllegalArgumentException("Gamma-Gamma needs x > 0 and m > 0, got x=" + x[i] + " m=" + m[i]);
            }
            int k = Arrays.binarySearch(xValues, x[i]);
            tupleXIndex[i] = k;
            xWeights[k] += counts[i];
            weightedLogM[k] += counts[i] * Math.log(m[i]);
            total += counts[i];
        }
        customers = total;
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
        double[] m = new double[keep.length];
        double[] counts = new double[keep.length];
        for (int j = 0; j < keep.length; j++) {
            x[j] = tupleX[keep[j]];
            m[j] = tupleM[keep[j]];
            counts[j] = tupleWeight[keep[j]] / rate;
        }
        return new GammaGammaLikelihood(x, m, counts);
    }

    @Override
    public int dimension() {
        return 3;
    }

    @Override
    public double customers() {
        return customers;
    }

    @Override
    public double value(double[] logParams, double[] gradient) {
        double p = Math.exp(logParams[0]);
        double q = Math.exp(logParams[1]);
        double gamma = Math.exp(logParams[2]);
        double logGamma = Math.log(gamma);
        double lgQ = Gamma.lgamma(q);
        double psiQ = Gamma.digamma(q);
        double sum = 0;
        double gP = 0;
        double gQ = 0;
        double gGamma = 0;
        double[] pxq = new double[xValues.length];
        for (int k = 0; k < xValues.length; k++) {
            double x = xValues[k];
            double w = xWeights[k];
            double px = p * x;
            pxq[k] = px + q;
            sum += w * (Gamma.lgamma(px + q) - Gamma.lgamma(px) - lgQ + q * logGamma + px * Math.log(x))
                    + (px - 1) * weightedLogM[k];
            if (gradient != null) {
                double psiPxq = Gamma.digamma(px + q);
                gP += w * x * (psiPxq - Gamma.digamma(px) + Math.log(x)) + x * weightedLogM[k];
                gQ += w * (psiPxq - psiQ + logGamma);
                gGamma += w * q / gamma;
            }
        }
        boolean withGradient = gradient != null;
        int chunks = (tupleWeight.length + CHUNK - 1) / CHUNK;
        double[] partial = IntStream.range(0, chunks).parallel()
                .mapToObj(c -> tupleTerms(c, pxq, gamma, withGradient))
                .reduce(new double[4], (l, r) -> new double[] {l[0] + r[0], l[1] + r[1], l[2] + r[2], l[3] + r[3]});
        sum += partial[0];
        if (gradient != null) {
            gradient[0] = p * (gP + partial[1]);
            gradient[1] = q * (gQ + partial[2]);
            gradient[2] = gamma * (gGamma + partial[3]);
        }
        return sum;
    }

    /** -(px+q) ln(gamma + x m) and its derivatives over one chunk of tuples. */
    private double[] tupleTerms(int chunk, double[] pxq, double gamma, boolean withGradient) {
        double sum = 0;
        double dP = 0;
        double dQ = 0;
        double dGamma = 0;
        int end = Math.min(tupleWeight.length, (chunk + 1) * CHUNK);
        for (int i = chunk * CHUNK; i < end; i++) {
            double weight = tupleWeight[i];
            double x = tupleX[i];
            double spend = gamma + x * tupleM[i];
            double logSpend = Math.log(spend);
            double c = pxq[tupleXIndex[i]];
            sum -= weight * c * logSpend;
            if (withGradient) {
                dP -= weight * x * logSpend;
                dQ -= weight * logSpend;
                dGamma -= weight * c / spend;
            }
        }
        return new double[] {sum, dP, dQ, dGamma};
    }
}
