package io.crmanalytics.report;

import io.crmanalytics.contract.DataContract;
import io.crmanalytics.contract.GoldContract;
import io.crmanalytics.job.Job;
import io.crmanalytics.job.JobContext;
import io.crmanalytics.job.JobResult;
import io.crmanalytics.job.JobTables;
import io.crmanalytics.warehouse.Warehouse;
import java.util.List;

/** The {@code report} job: renders the run report from the gold tables of the run date. */
public final class ReportJob implements Job {
    public static final String NAME = "report";
    /** Row lists of the result: the files written (one row) and the sections whose tables are absent. */
    public static final String FILES = "files";
    public static final String SECTIONS_NOT_RUN = "sections_not_run";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<Warehouse.TableRef> inputs() {
        return JobTables.concat(JobTables.silver(DataContract.ENTITIES),
                JobTables.gold(GoldContract.COMPLAINT_ROOT_CAUSES, GoldContract.COMPLAINT_TRENDS,
                        GoldContract.CUSTOMER_VALUE, GoldContract.PROPENSITY_EVALUATION, GoldContract.IVR_FUNNEL,
                        GoldContract.AGENT_SCORECARD, GoldContract.DATA_QUALITY));
    }

    @Override
    public List<Warehouse.TableRef> outputs() {
        return List.of();
    }

    @Override
    public JobResult run(JobContext context) {
        ReportWriter.Written report = ReportWriter.write(context);
        JobResult result = new JobResult(name())
                .figure("sections with data", report.sectionsRun().size())
                .figure("sections not run", report.sectionsNotRun().size())
                .row(FILES, "report", report.html(), "summary", report.summaryJson());
        report.sectionsNotRun().forEach(section -> result.row(SECTIONS_NOT_RUN, "section", section));
        return result;
    }
}
