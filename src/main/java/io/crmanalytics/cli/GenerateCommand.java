package io.crmanalytics.cli;

import io.crmanalytics.sample.GeneratorOptions;
import io.crmanalytics.sample.SampleGenerator;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code crm generate}: writes a synthetic company as a contract input folder plus its ground truth. Needs no
 * Spark. The global --run-date is the last day of the data (default fixed, so runs are reproducible).
 */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = {"Generate realistic sample data (contract CSVs) with planted ground truth.",
                "The data end on the global --run-date, which here defaults to "
                        + "2026-06-30 (not today), so the same arguments always give the same bytes."})
final class GenerateCommand extends CrmCommand {
    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder (created if absent).")
    Path out;

    @Option(names = "--customers", defaultValue = "2500", description = "Number of customers (default: ${DEFAULT-VALUE}).")
    int customers;

    @Option(names = "--days", defaultValue = "730",
            description = "Days of history ending on --run-date (default: ${DEFAULT-VALUE}).")
    int days;

    @Option(names = "--seed", defaultValue = "42", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--dirty-rate", defaultValue = "0", paramLabel = "R",
            description = "Probability of adding a broken row after each clean row (default: ${DEFAULT-VALUE}).")
    double dirtyRate;

    @Option(names = "--bad-order-timestamps", defaultValue = "0", paramLabel = "N",
            description = "Add exactly N extra orders with an unparseable order_ts (default: ${DEFAULT-VALUE}).")
    int badOrderTimestamps;

    @Option(names = "--partitions", defaultValue = "0", paramLabel = "P",
            description = "Customer partitions generated in parallel; 0 = one per "
                    + GeneratorOptions.CUSTOMERS_PER_PARTITION + " customers. Does not change the data.")
    int partitions;

    @Override
    public Integer call() {
        Main main = main();
        GeneratorOptions options = new GeneratorOptions(out, customers, days, seed, dirtyRate, partitions,
                main.runDate, badOrderTimestamps);
        PrintWriter err = spec.commandLine().getErr();
        SampleGenerator.Summary summary = SampleGenerator.generate(options, line -> {
            synchronized (err) {
                err.println("  " + line);
                err.flush();
            }
        });
        PrintWriter stdout = out();
        stdout.printf(Locale.ROOT, "generated %s (run date %s, seed %d, %d customers, %d days) in %.1fs%n", out,
                options.runDate(), seed, customers, days, summary.seconds());
        summary.rowsPerFile().forEach((file, rows) -> stdout.printf(Locale.ROOT, "  %-28s %,12d rows%n", file, rows));
        stdout.printf(Locale.ROOT, "  %-28s (planted parameters and realized effects)%n",
                summary.groundTruth().getFileName());
        stdout.flush();
        return 0;
    }
}
