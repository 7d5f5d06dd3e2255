package io.crmanalytics.value;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import smile.math.BFGS;
import smile.math.DifferentiableMultivariateFunction;

/**
 * Maximum-likelihood fitting with Smile's L-BFGS on log-parameters (positive parameters, no bounds needed), from
 * several starting points, keeping the best. The optimizer minimizes the mean negative log-likelihood per customer so
 * that its tolerances mean the same at a thousand and at ten million customers.
 *
 * <p>Convergence is judged here, not taken from the optimizer: the best point must have a finite likelihood, a
 * gradient (per customer, in log-parameters) below {@link #GRADIENT_TOLERANCE}, finite, non-degenerate
 * parameters, and a positive-definite observed information (a flat direction means the data do not identify the
 * parameters, whatever the gradient says). Standard errors come from the observed information (central differences of the analytic gradient),
 * by the delta method from log to natural parameters.
 */
public final class MaximumLikelihood {
    static final double GRADIENT_TOLERANCE = 1e-5;
    private static final int MEMORY = 10;
    private static final int MAX_ITERATIONS = 500;
    private static final int POLISH_ROUNDS = 3;
    private static final double LOG_PARAM_LIMIT = Math.log(1e7);
    /** Tuples in the random sample that the starting points are screened on (see {@link #fit}). */
    static final int SCREENING_TUPLES = 40_000;

    private MaximumLikelihood() {
    }

    /**
     * The result of a fit, in natural parameters.
     *
     * @param params          the maximum-likelihood estimates
     * @param standardErrors  their standard errors (NaN where the information matrix is not positive definite)
     * @param logLikelihood   the summed log-likelihood at the estimates
     * @param customers       the number of customers the likelihood sums over
     * @param converged       whether the convergence check passed
     * @param maxGradient     largest absolute gradient component per customer, in log-parameters
     * @param startsRun       starting points tried
     * @param startsAgreeing  starting points whose optimum matched the best one (log-likelihood within 1e-6 per customer)
     * @param problem         why the fit is not converged, or null
     */
    public record Fit(double[] params, double[] standardErrors, double logLikelihood, double customers, boolean converged,
               double maxGradient, int startsRun, int startsAgreeing, String problem) {
    }

    /**
     * Fits from each starting point and keeps the best optimum. With many distinct tuples the starting points are
     * screened on a random sample of {@link #SCREENING_TUPLES} tuples (counts scaled up), and only the best sample
     * optimum is then polished on all tuples: the multi-start safety at the cost of about one full optimization.
     * The convergence check and standard errors always use all tuples.
     */
    static Fit fit(LogLikelihood likelihood, List<double[]> naturalStarts) {
        if (likelihood.customers() <= 0) {
            throw new IllegalArgumentException("no customers to fit");
        }
        LogLikelihood screening = likelihood.sample(SCREENING_TUPLES, 20260101L);
        List<double[]> optima = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        for (double[] start : naturalStarts) {
            double[] x = Arrays.stream(start).map(Math::log).toArray();
            try {
                double value = minimize(screening, x);
                if (Double.isFinite(value)) {
                    optima.add(x);
                    values.add(value);
                }
            } catch (RuntimeException e) {
                // A start that runs into a region where the likelihood is not finite is simply discarded; the
                // remaining starts decide. If every start fails, the fit below reports it.
            }
        }
        int dim = likelihood.dimension();
        if (optima.isEmpty()) {
            double[] nan = new double[dim];
            Arrays.fill(nan, Double.NaN);
            return new Fit(nan, nan, Double.NaN, likelihood.customers(), false, Double.NaN, naturalStarts.size(), 0,
                    "no starting point reached a finite likelihood");
        }
        int best = 0;
        for (int i = 1; i < values.size(); i++) {
            if (values.get(i) < values.get(best)) {
                best = i;
            }
        }
        double bestValue = values.get(best);
        int agreeing = (int) values.stream().filter(v -> Math.abs(v - bestValue) < 1e-6).count();
        double[] logParams = optima.get(best);
        if (screening != likelihood) {
            try {
                minimize(likelihood, logParams);
            } catch (RuntimeException e) {
                // Judged below like any other end point.
            }
        }
        double n = likelihood.customers();
        double[] gradient = new double[dim];
        double logLikelihood = likelihood.value(logParams, gradient);
        double maxGradient = Arrays.stream(gradient).map(g -> Math.abs(g) / n).max().orElse(0);
        double[] params = Arrays.stream(logParams).map(Math::exp).toArray();

        double[] standardErrors = standardErrors(likelihood, logParams);
        String problem = null;
        if (!Double.isFinite(logLikelihood)) {
            problem = "the log-likelihood is not finite at the optimum";
        } else if (Arrays.stream(logParams).anyMatch(v -> !Double.isFinite(v) || Math.abs(v) > LOG_PARAM_LIMIT)) {
            problem = "a parameter ran off to " + Arrays.toString(params)
                    + " (the data do not identify the model: too few customers or repeat purchases?)";
        } else if (!(maxGradient < GRADIENT_TOLERANCE)) {
            problem = String.format(Locale.ROOT, "the gradient is still %.2e per customer (tolerance %.0e)",
                    maxGradient, GRADIENT_TOLERANCE);
        } else if (Arrays.stream(standardErrors).anyMatch(e -> !Double.isFinite(e))) {
            problem = "the likelihood is flat in some direction at " + Arrays.toString(params)
                    + " (information matrix not positive definite: parameters not identified by the data)";
        }
        return new Fit(params, standardErrors, logLikelihood, n, problem == null, maxGradient, naturalStarts.size(),
                agreeing, problem);
    }

