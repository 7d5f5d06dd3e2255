package io.crmanalytics.service;

import io.crmanalytics.job.JobContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The outreach list as one CSV file with a header, in working order, for a team that opens it in a spreadsheet:
 * {@code <warehouse>/outreach/<run_date>/proactive_outreach.csv}. Spark writes a folder of part files, so the
 * single part is written to a temporary folder beside the target and renamed; a re-run replaces the file.
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
        Path targetPath = new Path(target);
        Path temporary = new Path(targetPath.getParent(), "_writing-" + UUID.randomUUID());
        Column[] selected = columns.stream().map(org.apache.spark.sql.functions::col).toArray(Column[]::new);
        // Sort then coalesce(1): the single task concatenates the sorted range partitions in order.
        ranked.orderBy(order).select(selected).coalesce(1).write()
                .option("header", "true").option("emptyValue", "").csv(temporary.toString());
        try {
            FileSystem fs = ctx.warehouse().fileSystem(targetPath);
            List<Path> parts = new ArrayList<>();
            for (FileStatus status : fs.listStatus(temporary)) {
                if (status.getPath().getName().startsWith("part-")) {
                    parts.add(status.getPath());
                }
            }
            if (parts.size() != 1) {
                throw new IllegalStateException("expected one CSV part in " + temporary + ", found " + parts.size());
            }
            fs.delete(targetPath, false);
            if (!fs.rename(parts.get(0), targetPath)) {
                throw new IOException("cannot move " + parts.get(0) + " to " + targetPath);
            }
            fs.delete(temporary, true);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
