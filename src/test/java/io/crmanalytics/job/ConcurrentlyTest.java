package io.crmanalytics.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.crmanalytics.testing.SharedSpark;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

class ConcurrentlyTest {
    @Test
    void stepsRunAtOnceAndResultsKeepTheStepsOrder() {
        SparkSession spark = SharedSpark.session();
        // Two steps that each wait for the other: they only finish if they really run at the same time.
        CountDownLatch both = new CountDownLatch(2);
        List<Callable<String>> steps = new ArrayList<>();
        for (String name : List.of("first", "second")) {
            steps.add(() -> {
                both.countDown();
                assertTrue(both.await(30, TimeUnit.SECONDS), "the other step did not start");
                return name;
            });
        }
        assertEquals(List.of("first", "second"), Concurrently.run(spark, steps));
    }

    @Test
    void sparkJobsFromSeveralStepsGiveTheSameAnswersAsOneAfterAnother() {
        SparkSession spark = SharedSpark.session();
        List<Callable<Long>> steps = new ArrayList<>();
        for (int n = 1; n <= 6; n++) {
            long size = n * 1000L;
            steps.add(() -> spark.range(size).where("id % 2 = 0").count());
        }
        assertEquals(List.of(500L, 1000L, 1500L, 2000L, 2500L, 3000L), Concurrently.run(spark, steps));
    }

    @Test
    void theFirstFailureInStepOrderIsThrownAfterEveryStepHasEnded() {
        SparkSession spark = SharedSpark.session();
        IllegalArgumentException first = new IllegalArgumentException("first");
        AtomicInteger finished = new AtomicInteger();
        List<Callable<Integer>> steps = List.of(
                () -> {
                    Thread.sleep(200);
                    throw first;
                },
                () -> {
                    throw new IllegalStateException("second");
                },
                () -> {
                    Thread.sleep(400);
                    return finished.incrementAndGet();
                });
        RuntimeException thrown = assertThrows(RuntimeException.class, () -> Concurrently.run(spark, steps));
        assertSame(first, thrown);
        assertEquals(1, finished.get(), "the slow step ended before the failure was reported");
    }

    @Test
    void oneThreadRunsTheStepsOneAfterAnotherOnTheCallersThread() {
        SparkSession spark = SharedSpark.session();
        spark.conf().set(Concurrently.THREADS_SETTING, "1");
        try {
            Set<Thread> threads = ConcurrentHashMap.newKeySet();
            List<Callable<Integer>> steps = List.of(() -> {
                threads.add(Thread.currentThread());
                return 1;
            }, () -> {
                threads.add(Thread.currentThread());
                return 2;
            });
            assertEquals(List.of(1, 2), Concurrently.run(spark, steps));
            assertEquals(Set.of(Thread.currentThread()), threads);
        } finally {
            spark.conf().unset(Concurrently.THREADS_SETTING);
        }
    }
}
