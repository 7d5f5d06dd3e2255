package io.crmanalytics.cli;

import io.crmanalytics.job.JobContext;
import io.crmanalytics.publish.ExportAudit;
import io.crmanalytics.quality.PiiMasking;
import io.crmanalytics.warehouse.ReadOnlySql;
import io.crmanalytics.warehouse.SafeCsv;
import java.io.PrintWriter;
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


    @Parameters(index = "0", paramLabel = "QUERY", description = "The SQL query.")
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

    @Override
    public Integer call() {
        if (limit < 0) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--limit must be 0 or more");
        }
        JobContext context = context();
        SparkSession spark = context.spark();
        // Path sources (csv.`/file`) are refused on the plan; switching Spark's resolution of them off as well.
        String runSqlOnFiles = spark.conf().get(RUN_SQL_ON_FILES, "true");
        spark.conf().set(RUN_SQL_ON_FILES, "false");
        try {
            ReadOnlySql door = new ReadOnlySql(context.warehouse());
            LogicalPlan plan = door.parse(query);
            ReadOnlySql.tablesNamed(plan).ifPresentOrElse(context.warehouse()::registerTables,
                    context.warehouse()::registerTables);
            if (!unmaskPii) {
                plan = new PiiMasking(context.warehouse()).maskTables(plan);
            }
            ReadOnlySql.Analysis analysis = door.analyze(plan);
            if (unmaskPii) {
                ExportAudit.recordUnmasking(context, analysis.tables(), query);
            }
            Dataset<Row> result = door.run(plan);
            if (!unmaskPii) {
                result = PiiMasking.redactValues(result);
            }
            if (limit > 0) {
                result = result.limit(limit);
            }
            print(result);
        } finally {
            spark.conf().set(RUN_SQL_ON_FILES, runSqlOnFiles);
        }
        return 0;
    }

    private void print(Dataset<Row> result) {
        PrintWriter out = out();
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
