package io.crmanalytics.value;

import java.io.Serializable;

/**
 * Per-customer value from the fitted models, over a horizon in the model's time unit:
 * expected repeat purchases E[Y(h) | x, t_x, T] (BG/NBD), P(alive), the expected value per purchase E[M | x, m]
 * (Gamma-Gamma), and CLV.
 *
 * <p>CLV is the discounted expected margin over the horizon. The horizon is cut into weekly steps (the last one may
 * be shorter); the purchases expected in step k are the difference of the BG/NBD conditional expectations at the
 * step's end and start, E[Y(t_k)] - E[Y(t_{k-1})], each discounted to today at the annual rate for the time of the
 * step's end: CLV = margin * E[M] * sum_k (E[Y(t_k)] - E[Y(t_{k-1})]) / (1 + d)^(t_k in years). Spend and purchase
 * counts are independent in the Gamma-Gamma model, so the expected revenue is their product.
 */
public final class CustomerValuation implements Serializable {
    private static final long serialVersionUID = 1L;

    private final BgNbdModel purchases;
    private final GammaGammaModel spend;
    private final double[] stepEnds;
    private final double[] discountFactors;
    private final double margin;

    public CustomerValuation(BgNbdModel purchases, GammaGammaModel spend, TimeUnit unit, double horizon,
                             double margin, double annualDiscountRate) {
        this.purchases = purchases;
        this.spend = spend;
        this.margin = margin;
        double step = 7.0 / unit.days();
        int steps = (int) Math.ceil(horizon / step - 1e-9);
        stepEnds = new double[steps];
        discountFactors = new double[steps];
        for (int k = 0; k < steps; k++) {
            stepEnds[k] = Math.min((k + 1) * step, horizon);
            discountFactors[k] = Math.pow(1 + annualDiscountRate, -stepEnds[k] * unit.years());
        }
    }

    /** {expected_purchases, probability_alive, expected_average_value, clv} for one customer. */
    public double[] value(double x, double tx, double T, double monetaryValue) {
        double averageValue = spend.conditionalExpectedAverageValue(x, monetaryValue);
        double previous = 0;
        double discountedPurchases = 0;
        for (int k = 0; k < stepEnds.length; k++) {
            double cumulative = purchases.conditionalExpectedPurchases(stepEnds[k], x, tx, T);
            discountedPurchases += (cumulative - previous) * discountFactors[k];
            previous = cumulative;
        }
        return new double[] {previous, purchases.probabilityAlive(x, tx, T), averageValue,
                margin * averageValue * discountedPurchases};
    }

    /** Expected repeat purchases at each of {@code times} (same unit): the tracking curve of one customer. */
    public double[] cumulativeExpected(double x, double tx, double T, double[] times) {
        double[] out = new double[times.length];
        for (int i = 0; i < times.length; i++) {
            out[i] = purchases.conditionalExpectedPurchases(times[i], x, tx, T);
        }
        return out;
    }
}
