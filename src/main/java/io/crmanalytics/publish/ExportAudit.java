package io.crmanalytics.publish;

import io.crmanalytics.job.JobContext;
import io.crmanalytics.core.UserException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The audit trail of personal-data exports: one tab-separated line per segment export appended to
 * {@code <warehouse>/audit/exports.log}: time (UTC), OS user, segment, row count, run date, output file.
 */
public final class ExportAudit {
    public static final String LOG = "exports.log";

    private ExportAudit() {
    }

    public static String path(JobContext ctx) {
        return ctx.warehouse().folder("audit") + "/" + LOG;
    }

    public static String line(Instant time, String user, String segment, long rows, JobContext ctx, String out) {
        return String.join("\t", time.truncatedTo(ChronoUnit.SECONDS).toString(), "user=" + user,
                "segment=" + segment, "rows=" + rows, "run_date=" + ctx.runDate(), "out=" + out);
    }

    /**
     * Appends one line. Object stores cannot append, so the log is rewritten whole there; on a local or HDFS
     * warehouse the line is appended in place.
     */
    public static synchronized void append(JobContext ctx, String segment, long rows, String out) {
        String text = line(Instant.now(), System.getProperty("user.name"), segment, rows, ctx, out) + "\n";
        Path log = new Path(path(ctx));
        try {
            FileSystem fs = ctx.warehouse().fileSystem(log);
            // The raw local file system appends in place; the checksummed one would leave a stale .crc beside it.
            if (fs instanceof LocalFileSystem local) {
                fs = local.getRawFileSystem();
            }
            fs.mkdirs(log.getParent());
            if (!fs.exists(log)) {
                try (OutputStream stream = fs.create(log, false)) {
                    stream.write(text.getBytes(StandardCharsets.UTF_8));
                }
                return;
            }
            try (OutputStream stream = fs.append(log)) {
                stream.write(text.getBytes(StandardCharsets.UTF_8));
            } catch (UnsupportedOperationException | IOException appendNotSupported) {
                rewrite(fs, log, text);
            }
        } catch (IOException e) {
            throw new UserException("cannot write the export audit log " + log + ": " + e.getMessage(), e);
        }
    }

    private static void rewrite(FileSystem fs, Path log, String text) throws IOException {
        ByteArrayOutputStream existing = new ByteArrayOutputStream();
        try (InputStream in = fs.open(log)) {
            in.transferTo(existing);
        }
        existing.write(text.getBytes(StandardCharsets.UTF_8));
        try (OutputStream stream = fs.create(log, true)) {
            existing.writeTo(stream);
        }
    }
}
