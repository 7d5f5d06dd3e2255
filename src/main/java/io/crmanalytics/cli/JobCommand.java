package io.crmanalytics.cli;

import io.crmanalytics.core.InvalidOption;
import io.crmanalytics.job.Job;
import io.crmanalytics.job.JobContext;
import io.crmanalytics.job.JobResult;
import io.crmanalytics.warehouse.WriterLease;
import java.util.Map;

/**
 * A command that runs one {@link Job}: the subclass turns its parsed options into the job; this class runs it
 * against the global options' context and prints the result. {@code crm run} uses {@link #configuredJob()} directly.
 */
public abstract class JobCommand extends CrmCommand {
    /** The job configured from this command's parsed options. */
    public abstract Job job();

    /**
     * {@link #job()}, with an option out of its domain ({@link InvalidOption}, worded in the options record's
     * terms) reported with this command's flag instead.
     */
    public final Job configuredJob() {
        return OptionFlags.reworded(spec, flagsOfFields(), this::job);
    }

    /**
     * The flags of the options record's fields whose flag is not the field's name in kebab case (none by default):
     * see {@link OptionFlags}.
     */
    protected Map<String, String> flagsOfFields() {
        return Map.of();
    }

    @Override
    public Integer call() {
        JobContext context = context();
        try (WriterLease lease = main().writerLease(context, spec.qualifiedName(" ").replaceFirst("^crm ", ""))) {
            JobResult result = JobRunner.run(configuredJob(), context);
            ResultPrinter.print(result, out());
        }
        return 0;
    }
}
