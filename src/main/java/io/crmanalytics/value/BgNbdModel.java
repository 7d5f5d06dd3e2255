package io.crmanalytics.value;

import smile.math.special.Gamma;

/**
 * The BG/NBD purchase model of Fader, Hardie and Lee (2005), "Counting your customers the easy way": while alive a
 * customer buys as a Poisson process with rate lambda ~ Gamma(r, alpha); after each purchase they drop out with
 * probability p ~ Beta(a, b). Times are in the model's time unit (days or weeks).
 *
 * @param r     shape of the purchase-rate distribution
 * @param alpha scale (in time units) of the purchase-rate distribution
 * @param a     first shape of the dropout-probability distribution
 * @param b     second shape of the dropout-probability distribution
 */
public record BgNbdModel(double r, double alpha, double a, double b) implements java.io.Serializable {

    /**
     * The individual log-likelihood, equation (6) of FHL 2005:
     * ln L = ln Gamma(r+x) - ln Gamma(r) + r ln alpha + ln Gamma(a+b) + ln Gamma(b+x) - ln Gamma(b) - ln Gamma(a+b+x)
     *        + ln[ (alpha+T)^-(r+x) + [x>0] a/(b+x-1) (alpha+t_x)^-(r+x) ].
     */
    public double logLikelihood(double x, double tx, double T) {
        return logLikelihood(x, tx, T, null, 0);
    }

    /**
     * The log-likelihood and, when {@code gradient} is given, adds {@code weight} times its derivative with
     * respect to the log-parameters (ln r, ln alpha, ln a, ln b) into it.
     */
    double logLikelihood(double x, double tx, double T, double[] gradient, double weight) {
        double rx = r + x;
        double u = -rx * Math.log(alpha + T);
        double logA34;
        double w = 0; // share of the "dropped out right after the last purchase" term in A3 + A4
        if (x > 0) {
            double v = Math.log(a) - Math.log(b + x - 1) - rx * Math.log(alpha + tx);
            double max = Math.max(u, v);
            logA34 = max + Math.log(Math.exp(u - max) + Math.exp(v - max));
            w = Math.exp(v - logA34);
        } else {
            logA34 = u;
        }
        double ll = Gamma.lgamma(rx) - Gamma.lgamma(r) + r * Math.log(alpha)
                + Gamma.lgamma(a + b) + Gamma.lgamma(b + x) - Gamma.lgamma(b) - Gamma.lgamma(a + b + x)
                + logA34;
        if (gradient != null) {
            double dR = Gamma.digamma(rx) - Gamma.digamma(r) + Math.log(alpha)
                    - (1 - w) * Math.log(alpha + T) - w * Math.log(alpha + tx);
            double dAlpha = r / alpha - (1 - w) * rx / (alpha + T) - w * rx / (alpha + tx);
            double psiAb = Gamma.digamma(a + b);
            double psiAbx = Gamma.digamma(a + b + x);
            double dA = psiAb - psiAbx + w / a;
            double dB = psiAb + Gamma.digamma(b + x) - Gamma.digamma(b) - psiAbx - (x > 0 ? w / (b + x - 1) : 0);
            // Chain rule to log-parameters: d/d ln(theta) = theta * d/d theta.
            gradient[0] += weight * r * dR;
            gradient[1] += weight * alpha * dAlpha;
            gradient[2] += weight * a * dA;
            gradient[3] += weight * b * dB;
        }
        return ll;
    }

    /**
     * P(alive | x, t_x, T) = 1 / (1 + [x>0] a/(b+x-1) ((alpha+T)/(alpha+t_x))^(r+x)) (FHL 2005, eq. 11 note).
     */
    public double probabilityAlive(double x, double tx, double T) {
        if (x == 0) {
            return 1.0;
        }
        return 1.0 / (1.0 + a / (b + x - 1) * Math.exp((r + x) * Math.log((alpha + T) / (alpha + tx))));
    }

    /** E[X(t)] for a customer just acquired, FHL 2005 eq. (7). */
    public double expectedPurchases(double t) {
        double z = t / (alpha + t);
        double aa = safeA();
        return (aa + b - 1) / (aa - 1)
                * (1 - Math.exp(r * Math.log(alpha / (alpha + t))) * Hypergeometric.hyp2f1(r, b, aa + b - 1, z));
    }

    /**
     * E[Y(t) | x, t_x, T]: expected repeat purchases in the next t time units, FHL 2005 eq. (10):
     * (a+b+x-1)/(a-1) * [1 - ((alpha+T)/(alpha+T+t))^(r+x) 2F1(r+x, b+x; a+b+x-1; t/(alpha+T+t))]
     *   / (1 + [x>0] a/(b+x-1) ((alpha+T)/(alpha+t_x))^(r+x)).
     */
    public double conditionalExpectedPurchases(double t, double x, double tx, double T) {
        if (t <= 0) {
            return 0;
        }
        double aa = safeA();
        double rx = r + x;
        double z = t / (alpha + T + t);
        double hyp = Hypergeometric.hyp2f1(rx, b + x, aa + b + x - 1, z);
        double numerator = (aa + b + x - 1) / (aa - 1)
                * (1 - Math.exp(rx * Math.log((alpha + T) / (alpha + T + t))) * hyp);
        double denominator = x > 0
                ? 1 + aa / (b + x - 1) * Math.exp(rx * Math.log((alpha + T) / (alpha + tx)))
                : 1;
        return numerator / denominator;
    }

    /**
     * The expectations have a removable singularity at a = 1 (0/0); a tiny shift keeps them finite there
     * with an error far below anything a fit can resolve.
     */
    private double safeA() {
        return Math.abs(a - 1) < 1e-7 ? 1 + 1e-7 : a;
    }
}
