package io.crmanalytics.cli;

import io.crmanalytics.core.UserException;
import io.crmanalytics.job.JobContext;
import io.crmanalytics.publish.ExportAudit;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code crm audit verify}: checks the hash chain of the export audit log. */
@Command(name = "audit", mixinStandardHelpOptions = true,
        description = "The export audit log (<warehouse>/audit/exports.log).",
        subcommands = {AuditCommand.Verify.class})
final class AuditCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 0;
    }

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = "Check that every line carries the SHA-256 of the line before it; names the first broken "
                    + "line and exits 1. Prints the head hash: keep it outside the warehouse and pass it back with "
                    + "--head to detect lines cut off the end.")
    static final class Verify implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--head", paramLabel = "SHA256",
                description = "A head hash printed by an earlier verify: it must still be in the chain.")
        String head;

        @Override
        public Integer call() {
            JobContext ctx = ((Main) spec.root().userObject()).context();
            ExportAudit.Verification v = ExportAudit.verify(ctx, head);
            if (!v.intact()) {
                throw new UserException("audit log " + ExportAudit.path(ctx) + " is broken at line " + v.brokenLine()
                        + ": " + v.problem());
            }
            PrintWriter out = spec.commandLine().getOut();
            out.printf(Locale.ROOT, "audit log %s: %d line(s), chain intact; head %s%n", ExportAudit.path(ctx),
                    v.lines(), v.headHash());
            out.flush();
            return 0;
        }
    }
}
