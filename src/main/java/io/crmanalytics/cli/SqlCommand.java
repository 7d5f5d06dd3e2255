package io.crmanalytics.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.crmanalytics.core.UserException;
import io.crmanalytics.erasure.Erasure;
import io.crmanalytics.job.JobContext;
import io.crmanalytics.publish.ExportAudit;
import io.crmanalytics.quality.PiiMasking;
import io.crmanalytics.warehouse.ReadOnlySql;
import io.crmanalytics.warehouse.SafeCsv;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code crm sql}: read-only Spark SQL over the warehouse, tables named {@code bronze.x}, {@code silver.x},
 * {@code quarantine.x}, {@code gold.x} ({@link ReadOnlySql} decides what may run), personal data masked
 * ({@link PiiMasking}) unless {@code --unmask-pii}, which is recorded in the export audit log first. Only the
 * result goes to stdout, so CSV and JSON output can be piped.
 */
@Command(name = "sql", mixinStandardHelpOptions = true,
        description = "Run a read-only query (SELECT, WITH, SHOW, DESCRIBE, EXPLAIN) over the warehouse "
                + "(tables bronze.x, silver.x, quarantine.x, gold.x). Personal data is masked unless --unmask-pii.")
final class SqlCommand extends CrmCommand {
    enum Format { table, csv, json }

    private static final String RUN_SQL_ON_FILES = "spark.sql.runSQLOnFiles";


    @Parameters(index = "0", arity = "0..1", paramLabel = "QUERY", description = "The SQL query (or --stdin).")
    String query;

    @Option(names = "--format", defaultValue = "table",
            description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Format format;

    @Option(names = "--limit", defaultValue = "1000",
            description = "At most this many rows; 0 for all (default: ${DEFAULT-VALUE}).")
    int limit;

    @Option(names = "--unmask-pii",
            description = "Show personal data in clear; recorded (OS user, tables, query hash) in the audit log.")
    boolean unmaskPii;

    @Option(names = "--stdin",
            description = "Answer many queries in one session (one JVM start): read one JSON request a line on stdin, "
                    + "{\"sql\": \"...\"}, and write one JSON line back for each, {\"ok\": true, \"output\": \"...\"} "
                    + "in --format, or {\"ok\": false, \"error\": \"...\"}. Ends at the end of stdin.")
    boolean stdin;

    @Override
    public Integer call() throws IOException {
        if (limit < 0) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--limit must be 0 or more");
        }
        if ((query == null) == !stdin) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "give either a QUERY or --stdin (one JSON request a line)");
        }
        JobContext context = context();
        SparkSession spark = context.spark();
        // Path sources (csv.`/file`) are refused on the plan; switching Spark's resolution of them off as well.
        String runSqlOnFiles = spark.conf().get(RUN_SQL_ON_FILES, "true");
        spark.conf().set(RUN_SQL_ON_FILES, "false");
        try {
            if (stdin) {
                serve(context);
            } else {
                PrintWriter out = out();
                answer(context, query, out);
                out.flush();
            }
        } finally {
            spark.conf().set(RUN_SQL_ON_FILES, runSqlOnFiles);
        }
        return 0;
    }

    /**
     * The --stdin session: each request is answered on its own, through the same door, masking and audit as a
     * QUERY argument; a refused or failing query is answered with its one-line error and the session goes on.
     */
    private void serve(JobContext context) throws IOException {
        ObjectMapper json = new ObjectMapper();
        BufferedReader requests = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        PrintWriter out = out();
        for (String line = requests.readLine(); line != null; line = requests.readLine()) {
            if (line.isBlank()) {
                continue;
            }
            ObjectNode response = json.createObjectNode();
            try {
                JsonNode request = json.readTree(line);
                if (request == null || !request.path("sql").isTextual()) {
                    throw new UserException("a request is one JSON object a line with a text field \"sql\"");
                }
                StringWriter answer = new StringWriter();
                try (PrintWriter writer = new PrintWriter(answer)) {
                    answer(context, request.get("sql").asText(), writer);
                }
                response.put("ok", true).put("output", answer.toString());
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                response.put("ok", false).put("error", "not a JSON request: " + e.getOriginalMessage());
            } catch (RuntimeException e) {
                response.put("ok", false).put("error", ErrorMessages.oneLine(e));
            }
            out.println(json.writeValueAsString(response));
            out.flush();
        }
    }

    /** One statement through the door: parsed, masked unless --unmask-pii (audited), run, printed. */
    private void answer(JobContext context, String sql, PrintWriter out) {
        ReadOnlySql door = new ReadOnlySql(context.warehouse(), Erasure.tablesAwaitingPurge(context.warehouse()));
        LogicalPlan plan = door.parse(sql);
        ReadOnlySql.tablesNamed(plan).ifPresentOrElse(context.warehouse()::registerTables,
                context.warehouse()::registerTables);
        if (!unmaskPii) {
            plan = new PiiMasking(context.warehouse()).maskTables(plan);
        }
        ReadOnlySql.Analysis analysis = door.analyze(plan);
        if (unmaskPii) {
            ExportAudit.recordUnmasking(context, analysis.tables(), sql);
        }
        Dataset<Row> result = door.run(plan);
        if (!unmaskPii) {
            result = PiiMasking.redactValues(result);
        }
        if (limit > 0) {
            result = result.limit(limit);
        }
        print(result, out);
    }

    private void print(Dataset<Row> result, PrintWriter out) {
        switch (format) {
            case csv -> SafeCsv.write(result, out);
            case json -> result.toJSON().toLocalIterator().forEachRemaining(out::println);
            case table -> {
                List<Row> rows = result.collectAsList();
                TextTables.writeTable(result.columns(), rows, out);
                out.printf(Locale.ROOT, "(%d rows)%n", rows.size());
            }
        }
        out.flush();
    }
}
