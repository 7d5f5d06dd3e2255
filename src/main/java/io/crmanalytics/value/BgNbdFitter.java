package io.crmanalytics.value;

import java.util.List;

/** Fits {@link BgNbdModel} by maximum likelihood over distinct (x, t_x, T) tuples with customer counts. */
public final class BgNbdFitter {
    private BgNbdFitter() {
    }

    /** A fitted BG/NBD model with its fit diagnostics. */
    public record Result(BgNbdModel model, MaximumLikelihood.Fit fit) {
    }

    public static Result fit(double[] x, double[] tx, double[] T, double[] counts) {
        BgNbdLikelihood likelihood = new BgNbdLikelihood(x, tx, T, counts);
        double purchases = 0;
        double exposure = 0;
        for (int i = 0; i < x.length; i++) {
            purchases += counts[i] * x[i];
            exposure += counts[i] * T[i];
        }
        // Starting points around the observed repeat-purchase rate (r / alpha is the mean rate), with dropout
        // priors from "rarely" to "often"; the scale of alpha follows the time unit through the rate.
        double rate = purchases > 0 && exposure > 0 ? purchases / exposure : 0.1;
        List<double[]> starts = List.of(
                new double[] {1, 1 / rate, 1, 1},
                new double[] {0.5, 0.5 / rate, 0.5, 3},
                new double[] {2, 2 / rate, 1.5, 6},
                new double[] {0.2, 0.2 / rate, 0.2, 0.5});
        MaximumLikelihood.Fit fit = MaximumLikelihood.fit(likelihood, starts);
        double[] p = fit.params();
        return new Result(new BgNbdModel(p[0], p[1], p[2], p[3]), fit);
    }
}
