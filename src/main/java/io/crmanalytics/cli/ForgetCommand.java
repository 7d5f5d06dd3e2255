package io.crmanalytics.cli;

import io.crmanalytics.core.UserException;
import io.crmanalytics.erasure.Erasure;
import io.crmanalytics.job.JobContext;
import io.crmanalytics.warehouse.WriterLease;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code crm forget}: the right to erasure. Prints counts only: the ids never appear in the output or the log. */
@Command(name = "forget", mixinStandardHelpOptions = true,
        description = "Erase customers from every table, export and outreach file; ingest keeps them out after.")
final class ForgetCommand extends CrmCommand {
    @Option(names = "--customer-id", paramLabel = "ID", description = "A customer id to erase (repeatable).")
    List<String> customerIds = new ArrayList<>();

    @Option(names = "--file", paramLabel = "FILE", description = "A file of customer ids, one a line.")
    Path file;

    @Option(names = "--now", description = "Purge at once: rewrite every table that held them with a fresh Delta "
            + "log, so no old file, commit or checkpoint keeps them (their history goes).")
    boolean now;

    @Option(names = "--retention-hours", defaultValue = "168", paramLabel = "HOURS",
            description = "Without --now: VACUUM keeps old files this long (default: ${DEFAULT-VALUE}, Delta's minimum).")
    double retentionHours;

    @Option(names = "--complete-due", description = "Takes no ids: finish the erasures made without --now whose "
            + "retention has passed (VACUUM removes the old files that still hold them). Run it on a schedule.")
    boolean completeDue;

    @Override
    public Integer call() {
        if (completeDue) {
            return completeDue();
        }
        Set<String> ids = ids();
        Main main = main();
        JobContext context = main.context();
        Erasure.Result result;
        try (WriterLease lease = main.writerLease(context, "forget")) {
            result = new Erasure(context.warehouse(), context.progress()).forget(ids, now, retentionHours);
        }
        PrintWriter out = out();
        out.printf(Locale.ROOT, "forgot %d customer(s) and %d of their order(s)%n", result.customers(), result.orders());
        for (Map.Entry<String, Long> table : result.rowsDeleted().entrySet()) {
            out.printf(Locale.ROOT, "  %-34s %,8d rows deleted%n", table.getKey(), table.getValue());
        }
        out.printf(Locale.ROOT, "%d table(s) rewritten with a fresh log, %d file(s) scrubbed; logged in audit/erasures.log%n",
                result.rewritten().size(), result.filesScrubbed());
        if (!now) {
            out.printf(Locale.ROOT, "old table versions keep them for %.0f hours: run `crm forget --complete-due` after"
                    + " %s to purge them (or forget with --now to purge at once)%n", retentionHours,
                    Erasure.dueAfter(Instant.now(), retentionHours).truncatedTo(ChronoUnit.MINUTES)
                            .plus(1, ChronoUnit.MINUTES));
        }
        out.flush();
        if (!result.filesStillNaming().isEmpty()) {
            throw new UserException(result.filesStillNaming().size() + " file(s) still contain a value of an erased"
                    + " customer and could not be scrubbed: " + String.join(", ", result.filesStillNaming()));
        }
        return 0;
    }

    private int completeDue() {
        if (!customerIds.isEmpty() || file != null || now) {
            throw new UserException("--complete-due takes no customer ids and no --now: it finishes earlier erasures");
        }
        Main main = main();
        JobContext context = main.context();
        Erasure.Completion done;
        try (WriterLease lease = main.writerLease(context, "forget")) {
            done = new Erasure(context.warehouse(), context.progress()).completeDue(Instant.now());
        }
        PrintWriter out = out();
        out.printf(Locale.ROOT, "completed %d erasure(s) whose retention had passed: %d table(s) vacuumed%s%n",
                done.completed(), done.tablesVacuumed(), done.completed() > 0 ? "; logged in audit/erasures.log" : "");
        if (done.notYetDue() > 0) {
            out.printf(Locale.ROOT, "%d erasure(s) not yet due; the next after %s%n", done.notYetDue(),
                    done.nextDue().orElseThrow().truncatedTo(ChronoUnit.SECONDS).plusSeconds(1));
        }
        out.flush();
        return 0;
    }

    private Set<String> ids() {
        Set<String> ids = new LinkedHashSet<>();
        customerIds.stream().map(String::trim).filter(s -> !s.isEmpty()).forEach(ids::add);
        if (file != null) {
            try {
                Files.readAllLines(file).stream().map(String::trim).filter(s -> !s.isEmpty() && !s.startsWith("#"))
                        .forEach(ids::add);
            } catch (IOException e) {
                throw new UserException("cannot read " + file + ": " + e.getMessage(), e);
            }
        }
        if (ids.isEmpty()) {
            throw new UserException("no customer id to forget: pass --customer-id ID or --file FILE");
        }
        if (!now && retentionHours < 168) {
            throw new UserException("--retention-hours below 168 (Delta's safety minimum) needs --now");
        }
        return ids;
    }
}
