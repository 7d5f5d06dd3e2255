package io.crmanalytics.value;

/**
 * A log-likelihood summed over customers, as a function of log-parameters (so the optimizer needs no bounds).
 */
interface LogLikelihood {
    /** Number of parameters. */
    int dimension();

    /** Number of customers the sum runs over (the sum of the tuple weights). */
    double customers();

    /**
     * The summed log-likelihood at {@code logParams}; when {@code gradient} is not null it is overwritten with the
     * derivative of the sum with respect to the log-parameters.
     */
    double value(double[] logParams, double[] gradient);

    /**
     * A random sample of at most about {@code maxTuples} tuples, counts scaled up by the inverse sampling rate so the
     * sample estimates the full sum: cheap to search with many starting points before polishing on all tuples.
     * Returns this likelihood when it is already that small.
     */
    LogLikelihood sample(int maxTuples, long seed);
}
