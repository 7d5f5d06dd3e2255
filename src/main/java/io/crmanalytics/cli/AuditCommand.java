package io.crmanalytics.cli;

import io.crmanalytics.core.UserException;
import io.crmanalytics.job.JobContext;
import io.crmanalytics.publish.ExportAudit;
import java.io.PrintWriter;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code crm audit verify}: checks the hash chain of the export audit log. */
@Command(name = "audit", mixinStandardHelpOptions = true,
        description = "The export audit log (<warehouse>/audit/exports.log).",
        subcommands = {AuditCommand.Verify.class})
final class AuditCommand extends CommandGroup {
    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = "Check that every line carries the SHA-256 of the line before it; names the first broken "
                    + "line and exits 1. Prints the head hash: keep it outside the warehouse and pass it back with "
                    + "--head to detect lines cut off the end.")
    static final class Verify extends CrmCommand {
        @Option(names = "--head", paramLabel = "SHA256",
                description = "A head hash printed by an earlier verify: it must still be in the chain.")
        String head;

        @Override
        public Integer call() {
            JobContext ctx = context();
            ExportAudit.Verification v = ExportAudit.verify(ctx, head);
            if (!v.intact()) {
                throw new UserException("audit log " + ExportAudit.path(ctx) + " is broken at line " + v.brokenLine()
                        + ": " + v.problem());
            }
            PrintWriter out = out();
            out.printf(Locale.ROOT, "audit log %s: %d line(s), chain intact; head %s%n", ExportAudit.path(ctx),
                    v.lines(), v.headHash());
            out.flush();
            return 0;
        }
    }
}
