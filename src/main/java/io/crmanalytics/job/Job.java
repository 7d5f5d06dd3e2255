package io.crmanalytics.job;

/**
 * One batch job: reads silver or gold tables, writes only its own gold tables (each in one atomic Delta
 * commit) and returns a small result. Options are given to the job's constructor, typed.
 */
public interface Job {
    /** Short snake_case name, as in the job graph and the run summary. */
    String name();

    JobResult run(JobContext context);
}
