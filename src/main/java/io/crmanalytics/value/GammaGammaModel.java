package io.crmanalytics.value;

import smile.math.special.Gamma;

/**
 * The Gamma-Gamma spend model (Fader, Hardie and Lee 2005, "RFM and CLV"; Colombo and Jiang 1999): a customer's
 * transaction values are Gamma(p, nu) with nu ~ Gamma(q, gamma) across customers, independent of the purchase
 * process. It is fitted on customers with at least one repeat purchase, from their repeat count x and the mean
 * value m of those repeat purchases.
 */
public record GammaGammaModel(double p, double q, double gamma) implements java.io.Serializable {

    /**
     * ln L(p, q, gamma | x, m) = ln Gamma(px+q) - ln Gamma(px) - ln Gamma(q) + q ln gamma + (px-1) ln m + px ln x
     * - (px+q) ln(gamma + x m): the density of the mean of x Gamma(p, nu) values, nu integrated out.
     */
    public double logLikelihood(double x, double m) {
        return logLikelihood(x, m, null, 0);
    }

    /** Adds {@code weight} times the gradient with respect to (ln p, ln q, ln gamma) into {@code gradient}. */
    double logLikelihood(double x, double m, double[] gradient, double weight) {
        double px = p * x;
        double logSpend = Math.log(gamma + x * m);
        double ll = Gamma.lgamma(px + q) - Gamma.lgamma(px) - Gamma.lgamma(q) + q * Math.log(gamma)
                + (px - 1) * Math.log(m) + px * Math.log(x) - (px + q) * logSpend;
        if (gradient != null) {
            double psiPxq = Gamma.digamma(px + q);
            double dP = x * (psiPxq - Gamma.digamma(px) + Math.log(m) + Math.log(x) - logSpend);
            double dQ = psiPxq - Gamma.digamma(q) + Math.log(gamma) - logSpend;
            double dGamma = q / gamma - (px + q) / (gamma + x * m);
            gradient[0] += weight * p * dP;
            gradient[1] += weight * q * dQ;
            gradient[2] += weight * gamma * dGamma;
        }
        return ll;
    }

    /**
     * E[M | x, m] = (p (gamma + x m)) / (p x + q - 1): a weighted mean of the population mean p gamma / (q - 1)
     * and the customer's own mean m. For x = 0 it is the population mean. Needs q > 1 (a finite population mean).
     */
    public double conditionalExpectedAverageValue(double x, double m) {
        if (q <= 1) {
            throw new IllegalStateException("Gamma-Gamma q = " + q + " <= 1: the mean spend is infinite");
        }
        return p * (gamma + x * m) / (p * x + q - 1);
    }

    /** The population mean transaction value, p gamma / (q - 1). */
    public double populationMeanValue() {
        return conditionalExpectedAverageValue(0, 0);
    }
}
