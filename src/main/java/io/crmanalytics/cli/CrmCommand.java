package io.crmanalytics.cli;

import io.crmanalytics.job.JobContext;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** A {@code crm} command that works on the warehouse: the global options' context and the console. */
abstract class CrmCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    /** The global options ({@code --warehouse}, {@code --run-date}, ...) of this command line. */
    final Main main() {
        return Main.of(spec);
    }

    /** The job context of the global options; the SparkSession is created on first use. */
    final JobContext context() {
        return main().context(input());
    }

    /** The input folder this command reads besides the warehouse, if any (it counts in the data's size). */
    String input() {
        return null;
    }

    final PrintWriter out() {
        return spec.commandLine().getOut();
    }
}
