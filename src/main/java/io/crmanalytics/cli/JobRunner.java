package io.crmanalytics.cli;

import io.crmanalytics.job.Job;
import io.crmanalytics.job.JobContext;
import io.crmanalytics.job.JobResult;

/** Runs a job with a start line and its wall time recorded in the result. */
final class JobRunner {
    private JobRunner() {
    }

    static JobResult run(Job job, JobContext context) {
        context.progress().info("%s (run date %s, warehouse %s)", job.name(), context.runDate(),
                context.warehouse().root());
        long start = System.nanoTime();
        JobResult result = job.run(context);
        return result.seconds((System.nanoTime() - start) / 1e9);
    }
}
