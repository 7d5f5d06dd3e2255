package io.crmanalytics.value;

import java.util.List;

/** Fits {@link GammaGammaModel} by maximum likelihood over (x, m) tuples of customers with x > 0 and m > 0. */
public final class GammaGammaFitter {
    private GammaGammaFitter() {
    }

    /** A fitted Gamma-Gamma model with its fit diagnostics. */
    public record Result(GammaGammaModel model, MaximumLikelihood.Fit fit) {
    }

    public static Result fit(double[] x, double[] m, double[] counts) {
        GammaGammaLikelihood likelihood = new GammaGammaLikelihood(x, m, counts);
        double total = 0;
        double weight = 0;
        for (int i = 0; i < m.length; i++) {
            total += counts[i] * m[i];
            weight += counts[i];
        }
        double mean = total / weight;
        // The population mean spend is p gamma / (q - 1); each start puts it at the observed mean.
        List<double[]> starts = List.of(
                new double[] {1, 2, mean},
                new double[] {3, 4, mean},
                new double[] {6, 3, mean / 3},
                new double[] {0.5, 1.5, mean});
        MaximumLikelihood.Fit fit = MaximumLikelihood.fit(likelihood, starts);
        double[] p = fit.params();
        return new Result(new GammaGammaModel(p[0], p[1], p[2]), fit);
    }
}
