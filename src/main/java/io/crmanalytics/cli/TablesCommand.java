package io.crmanalytics.cli;

import io.crmanalytics.job.Concurrently;
import io.crmanalytics.job.JobContext;
import io.crmanalytics.warehouse.Warehouse;
import io.crmanalytics.warehouse.Warehouse.TableRef;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Row;
import picocli.CommandLine.Command;

/** {@code crm tables}: every table in the warehouse with its row count, Delta version and last change. */
@Command(name = "tables", mixinStandardHelpOptions = true,
        description = "List every table in the warehouse with row count, Delta version and last change.")
final class TablesCommand extends CrmCommand {
    @Override
    public Integer call() {
        JobContext context = context();
        Warehouse warehouse = context.warehouse();
        PrintWriter out = out();
        List<TableRef> tables = warehouse.tables();
        if (tables.isEmpty()) {
            out.println("no tables in " + warehouse.root() + " (run `crm ingest --input DIR` first)");
            out.flush();
            return 0;
        }
        out.printf(Locale.ROOT, "%-36s %12s %8s  %s%n", "table", "rows", "version", "last change (UTC)");
        // A row count and the last commit of each table: mostly driver work (a Delta log read, a small job), so a
        // few tables at a time (Concurrently) while another's tasks use the cores; printed in the listing's order.
        List<Callable<String>> lines = new ArrayList<>();
        for (TableRef table : tables) {
            lines.add(() -> line(context, warehouse, table));
        }
        Concurrently.run(context.spark(), lines).forEach(out::print);
        out.flush();
        return 0;
    }

    private static String line(JobContext context, Warehouse warehouse, TableRef table) {
        String path = warehouse.path(table.layer(), table.name());
        long rows = context.spark().read().format("delta").load(path).count();
        Row last = io.delta.tables.DeltaTable.forPath(context.spark(), path).history(1)
                .select("version", "timestamp", "operation").first();
        return String.format(Locale.ROOT, "%-36s %,12d %8d  %s (%s)%n", table.qualifiedName(), rows, last.getLong(0),
                last.getTimestamp(1).toInstant().toString(), last.getString(2));
    }
}
