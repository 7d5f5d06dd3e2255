package io.crmanalytics.report;

import io.crmanalytics.job.Job;
import io.crmanalytics.job.JobContext;
import io.crmanalytics.job.JobResult;

/** The {@code report} job: renders the run report from the gold tables of the run date. */
public final class ReportJob implements Job {
    @Override
    public String name() {
        return "report";
    }

    @Override
    public JobResult run(JobContext context) {
        ReportWriter.Written report = ReportWriter.write(context);
        JobResult result = new JobResult(name())
                .figure("sections with data", report.sectionsRun().size())
                .figure("sections not run", report.sectionsNotRun().size())
                .line("report:  " + report.html())
                .line("summary: " + report.summaryJson());
        if (!report.sectionsNotRun().isEmpty()) {
            result.line("not run: " + String.join(", ", report.sectionsNotRun()));
        }
        return result;
    }
}
