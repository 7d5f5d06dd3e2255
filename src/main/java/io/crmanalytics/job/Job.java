package io.crmanalytics.job;

import io.crmanalytics.warehouse.Warehouse;
import java.util.List;

/**
 * One batch job: reads silver or gold tables, writes only its own gold tables (each in one atomic Delta
 * commit) and returns a small result. Options are given to the job's constructor, typed.
 */
public interface Job {
    /** Short snake_case name, as in the job graph and the run summary. */
    String name();

    /**
     * Every table the job reads, from the two contracts ({@link JobTables#silver}, {@link JobTables#gold}),
     * including those it reads only when present: {@code crm run} refuses a graph in which a gold input is not
     * written by an earlier job.
     */
    List<Warehouse.TableRef> inputs();

    /** Every table the job writes (gold tables of {@code GoldContract}; silver entities for ingest). */
    List<Warehouse.TableRef> outputs();

    JobResult run(JobContext context);
}
