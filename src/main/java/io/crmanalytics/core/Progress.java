package io.crmanalytics.core;

import java.io.PrintStream;
import java.util.Locale;

/**
 * Progress lines for long steps: stage name, rows in/out, seconds. Written to stderr so that stdout stays
 * clean for machine-readable output such as {@code crm sql --format csv}.
 */
public final class Progress {
    private final PrintStream out;
    private final boolean enabled;

    public Progress(PrintStream out, boolean enabled) {
        this.out = out;
        this.enabled = enabled;
    }

    public static Progress silent() {
        return new Progress(System.err, false);
    }

    public static Progress toStderr() {
        return new Progress(System.err, true);
    }

    /** Starts a timed stage; call {@link Stage#done} when it ends. */
    public Stage start(String name) {
        return new Stage(name, System.nanoTime());
    }

    public void info(String format, Object... args) {
        if (enabled) {
            out.println(String.format(Locale.ROOT, format, args));
            out.flush();
        }
    }

    public final class Stage {
        private final String name;
        private final long startNanos;

        private Stage(String name, long startNanos) {
            this.name = name;
            this.startNanos = startNanos;
        }

        public double seconds() {
            return (System.nanoTime() - startNanos) / 1e9;
        }

        public void done() {
            info("  %-40s %8.1fs", name, seconds());
        }

        public void done(long rowsOut) {
            info("  %-40s %,12d rows %8.1fs", name, rowsOut, seconds());
        }

        public void done(long rowsIn, long rowsOut) {
            info("  %-40s %,12d in %,12d out %8.1fs", name, rowsIn, rowsOut, seconds());
        }
    }
}
