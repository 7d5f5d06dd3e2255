package io.crmanalytics.cli;

import io.crmanalytics.core.InvalidOption;
import io.crmanalytics.core.UserException;
import io.crmanalytics.job.Job;
import io.crmanalytics.job.JobContext;
import io.crmanalytics.job.JobResult;
import io.crmanalytics.warehouse.WriterLease;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * A command that runs one {@link Job}: the subclass turns its parsed options into the job; this class runs it
 * against the global options' context and prints the result. {@code crm run} uses {@link #configuredJob()} directly.
 */
public abstract class JobCommand implements Callable<Integer> {
    @Spec
    protected CommandSpec spec;

    /** The job configured from this command's parsed options. */
    public abstract Job job();

    protected Main root() {
        return (Main) spec.root().userObject();
    }

    /**
     * {@link #job()}, with an option out of its domain ({@link InvalidOption}, worded in the options record's
     * terms) reported with this command's flag instead.
     */
    public final Job configuredJob() {
        try {
            return job();
        } catch (InvalidOption e) {
            String flag = "--" + e.option().replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
            if (spec.findOption(flag) == null) {
                throw e;
            }
            throw new UserException(e.messageFor(flag), e);
        }
    }

    @Override
    public Integer call() {
        JobContext context = root().context();
        try (WriterLease lease = root().writerLease(context, spec.qualifiedName(" ").replaceFirst("^crm ", ""))) {
            JobResult result = JobRunner.run(configuredJob(), context);
            ResultPrinter.print(result, spec.commandLine().getOut());
        }
        return 0;
    }
}
