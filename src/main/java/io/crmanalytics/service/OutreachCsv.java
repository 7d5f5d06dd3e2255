package io.crmanalytics.service;

import io.crmanalytics.job.JobContext;
import io.crmanalytics.warehouse.AtomicFile;
import io.crmanalytics.warehouse.SafeCsv;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The outreach list as one CSV file with a header, in working order, for a team that opens it in a spreadsheet:
 * {@code <warehouse>/outreach/<run_date>/proactive_outreach.csv}. The sorted rows stream through the driver into
 * {@link SafeCsv} (formula cells neutralised) and {@link AtomicFile} (renamed into place when complete); a re-run
 * replaces the file.
 */
public final class OutreachCsv {
    public static final String FILE_NAME = "proactive_outreach.csv";

    private OutreachCsv() {
    }

    public static String path(JobContext ctx) {
        return ctx.warehouse().folder("outreach") + "/" + ctx.runDate() + "/" + FILE_NAME;
    }

    /** Writes the ranked list (already carrying run_date) and returns the file's path. */
    public static String write(JobContext ctx, Dataset<Row> ranked, Column[] order, List<String> columns) {
        String target = path(ctx);
        Column[] selected = columns.stream().map(org.apache.spark.sql.functions::col).toArray(Column[]::new);
        // toLocalIterator reads the sorted range partitions in order, one at a time.
        Dataset<Row> rows = ranked.orderBy(order).select(selected);
        AtomicFile.write(ctx.spark().sparkContext().hadoopConfiguration(), target, out -> {
            PrintWriter writer = new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
            SafeCsv.write(rows, writer);
            writer.flush();
        });
        return target;
    }
}
