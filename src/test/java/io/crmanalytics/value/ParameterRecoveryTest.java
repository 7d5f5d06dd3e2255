package io.crmanalytics.value;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Known parameters come back from customers simulated from the BG/NBD and Gamma-Gamma processes, within their
 * sampling error. The tolerance is 4 standard errors from the fit's observed information (which shrinks as
 * 1/sqrt(n)); a false failure has probability well under 1e-3 per parameter. The fit runs at driver level, as in
 * the job (the tuples are what Spark hands over).
 */
class ParameterRecoveryTest {
    private static final int CUSTOMERS = 6000;

    @Test
    void bgnbdAndGammaGammaRecoverPlantedParameters() {
        BgNbdModel truth = new BgNbdModel(0.8, 6.0, 0.7, 3.0);
        GammaGammaModel spendTruth = new GammaGammaModel(5.0, 4.0, 30.0);
        PurchaseSimulator simulator = new PurchaseSimulator(truth, spendTruth);
        double[] x = new double[CUSTOMERS];
        double[] tx = new double[CUSTOMERS];
        double[] T = new double[CUSTOMERS];
        double[] ones = new double[CUSTOMERS];
        int repeaters = 0;
        for (int i = 0; i < CUSTOMERS; i++) {
            // Cohorts acquired over a year and a half, observed to a common end: T between 26 and 104 weeks.
            PurchaseSimulator.Customer c = simulator.customer(42, i, 26 + (i % 79));
            x[i] = c.x();
            tx[i] = c.tx();
            T[i] = c.T();
            ones[i] = 1;
            if (c.x() > 0) {
                repeaters++;
            }
        }
        BgNbdFitter.Result bgnbd = BgNbdFitter.fit(x, tx, T, ones);
        assertTrue(bgnbd.fit().converged(), bgnbd.fit().problem());
        assertWithinSamplingError("r", truth.r(), bgnbd.model().r(), bgnbd.fit().standardErrors()[0]);
        assertWithinSamplingError("alpha", truth.alpha(), bgnbd.model().alpha(), bgnbd.fit().standardErrors()[1]);
        assertWithinSamplingError("a", truth.a(), bgnbd.model().a(), bgnbd.fit().standardErrors()[2]);
        assertWithinSamplingError("b", truth.b(), bgnbd.model().b(), bgnbd.fit().standardErrors()[3]);
        // At least two of the starting points must land on the same optimum.
        assertTrue(bgnbd.fit().startsAgreeing() >= 2, "starts agreeing: " + bgnbd.fit().startsAgreeing());

        double[] gx = new double[repeaters];
        double[] gm = new double[repeaters];
        double[] gc = new double[repeaters];
        for (int i = 0, j = 0; i < CUSTOMERS; i++) {
            PurchaseSimulator.Customer c = simulator.customer(42, i, 26 + (i % 79));
            if (c.x() > 0) {
                gx[j] = c.x();
                gm[j] = c.monetaryValue();
                gc[j++] = 1;
            }
        }
        GammaGammaFitter.Result spend = GammaGammaFitter.fit(gx, gm, gc);
        assertTrue(spend.fit().converged(), spend.fit().problem());
        assertWithinSamplingError("p", spendTruth.p(), spend.model().p(), spend.fit().standardErrors()[0]);
        assertWithinSamplingError("q", spendTruth.q(), spend.model().q(), spend.fit().standardErrors()[1]);
        assertWithinSamplingError("gamma", spendTruth.gamma(), spend.model().gamma(), spend.fit().standardErrors()[2]);
    }

    @Test
    void screenedMultiStartOnManyTuplesStillFindsTheMaximum() {
        // More distinct tuples than MaximumLikelihood.SCREENING_TUPLES: starts are screened on a sample, then the
        // best is polished on all tuples. The result must be the full-data optimum: gradient check passed, and
        // the planted parameters within the (now much tighter) sampling error.
        int n = 60_000;
        BgNbdModel truth = new BgNbdModel(0.5, 4.0, 0.9, 2.5);
        PurchaseSimulator simulator = new PurchaseSimulator(truth, null);
        double[] x = new double[n];
        double[] tx = new double[n];
        double[] T = new double[n];
        double[] ones = new double[n];
        for (int i = 0; i < n; i++) {
            PurchaseSimulator.Customer c = simulator.customer(11, i, 10 + (i % 90));
            x[i] = c.x();
            tx[i] = c.tx();
            T[i] = c.T();
            ones[i] = 1;
        }
        assertTrue(n > MaximumLikelihood.SCREENING_TUPLES);
        BgNbdFitter.Result fit = BgNbdFitter.fit(x, tx, T, ones);
        assertTrue(fit.fit().converged(), fit.fit().problem());
        assertWithinSamplingError("r", truth.r(), fit.model().r(), fit.fit().standardErrors()[0]);
        assertWithinSamplingError("alpha", truth.alpha(), fit.model().alpha(), fit.fit().standardErrors()[1]);
        assertWithinSamplingError("a", truth.a(), fit.model().a(), fit.fit().standardErrors()[2]);
        assertWithinSamplingError("b", truth.b(), fit.model().b(), fit.fit().standardErrors()[3]);
    }

    @Test
    void fitThatCannotConvergeSaysSo() {
        // No repeat purchases at all: the dropout process is not identified and the rate runs to zero.
        double[] x = {0, 0, 0};
        double[] tx = {0, 0, 0};
        double[] T = {10, 20, 30};
        double[] counts = {100, 100, 100};
        BgNbdFitter.Result result = BgNbdFitter.fit(x, tx, T, counts);
        assertTrue(!result.fit().converged(), "converged on data without repeat purchases");
        assertTrue(result.fit().problem() != null && !result.fit().problem().isBlank());
    }

    private static void assertWithinSamplingError(String name, double truth, double estimate, double standardError) {
        assertTrue(Double.isFinite(standardError) && standardError > 0, name + " standard error " + standardError);
        // The error bar must be informative, or the check below would pass for any estimate.
        assertTrue(standardError < 0.35 * truth, name + " standard error " + standardError + " too wide to test");
        assertEquals(truth, estimate, 4 * standardError,
                name + ": estimate " + estimate + " vs planted " + truth + " (SE " + standardError + ")");
    }
}
