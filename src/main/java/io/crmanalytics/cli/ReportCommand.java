package io.crmanalytics.cli;

import io.crmanalytics.job.Job;
import io.crmanalytics.report.ReportJob;
import picocli.CommandLine.Command;

/** {@code crm report}: the run report (HTML + summary.json) from whichever gold tables exist for the run date. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Write <warehouse>/reports/<run_date>/report.html and summary.json from the gold tables.")
final class ReportCommand extends JobCommand {
    @Override
    public Job job() {
        return new ReportJob();
    }
}
