package io.crmanalytics.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the real `crm` command line in a child JVM (the test classpath, the test JVM's --add-opens and collector,
 * and a small heap), so a test can {@code kill -9} it mid-command ({@link Process#destroyForcibly()} sends SIGKILL).
 */
public final class ChildCli {
    private ChildCli() {
    }

    public static Process start(Path log, String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (arg.startsWith("--add-opens") || arg.startsWith("-Djdk.reflect") || arg.startsWith("-Dio.netty")
                    || arg.matches("-XX:\\+Use[A-Za-z0-9]+GC")) {
                command.add(arg);
            }
        }
        command.add("-Xmx768m");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("io.crmanalytics.cli.Main");
        command.addAll(List.of(args));
        try {
            return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Kills the child the way a crash does: SIGKILL, no shutdown hooks, no finally blocks. */
    public static void kill9(Process process) throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }
}
