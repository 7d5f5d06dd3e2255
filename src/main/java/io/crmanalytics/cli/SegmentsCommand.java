package io.crmanalytics.cli;

import io.crmanalytics.core.UserException;
import io.crmanalytics.job.JobContext;
import io.crmanalytics.publish.ExportAudit;
import io.crmanalytics.publish.Segments;
import io.crmanalytics.publish.Segments.Segment;
import io.crmanalytics.warehouse.AtomicFile;
import io.crmanalytics.warehouse.SafeCsv;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code crm segments list|export}: marketing segments and consented campaign lists. */
@Command(name = "segments", mixinStandardHelpOptions = true,
        description = "Marketing segments from the gold tables (as of --run-date): list them, export one.",
        subcommands = {SegmentsCommand.List.class, SegmentsCommand.Export.class})
final class SegmentsCommand extends CommandGroup {
    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "One line per segment: name, size (customers), definition.")
    static final class List extends CrmCommand {
        @Override
        public Integer call() {
            Segments segments = new Segments(context());
            java.util.List<Segment> all = segments.allOrFail();
            PrintWriter out = out();
            Map<String, Long> sizes = segments.sizes(all);
            for (Segment segment : all) {
                out.printf(Locale.ROOT, "%-40s %,10d  %s%n", segment.name(), sizes.get(segment.name()),
                        segment.definition());
            }
            out.flush();
            return 0;
        }
    }

    @Command(name = "export", mixinStandardHelpOptions = true,
            description = "Write a segment's campaign list as CSV: consented customers only, with the columns "
                    + "--columns names. Each export is first recorded in the hash-chained "
                    + "<warehouse>/audit/exports.log (OS user, time, segment, rows, columns); the file appears "
                    + "only once that line is written.")
    static final class Export extends CrmCommand {
        @Option(names = "--segment", required = true, paramLabel = "NAME",
                description = "Segment name as shown by `crm segments list`.")
        String segment;

        @Option(names = "--out", required = true, paramLabel = "FILE.csv",
                description = "CSV file to write, outside the warehouse.")
        Path out;

        @Option(names = "--columns", split = ",", paramLabel = "COLUMN", defaultValue = "customer_id,email",
                description = "Columns the campaign needs, comma-separated, from: " + Segments.CAMPAIGN_COLUMNS_TEXT
                        + " (default: ${DEFAULT-VALUE}).")
        java.util.List<String> columns;

        @Override
        public Integer call() {
            JobContext ctx = context();
            Path file = out.toAbsolutePath().normalize();
            if (file.getParent() != null && !Files.isDirectory(file.getParent())) {
                throw new UserException("cannot write " + out + ": folder " + file.getParent() + " does not exist");
            }
            if (ctx.warehouse().contains(file)) {
                throw new UserException("--out " + out + " is inside the warehouse " + ctx.warehouse().root()
                        + ": write exports outside it");
            }
            Segments segments = new Segments(ctx);
            Dataset<Row> rows = segments.campaignList(segments.find(segment), columns);
            long[] count = {0};
            // Written under a hidden name, audited, then renamed: no file without its audit line.
            try (AtomicFile staged = AtomicFile.open(ctx.spark().sparkContext().hadoopConfiguration(),
                    file.toUri().toString(), stream -> {
                        PrintWriter writer = new PrintWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8));
                        count[0] = SafeCsv.write(rows, writer);
                        writer.flush();
                    })) {
                ExportAudit.recordExport(ctx, segment, count[0], columns, file.toString());
                staged.commit();
            }
            out().printf(Locale.ROOT, "wrote %,d consented customers of %s to %s%n", count[0], segment, file);
            out().flush();
            return 0;
        }
    }
}
