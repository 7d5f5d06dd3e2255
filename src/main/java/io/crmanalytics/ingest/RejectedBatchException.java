package io.crmanalytics.ingest;

import io.crmanalytics.core.UserException;
import io.crmanalytics.job.JobResult;
import java.util.List;

/**
 * An ingest that wrote bronze and quarantine but left some silver tables as they were because too many of
 * their rows were rejected. The CLI prints the message as one line and exits 1; the result and the reports
 * are kept for callers that want the full accounting.
 */
public final class RejectedBatchException extends UserException {
    private final transient JobResult result;
    private final transient List<EntityReport> reports;

    RejectedBatchException(String message, JobResult result, List<EntityReport> reports) {
        super(message);
        this.result = result;
        this.reports = List.copyOf(reports);
    }

    public JobResult result() {
        return result;
    }

    public List<EntityReport> reports() {
        return reports;
    }
}
