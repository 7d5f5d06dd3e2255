package io.crmanalytics.cli;

import io.crmanalytics.job.Job;
import io.crmanalytics.job.JobContext;
import io.crmanalytics.job.JobResult;
import io.crmanalytics.warehouse.WriterLease;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * A command that runs one {@link Job}: the subclass turns its parsed options into the job; this class runs it
 * against the global options' context and prints the result. {@code crm run} uses {@link #job()} directly.
 */
public abstract class JobCommand implements Callable<Integer> {
    @Spec
    protected CommandSpec spec;

    /** The job configured from this command's parsed options. */
    public abstract Job job();

    protected Main root() {
        return (Main) spec.root().userObject();
    }

    @Override
    public Integer call() {
        JobContext context = root().context();
        try (WriterLease lease = root().writerLease(context, spec.qualifiedName(" ").replaceFirst("^crm ", ""))) {
            JobResult result = JobRunner.run(job(), context);
            ResultPrinter.print(result, spec.commandLine().getOut());
        }
        return 0;
    }
}
