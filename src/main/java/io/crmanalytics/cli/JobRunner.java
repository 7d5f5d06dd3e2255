package io.crmanalytics.cli;

import io.crmanalytics.job.Job;
import io.crmanalytics.job.JobContext;
import io.crmanalytics.job.JobResult;
import io.crmanalytics.warehouse.RunLedger;
import java.util.Map;

/**
 * Runs a job with a start line and its wall time recorded in the result, then commits the run ledger, last, so
 * the gold tables the job wrote become visible together; a job that fails leaves readers on the previous run.
 */
final class JobRunner {
    private JobRunner() {
    }

    static JobResult run(Job job, JobContext context) {
        context.progress().info("%s (run date %s, warehouse %s)", job.name(), context.runDate(),
                context.warehouse().root());
        long start = System.nanoTime();
        RunLedger ledger = context.warehouse().ledger();
        Map<String, Long> before = ledger.pending();
        JobResult result;
        try {
            result = job.run(context);
        } catch (RuntimeException e) {
            ledger.abandonSince(before);
            throw e;
        }
        ledger.commit(job.name(), context.runDate());
        return result.seconds((System.nanoTime() - start) / 1e9);
    }
}
