package io.crmanalytics.cli;

import io.crmanalytics.job.JobContext;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code crm sql}: Spark SQL over the warehouse, tables named {@code bronze.x}, {@code silver.x},
 * {@code quarantine.x}, {@code gold.x}. Only the result goes to stdout, so CSV and JSON output can be piped.
 */
@Command(name = "sql", mixinStandardHelpOptions = true,
        description = "Run Spark SQL over the warehouse (tables bronze.x, silver.x, quarantine.x, gold.x).")
final class SqlCommand implements Callable<Integer> {
    enum Format { table, csv, json }

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "QUERY", description = "The SQL query.")
    String query;

    @Option(names = "--format", defaultValue = "table",
            description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Format format;

    @Option(names = "--limit", defaultValue = "1000",
            description = "At most this many rows; 0 for all (default: ${DEFAULT-VALUE}).")
    int limit;

    @Override
    public Integer call() {
        if (limit < 0) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--limit must be 0 or more");
        }
        JobContext context = ((Main) spec.root().userObject()).context();
        context.warehouse().registerTables();
        Dataset<Row> result = context.spark().sql(query);
        if (limit > 0) {
            result = result.limit(limit);
        }
        PrintWriter out = spec.commandLine().getOut();
        switch (format) {
            case csv -> TextTables.writeCsv(result, out);
            case json -> result.toJSON().toLocalIterator().forEachRemaining(out::println);
            case table -> {
                List<Row> rows = result.collectAsList();
                TextTables.writeTable(result.columns(), rows, out);
                out.printf(Locale.ROOT, "(%d rows)%n", rows.size());
            }
        }
        out.flush();
        return 0;
    }
}
