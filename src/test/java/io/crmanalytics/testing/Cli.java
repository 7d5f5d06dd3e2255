package io.crmanalytics.testing;

import io.crmanalytics.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** Runs the real `crm` command line in-process and captures what it prints. */
public final class Cli {
    private Cli() {
    }

    /** Exit code and the text written to stdout and stderr. */
    public record Result(int exitCode, String out, String err) {
    }

    public static Result run(String... args) {
        SharedSpark.session();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli;
        try {
            cli = Main.commandLine(args);
        } catch (io.crmanalytics.core.UserException e) {
            return new Result(Main.EXIT_FAILURE, "", "crm: " + e.getMessage());
        }
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        return new Result(code, out.toString(), err.toString());
    }
}
