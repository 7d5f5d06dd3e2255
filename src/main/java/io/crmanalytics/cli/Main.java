package io.crmanalytics.cli;

import io.crmanalytics.core.Progress;
import io.crmanalytics.core.UserException;
import io.crmanalytics.job.JobContext;
import io.crmanalytics.warehouse.CodeGeneration;
import io.crmanalytics.warehouse.SparkSessions;
import io.crmanalytics.warehouse.Warehouse;
import io.crmanalytics.warehouse.WriterLease;
import java.io.PrintWriter;
import java.time.LocalDate;
import java.time.ZoneId;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The {@code crm} command: global options, the subcommands, and the one place that turns failures into a
 * clear line and an exit code (2 for usage, 1 for failure). bin/crm and spark-submit both start here.
 */
@Command(name = "crm", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Analytical-CRM batch pipeline on Apache Spark.",
        subcommands = {
                CommandLine.HelpCommand.class,
                RunCommand.class,
                GenerateCommand.class,
                IngestCommand.class,
                TablesCommand.class,
                SqlCommand.class,
                ClvCommand.class,
                ServiceCommand.class,
                ReportCommand.class,
                PublishCommand.class,
                SegmentsCommand.class,
                AuditCommand.class,
                RootCausesCommand.class,
                PropensityCommand.class,
                ForgetCommand.class
        })
public final class Main extends CommandGroup {
    public static final int EXIT_FAILURE = 1;
    public static final int EXIT_USAGE = 2;

    @Option(names = "--warehouse", scope = ScopeType.INHERIT, defaultValue = "./warehouse",
            description = "Warehouse folder or URI (default: ${DEFAULT-VALUE}).")
    String warehouse;

    @Option(names = "--run-date", scope = ScopeType.INHERIT,
            description = "The date jobs compute for, YYYY-MM-DD (default: today in --time-zone).")
    LocalDate runDate;

    @Option(names = "--master", scope = ScopeType.INHERIT, defaultValue = "local[*]",
            description = "Spark master URL (default: ${DEFAULT-VALUE}; ignored under spark-submit).")
    String master;

    @Option(names = "--time-zone", scope = ScopeType.INHERIT, defaultValue = "UTC",
            description = "Time zone of timestamps that carry no offset (default: ${DEFAULT-VALUE}).")
    ZoneId timeZone;

    @Option(names = "--config", scope = ScopeType.INHERIT, paramLabel = "FILE",
            description = "YAML or JSON file with defaults for any option (see README).")
    String config;

    @Option(names = "--verbose", scope = ScopeType.INHERIT, description = "Show Spark's logs and stack traces.")
    boolean verbose;

    @Option(names = "--take-over-lease", scope = ScopeType.INHERIT,
            description = "Take the warehouse's writer lease even if another process seems to hold it "
                    + "(only when you know that process is gone).")
    boolean takeOverLease;

    /** The global options of any command's command line. */
    static Main of(CommandSpec spec) {
        return (Main) spec.root().userObject();
    }

    /** The job context for the parsed global options; the SparkSession is created on first use. */
    public JobContext context() {
        return context(null);
    }

    /**
     * The job context, for a command that also reads {@code input} (a folder or file; null for none): Spark's code
     * generation is chosen from the size of the warehouse and that input ({@link CodeGeneration}).
     */
    public JobContext context(String input) {
        LocalDate date = runDate != null ? runDate : LocalDate.now(timeZone);
        SparkSession spark = SparkRuntime.session(master, timeZone, verbose);
        Warehouse store = new Warehouse(spark, warehouse);
        String codegen = CodeGeneration.chooseFor(spark, CodeGeneration.bytesUnder(spark, store.root(), input));
        Progress progress = Progress.toStderr();
        if (verbose) {
            progress.info("Spark code generation: %s", codegen);
        }
        return new JobContext(spark, store, date, timeZone, progress);
    }

    /** The warehouse's writer lease for a writing command; close it when the command ends. */
    public WriterLease writerLease(JobContext context, String command) {
        return WriterLease.acquire(context.warehouse(), command, takeOverLease);
    }

    public boolean verbose() {
        return verbose;
    }

    public static void main(String[] args) {
        boolean verbose = java.util.Arrays.asList(args).contains("--verbose");
        if (!verbose) {
            SparkSessions.quietLogging();
        } else if (System.getProperty("log4j2.configurationFile") == null) {
            System.setProperty("log4j2.configurationFile", "crm-log4j2-verbose.properties");
        }
        int code = execute(args);
        SparkRuntime.stop();
        System.exit(code);
    }

    /** Parses and runs one command line; returns the exit code. Used by main, by `crm run` and by tests. */
    public static int execute(String... args) {
        CommandLine cli;
        try {
            cli = commandLine(args);
        } catch (UserException e) {
            System.err.println("crm: " + e.getMessage());
            return EXIT_FAILURE;
        }
        return cli.execute(args);
    }

    /** A configured command line (config-file defaults, error handlers) for the given arguments. */
    public static CommandLine commandLine(String... args) {
        CommandLine cli = new CommandLine(new Main());
        cli.setDefaultValueProvider(ConfigDefaults.fromArgs(args));
        cli.setParameterExceptionHandler(Main::onUsageError);
        cli.setExecutionExceptionHandler(Main::onFailure);
        return cli;
    }

    private static int onUsageError(CommandLine.ParameterException e, String[] args) {
        PrintWriter err = e.getCommandLine().getErr();
        err.println("crm: " + e.getMessage());
        err.println("Try '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help' for usage.");
        err.flush();
        return EXIT_USAGE;
    }

    private static int onFailure(Exception e, CommandLine cli, CommandLine.ParseResult parsed) {
        PrintWriter err = cli.getErr();
        boolean verbose = parsed.hasMatchedOption("--verbose")
                || parsed.asCommandLineList().stream().anyMatch(c -> c.getParseResult().hasMatchedOption("--verbose"));
        err.println("crm: " + ErrorMessages.oneLine(e));
        if (verbose) {
            e.printStackTrace(err);
        } else if (!(e instanceof UserException) && !(e instanceof CommandLine.ParameterException)) {
            err.println("crm: (run again with --verbose for the stack trace)");
        }
        err.flush();
        return e instanceof CommandLine.ParameterException ? EXIT_USAGE : EXIT_FAILURE;
    }
}