    /** L-BFGS from {@code x} (updated in place), restarted while the gradient is not yet small. */
    private static double minimize(LogLikelihood likelihood, double[] x) {
        double n = likelihood.customers();
        DifferentiableMultivariateFunction objective = new DifferentiableMultivariateFunction() {
            @Override
            public double f(double[] logParams) {
                if (outOfRange(logParams)) {
                    return Double.MAX_VALUE;
                }
                double value = -likelihood.value(logParams, null) / n;
                return Double.isNaN(value) ? Double.MAX_VALUE : value;
            }

            @Override
            public double g(double[] logParams, double[] gradient) {
                if (outOfRange(logParams)) {
                    Arrays.fill(gradient, 0);
                    return Double.MAX_VALUE;
                }
                double value = -likelihood.value(logParams, gradient) / n;
                for (int i = 0; i < gradient.length; i++) {
                    gradient[i] = -gradient[i] / n;
                }
                return Double.isNaN(value) ? Double.MAX_VALUE : value;
            }
        };
        double value = BFGS.minimize(objective, MEMORY, x, 1e-9, MAX_ITERATIONS);
        double[] gradient = new double[x.length];
        for (int round = 0; round < POLISH_ROUNDS; round++) {
            objective.g(x, gradient);
            if (Arrays.stream(gradient).allMatch(g -> Math.abs(g) < GRADIENT_TOLERANCE / 10)) {
                break;
            }
            value = BFGS.minimize(objective, MEMORY, x, 1e-10, MAX_ITERATIONS);
        }
        return value;
    }

    private static boolean outOfRange(double[] logParams) {
        for (double v : logParams) {
            if (!(Math.abs(v) < 3 * LOG_PARAM_LIMIT)) {
                return true;
            }
        }
        return false;
    }

    /** Delta-method standard errors from the observed information in log-parameters. */
    private static double[] standardErrors(LogLikelihood likelihood, double[] logParams) {
        int dim = logParams.length;
        double[][] information = new double[dim][dim];
        double h = 1e-5;
        double[] plus = new double[dim];
        double[] minus = new double[dim];
        for (int j = 0; j < dim; j++) {
            double[] x = logParams.clone();
            x[j] += h;
            likelihood.value(x, plus);
            x[j] -= 2 * h;
            likelihood.value(x, minus);
            for (int i = 0; i < dim; i++) {
                information[i][j] = -(plus[i] - minus[i]) / (2 * h);
            }
        }
        double[] errors = new double[dim];
        double[][] covariance = invertSymmetric(information);
        for (int i = 0; i < dim; i++) {
            double variance = covariance == null ? Double.NaN : covariance[i][i];
            errors[i] = variance > 0 ? Math.exp(logParams[i]) * Math.sqrt(variance) : Double.NaN;
        }
        return errors;
    }

    /** Inverse of a small symmetric positive-definite matrix via Cholesky; null when it is not positive definite. */
    static double[][] invertSymmetric(double[][] matrix) {
        int n = matrix.length;
        double[][] symmetric = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                symmetric[i][j] = (matrix[i][j] + matrix[j][i]) / 2;
            }
        }
        double[][] lower = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double s = symmetric[i][j];
                for (int k = 0; k < j; k++) {
                    s -= lower[i][k] * lower[j][k];
                }
                if (i == j) {
                    if (!(s > 0)) {
                        return null;
                    }
                    lower[i][i] = Math.sqrt(s);
                } else {
                    lower[i][j] = s / lower[j][j];
                }
            }
        }
        double[][] inverse = new double[n][n];
        for (int col = 0; col < n; col++) {
            double[] y = new double[n];
            for (int i = 0; i < n; i++) {
                double s = i == col ? 1 : 0;
                for (int k = 0; k < i; k++) {
                    s -= lower[i][k] * y[k];
                }
                y[i] = s / lower[i][i];
            }
            for (int i = n - 1; i >= 0; i--) {
                double s = y[i];
                for (int k = i + 1; k < n; k++) {
                    s -= lower[k][i] * inverse[k][col];
                }
                inverse[i][col] = s / lower[i][i];
            }
        }
        return inverse;
    }
}
