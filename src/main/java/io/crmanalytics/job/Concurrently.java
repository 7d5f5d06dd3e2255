package io.crmanalytics.job;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.sql.SparkSession;

/**
 * Runs independent steps of one job (an ingest wave's entities, service's gold tables, the report's reads) on a
 * few threads of the one SparkSession. Spark schedules jobs from several threads at once; on a small machine most
 * of a small table's time is driver work (planning, Delta log reads and commits) that then overlaps with another
 * table's tasks, so the run's fixed overhead shrinks. Results come back in the order of the steps; the first
 * step that fails (in that order) fails the whole, after every step has ended.
 */
public final class Concurrently {
    /** Spark setting: steps run at once within a job (default 3; 1 runs them one after another). */
    public static final String THREADS_SETTING = "spark.crm.concurrentSteps";
    static final int DEFAULT_THREADS = 3;

    private Concurrently() {
    }

    /** How many steps run at once in this session: {@value #THREADS_SETTING}, at least 1. */
    public static int threads(SparkSession spark) {
        String value = spark.conf().get(THREADS_SETTING, String.valueOf(DEFAULT_THREADS));
        try {
            return Math.max(1, Integer.parseInt(value.trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(THREADS_SETTING + " must be a whole number, not '" + value + "'", e);
        }
    }

    /** Runs {@code steps} at most {@link #threads} at a time and returns their results in order. */
    public static <T> List<T> run(SparkSession spark, List<Callable<T>> steps) {
        int threads = Math.min(threads(spark), steps.size());
        if (threads <= 1) {
            List<T> results = new ArrayList<>();
            for (Callable<T> step : steps) {
                results.add(call(step));
            }
            return results;
        }
        AtomicInteger counter = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, "crm-step-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (Callable<T> step : steps) {
                futures.add(pool.submit(step));
            }
            List<T> results = new ArrayList<>();
            RuntimeException failure = null;
            for (Future<T> future : futures) {
                try {
                    results.add(future.get());
                } catch (ExecutionException e) {
                    failure = failure != null ? failure : unchecked(e.getCause());
                    results.add(null);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting for concurrent steps", e);
                }
            }
            if (failure != null) {
                throw failure;
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    private static <T> T call(Callable<T> step) {
        try {
            return step.call();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static RuntimeException unchecked(Throwable cause) {
        if (cause instanceof RuntimeException runtime) {
            return runtime;
        }
        if (cause instanceof Error error) {
            throw error;
        }
        return new IllegalStateException(cause);
    }
}
