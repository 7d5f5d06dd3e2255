package io.crmanalytics.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.crmanalytics.core.UserException;
import io.crmanalytics.job.Job;
import io.crmanalytics.job.JobContext;
import io.crmanalytics.job.JobGraph;
import io.crmanalytics.job.JobResult;
import io.crmanalytics.warehouse.AtomicFile;
import io.crmanalytics.warehouse.CodeGeneration;
import io.crmanalytics.warehouse.WriterLease;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code crm run}: the nightly pipeline. Runs the jobs of the job graph in order in this process (one
 * SparkSession for all), one progress line per job, then a summary, also written as
 * {@code <warehouse>/runs/<run_date>/run_summary.json}. Stops at the first failing job: later jobs depend on it.
 * Before the first job starts, every job is configured from its command line and the graph is checked against
 * the jobs' declared inputs and outputs ({@link JobGraph#checkInputs}), so a graph that cannot work does no work.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run the nightly job graph (jobs/nightly.json) on an input folder.")
final class RunCommand extends CrmCommand {
    @Option(names = "--input", required = true, paramLabel = "DIR", description = "Input folder (data contract).")
    String input;

    @Override
    String input() {
        return input;
    }

    @Option(names = "--graph", paramLabel = "FILE",
            description = "Job graph file (default: jobs/nightly.json of this installation).")
    Path graph;

    /** Ingest's options (--encoding, --strict, ...): those given here are passed to the graph's ingest step. */
    @Mixin
    IngestFlags ingestFlags;

    @Override
    public Integer call() {
        Main main = main();
        JobGraph jobs = loadGraph();
        JobContext context = context();
        try (WriterLease lease = main.writerLease(context, "run")) {
            return runJobs(main, jobs, context);
        }
    }

    private int runJobs(Main main, JobGraph jobs, JobContext context) {
        PrintWriter out = out();
        Map<String, String> variables = Map.of("input", input, "run_date", context.runDate().toString(),
                "warehouse", main.warehouse);
        // Every job is configured, and the graph's inputs checked, before the first one starts.
        List<String> ingestArgs = IngestFlags.given(spec, "ingestFlags");
        if (!ingestArgs.isEmpty() && jobs.nodes().stream().noneMatch(RunCommand::isIngest)) {
            throw new UserException(String.join(" ", ingestArgs) + " is for the ingest step, and the job graph has "
                    + "none");
        }
        List<Job> configured = new ArrayList<>();
        for (JobGraph.Node node : jobs.nodes()) {
            List<String> args = new ArrayList<>(globalArgs(main, context));
            args.addAll(node.commandWith(variables));
            if (isIngest(node)) {
                args.addAll(ingestArgs);
            }
            configured.add(jobCommand(node, args).configuredJob());
        }
        JobGraph.checkInputs(configured);
        List<JobResult> results = new ArrayList<>();
        int index = 0;
        for (JobGraph.Node node : jobs.nodes()) {
            Job job = configured.get(index);
            index++;
            JobResult result;
            try {
                result = JobRunner.run(job, context);
            } catch (RuntimeException e) {
                out.printf(Locale.ROOT, "[%d/%d] %-22s FAILED: %s%n", index, jobs.nodes().size(), node.name(),
                        ErrorMessages.oneLine(e));
                out.flush();
                writeSummary(context, results, node.name());
                throw e;
            }
            results.add(result);
            out.printf(Locale.ROOT, "[%d/%d] %-22s %,12d rows written %8.1fs%n", index, jobs.nodes().size(),
                    node.name(), result.rowsWritten(), result.seconds());
            out.flush();
        }
        out.println();
        results.forEach(r -> ResultPrinter.print(r, out));
        writeSummary(context, results, null);
        return 0;
    }

    private static boolean isIngest(JobGraph.Node node) {
        return !node.command().isEmpty() && node.command().get(0).equals("ingest");
    }

    private JobGraph loadGraph() {
        Path file = graph;
        if (file == null) {
            String home = System.getProperty("crm.home");
            Path candidate = home == null ? null : Path.of(home, "jobs", "nightly.json");
            if (candidate != null && Files.isRegularFile(candidate)) {
                file = candidate;
            }
        }
        if (file == null) {
            // Packaged in the application jar for spark-submit on a cluster.
            InputStream packaged = RunCommand.class.getResourceAsStream("/jobs/nightly.json");
            if (packaged == null) {
                throw new UserException("no job graph found: pass --graph FILE");
            }
            return JobGraph.read(packaged, "jobs/nightly.json (packaged)");
        }
        if (!Files.isRegularFile(file)) {
            throw new UserException("job graph not found: " + file);
        }
        try (InputStream in = new FileInputStream(file.toFile())) {
            return JobGraph.read(in, file.toString());
        } catch (IOException e) {
            throw new UserException("cannot read job graph " + file + ": " + e.getMessage(), e);
        }
    }

    private static List<String> globalArgs(Main main, JobContext context) {
        List<String> args = new ArrayList<>(List.of("--warehouse", main.warehouse, "--run-date",
                context.runDate().toString(), "--time-zone", context.timeZone().getId()));
        if (main.config != null) {
            args.addAll(List.of("--config", main.config));
        }
        return args;
    }

    /** Parses the job's command line with the real CLI, so the graph can only hold what `crm` accepts. */
    private static JobCommand jobCommand(JobGraph.Node node, List<String> args) {
        CommandLine cli = Main.commandLine(args.toArray(String[]::new));
        CommandLine.ParseResult parsed;
        try {
            parsed = cli.parseArgs(args.toArray(String[]::new));
        } catch (CommandLine.ParameterException e) {
            throw new UserException("job '" + node.name() + "' in the job graph: " + e.getMessage(), e);
        }
        while (parsed.hasSubcommand()) {
            parsed = parsed.subcommand();
        }
        Object command = parsed.commandSpec().userObject();
        if (!(command instanceof JobCommand jobCommand)) {
            throw new UserException("job '" + node.name() + "' runs `" + parsed.commandSpec().qualifiedName()
                    + "`, which is not a job");
        }
        return jobCommand;
    }

    private static void writeSummary(JobContext context, List<JobResult> results, String failedJob) {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("run_date", context.runDate().toString());
        summary.put("status", failedJob == null ? "succeeded" : "failed");
        if (failedJob != null) {
            summary.put("failed_job", failedJob);
        }
        List<Map<String, Object>> jobs = new ArrayList<>();
        for (JobResult r : results) {
            Map<String, Object> job = new LinkedHashMap<>();
            job.put("job", r.job());
            job.put("seconds", Math.round(r.seconds() * 10) / 10.0);
            job.put("tables", r.tablesWritten());
            job.put("figures", r.figures());
            jobs.add(job);
        }
        summary.put("jobs", jobs);
        summary.put("spark_code_generation", CodeGeneration.state(context.spark()));
        String path = context.warehouse().folder("runs") + "/" + context.runDate() + "/run_summary.json";
        // Atomic: a scheduler polling for the summary never parses half of it.
        AtomicFile.write(context.spark().sparkContext().hadoopConfiguration(), path,
                out -> new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                        .disable(com.fasterxml.jackson.core.JsonGenerator.Feature.AUTO_CLOSE_TARGET)
                        .writeValue(out, summary));
    }
}
