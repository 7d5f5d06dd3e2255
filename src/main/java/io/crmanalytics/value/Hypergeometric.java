package io.crmanalytics.value;

/**
 * The Gauss hypergeometric function 2F1(a, b; c; z) for 0 <= z < 1, which the BG/NBD conditional expectation
 * needs. There z = t / (alpha + T + t) stays below 1, so the power series converges; terms are summed until they
 * stop changing the sum, with a hard cap so a pathological input fails loudly instead of looping.
 */
final class Hypergeometric {
    private static final int MAX_TERMS = 200_000;

    private Hypergeometric() {
    }

    static double hyp2f1(double a, double b, double c, double z) {
        if (!(z >= 0 && z < 1)) {
            throw new IllegalArgumentException("hyp2f1 needs 0 <= z < 1, got " + z);
        }
        double term = 1.0;
        double sum = 1.0;
        for (int n = 0; n < MAX_TERMS; n++) {
            term *= (a + n) * (b + n) / ((c + n) * (n + 1)) * z;
            sum += term;
            if (Math.abs(term) <= 1e-15 * Math.abs(sum)) {
                return sum;
            }
        }
        throw new ArithmeticException("hyp2f1(" + a + ", " + b + "; " + c + "; " + z + ") did not converge");
    }
}
