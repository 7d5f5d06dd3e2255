package io.crmanalytics.value;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Closed-form BG/NBD and Gamma-Gamma values against numbers computed independently with scipy
 * (src/test/resources/value/reference_values.py, written from the papers' equations, not from this code).
 * Parameters are the published CDNOW estimates in weeks: BG/NBD r=0.243 alpha=4.414 a=0.793 b=2.426
 * (Fader, Hardie & Lee 2005), Gamma-Gamma p=6.25 q=3.74 gamma=15.44.
 */
class ValueFormulasTest {
    private static final BgNbdModel CDNOW = new BgNbdModel(0.243, 4.414, 0.793, 2.426);
    private static final GammaGammaModel SPEND = new GammaGammaModel(6.25, 3.74, 15.44);

    @Test
    void bgnbdLogLikelihoodMatchesScipy() {
        assertEquals(-0.554713276438, CDNOW.logLikelihood(0, 0, 38.86), 1e-10);
        assertEquals(-9.458606307066, CDNOW.logLikelihood(2, 30.43, 38.86), 1e-10);
        assertEquals(-4.469093275033, CDNOW.logLikelihood(1, 1.71, 38.86), 1e-10);
        assertEquals(-21.704661612286, CDNOW.logLikelihood(7, 35.0, 36.0), 1e-10);
    }

    @Test
    void probabilityAliveMatchesScipy() {
        assertEquals(1.0, CDNOW.probabilityAlive(0, 0, 38.86), 0);
        assertEquals(0.726578570081, CDNOW.probabilityAlive(2, 30.43, 38.86), 1e-10);
        assertEquals(0.212100985377, CDNOW.probabilityAlive(1, 1.71, 38.86), 1e-10);
        assertEquals(0.898601336910, CDNOW.probabilityAlive(7, 35.0, 36.0), 1e-10);
    }

    @Test
    void conditionalExpectationsMatchScipy() {
        // FHL 2005 quote 1.226 for this customer (x=2, t_x=30.43, T=38.86) over the next 39 weeks.
        assertEquals(1.226028174767, CDNOW.conditionalExpectedPurchases(39, 2, 30.43, 38.86), 1e-9);
        assertEquals(0.195098052011, CDNOW.conditionalExpectedPurchases(39, 0, 0, 38.86), 1e-9);
        assertEquals(0.203186987080, CDNOW.conditionalExpectedPurchases(39, 1, 1.71, 38.86), 1e-9);
        assertEquals(4.939432635090, CDNOW.conditionalExpectedPurchases(39, 7, 35.0, 36.0), 1e-9);
        assertEquals(1.196723193321, CDNOW.expectedPurchases(39), 1e-9);
        assertEquals(1.860519057943, CDNOW.expectedPurchases(78), 1e-9);
        assertEquals(0, CDNOW.conditionalExpectedPurchases(0, 2, 30.43, 38.86), 0);
    }

    @Test
    void gammaGammaMatchesScipy() {
        assertEquals(-3.720196182157, SPEND.logLikelihood(1, 12.0), 1e-10);
        assertEquals(-4.121665192613, SPEND.logLikelihood(2, 35.5), 1e-10);
        assertEquals(-6.352255558812, SPEND.logLikelihood(10, 80.25), 1e-10);
        assertEquals(19.076751946607, SPEND.conditionalExpectedAverageValue(1, 12.0), 1e-9);
        assertEquals(35.449475065617, SPEND.conditionalExpectedAverageValue(2, 35.5), 1e-9);
        assertEquals(78.358752299203, SPEND.conditionalExpectedAverageValue(10, 80.25), 1e-9);
        // With no repeat purchases the expectation is the population mean p gamma / (q - 1).
        assertEquals(6.25 * 15.44 / 2.74, SPEND.conditionalExpectedAverageValue(0, 0), 1e-9);
    }

    @Test
    void summedLikelihoodAndGradientAgreeWithPerCustomerFormula() {
        double[] x = {0, 2, 1, 7, 2};
        double[] tx = {0, 30.43, 1.71, 35.0, 10.0};
        double[] T = {38.86, 38.86, 38.86, 36.0, 12.0};
        double[] counts = {10, 3, 1, 2, 5};
        BgNbdLikelihood summed = new BgNbdLikelihood(x, tx, T, counts);
        double[] logParams = {Math.log(0.243), Math.log(4.414), Math.log(0.793), Math.log(2.426)};
        double[] gradient = new double[4];
        double value = summed.value(logParams, gradient);
        double expected = 0;
        double[] perCustomerGradient = new double[4];
        for (int i = 0; i < x.length; i++) {
            expected += counts[i] * CDNOW.logLikelihood(x[i], tx[i], T[i], perCustomerGradient, counts[i]);
        }
        assertEquals(expected, value, 1e-9);
        for (int j = 0; j < 4; j++) {
            double h = 1e-6;
            double[] up = logParams.clone();
            double[] down = logParams.clone();
            up[j] += h;
            down[j] -= h;
            double numeric = (summed.value(up, null) - summed.value(down, null)) / (2 * h);
            assertEquals(numeric, gradient[j], 1e-5 * Math.max(1, Math.abs(numeric)), "BG/NBD gradient " + j);
            assertEquals(perCustomerGradient[j], gradient[j], 1e-9 * Math.max(1, Math.abs(numeric)));
        }

        double[] gx = {1, 2, 10, 2};
        double[] gm = {12.0, 35.5, 80.25, 20.0};
        double[] gc = {4, 1, 2, 3};
        GammaGammaLikelihood spend = new GammaGammaLikelihood(gx, gm, gc);
        double[] gLog = {Math.log(6.25), Math.log(3.74), Math.log(15.44)};
        double[] gGradient = new double[3];
        double gValue = spend.value(gLog, gGradient);
        double gExpected = 0;
        for (int i = 0; i < gx.length; i++) {
            gExpected += gc[i] * SPEND.logLikelihood(gx[i], gm[i]);
        }
        assertEquals(gExpected, gValue, 1e-9);
        for (int j = 0; j < 3; j++) {
            double h = 1e-6;
            double[] up = gLog.clone();
            double[] down = gLog.clone();
            up[j] += h;
            down[j] -= h;
            double numeric = (spend.value(up, null) - spend.value(down, null)) / (2 * h);
            assertEquals(numeric, gGradient[j], 1e-5 * Math.max(1, Math.abs(numeric)), "Gamma-Gamma gradient " + j);
        }
    }

    @Test
    void clvIsTheDiscountedExpectedMarginOverTheHorizon() {
        // Without discounting the weekly steps telescope: CLV = margin * E[M] * E[Y(h)].
        CustomerValuation flat = new CustomerValuation(CDNOW, SPEND, TimeUnit.WEEK, 52, 0.3, 0.0);
        double[] v = flat.value(2, 30.43, 38.86, 35.5);
        double expectedPurchases = CDNOW.conditionalExpectedPurchases(52, 2, 30.43, 38.86);
        assertEquals(expectedPurchases, v[0], 1e-12);
        assertEquals(CDNOW.probabilityAlive(2, 30.43, 38.86), v[1], 1e-12);
        assertEquals(SPEND.conditionalExpectedAverageValue(2, 35.5), v[2], 1e-12);
        assertEquals(0.3 * v[2] * expectedPurchases, v[3], 1e-9);
        // Discounting at 10 % a year over one year: every purchase is worth between 1/1.1 and 1 of its value,
        // and the first week's purchases are discounted by exactly 1.1^-(7/365.25).
        CustomerValuation discounted = new CustomerValuation(CDNOW, SPEND, TimeUnit.WEEK, 52, 0.3, 0.10);
        double clv = discounted.value(2, 30.43, 38.86, 35.5)[3];
        assertTrue(clv < v[3] && clv > v[3] / Math.pow(1.1, 52 * 7 / 365.25), clv + " vs " + v[3]);
        CustomerValuation oneWeek = new CustomerValuation(CDNOW, SPEND, TimeUnit.WEEK, 1, 1.0, 0.10);
        double week = CDNOW.conditionalExpectedPurchases(1, 2, 30.43, 38.86) * v[2];
        assertEquals(week * Math.pow(1.1, -7 / 365.25), oneWeek.value(2, 30.43, 38.86, 35.5)[3], 1e-9);
        // The same customer in days gives the same undiscounted value (alpha scales with the unit).
        BgNbdModel inDays = new BgNbdModel(CDNOW.r(), CDNOW.alpha() * 7, CDNOW.a(), CDNOW.b());
        CustomerValuation days = new CustomerValuation(inDays, SPEND, TimeUnit.DAY, 364, 0.3, 0.0);
        assertEquals(v[3], days.value(2, 30.43 * 7, 38.86 * 7, 35.5)[3], 1e-9);
    }

    @Test
    void hypergeometricSeriesMatchesKnownIdentities() {
        // 2F1(1, 1; 2; z) = -ln(1 - z) / z
        assertEquals(-Math.log(1 - 0.9) / 0.9, Hypergeometric.hyp2f1(1, 1, 2, 0.9), 1e-12);
        // 2F1(a, b; b; z) = (1 - z)^-a
        assertEquals(Math.pow(1 - 0.5, -2.5), Hypergeometric.hyp2f1(2.5, 3, 3, 0.5), 1e-12);
        assertTrue(Hypergeometric.hyp2f1(0.5, 0.5, 1.5, 0.0) == 1.0);
    }
}
