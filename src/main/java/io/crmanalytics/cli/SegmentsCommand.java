package io.crmanalytics.cli;

import io.crmanalytics.job.JobContext;
import io.crmanalytics.core.UserException;
import io.crmanalytics.publish.ExportAudit;
import io.crmanalytics.publish.Segments;
import io.crmanalytics.publish.Segments.Segment;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code crm segments list|export}: marketing segments and consented campaign lists. */
@Command(name = "segments", mixinStandardHelpOptions = true,
        description = "Marketing segments from the gold tables (as of --run-date): list them, export one.",
        subcommands = {SegmentsCommand.List.class, SegmentsCommand.Export.class})
final class SegmentsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 0;
    }

    private static JobContext context(CommandSpec spec) {
        return ((Main) spec.root().userObject()).context();
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "One line per segment: name, size (customers), definition.")
    static final class List implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            Segments segments = new Segments(context(spec));
            java.util.List<Segment> all = segments.allOrFail();
            PrintWriter out = spec.commandLine().getOut();
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
            description = "Write a segment's campaign list as CSV: consented customers only, with customer_id, "
                    + "name, email, phone, segment, value_tier, next_best_offer. Each export is recorded in "
                    + "<warehouse>/audit/exports.log (OS user, time, segment, rows).")
    static final class Export implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--segment", required = true, paramLabel = "NAME",
                description = "Segment name as shown by `crm segments list`.")
        String segment;

        @Option(names = "--out", required = true, paramLabel = "FILE.csv", description = "CSV file to write.")
        Path out;

        @Override
        public Integer call() {
            JobContext ctx = context(spec);
            Path file = out.toAbsolutePath();
            if (file.getParent() != null && !Files.isDirectory(file.getParent())) {
                throw new UserException("cannot write " + out + ": folder " + file.getParent() + " does not exist");
            }
            Segments segments = new Segments(ctx);
            Dataset<Row> rows = segments.campaignList(segments.find(segment)).cache();
            try {
                long count = rows.count();
                writeAtomically(rows, file);
                ExportAudit.append(ctx, segment, count, file.toString());
                spec.commandLine().getOut().printf(Locale.ROOT, "wrote %,d consented customers of %s to %s%n",
                        count, segment, file);
                spec.commandLine().getOut().flush();
            } finally {
                rows.unpersist();
            }
            return 0;
        }

        /** Written beside the target and renamed, so a campaign tool never picks up half a file. */
        private static void writeAtomically(Dataset<Row> rows, Path file) {
            Path temporary = file.resolveSibling("." + file.getFileName() + ".tmp");
            try {
                try (PrintWriter writer = new PrintWriter(Files.newBufferedWriter(temporary, StandardCharsets.UTF_8))) {
                    TextTables.writeCsv(rows, writer);
                }
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                throw new UserException("cannot write " + file + ": " + e.getMessage(), e);
            } finally {
                try {
                    Files.deleteIfExists(temporary);
                } catch (IOException ignored) {
                    // nothing left to clean if the move succeeded
                }
            }
        }
    }
}
