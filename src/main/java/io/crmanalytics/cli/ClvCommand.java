package io.crmanalytics.cli;

import io.crmanalytics.job.Job;
import io.crmanalytics.value.ClvJob;
import io.crmanalytics.value.ClvOptions;
import io.crmanalytics.value.TimeUnit;
import io.crmanalytics.value.ValueSegments;
import java.time.LocalDate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code crm clv}: customer value (BG/NBD + Gamma-Gamma CLV, RFM segments, value tiers, holdout validation). */
@Command(name = "clv", mixinStandardHelpOptions = true,
        description = "Customer value: BG/NBD + Gamma-Gamma lifetime value, probability alive, RFM segments and "
                + "value tiers into gold.customer_value and gold.clv_model (see docs/value.md).")
final class ClvCommand extends JobCommand {
    @Option(names = "--calibration-end", paramLabel = "DATE",
            description = "Last day whose orders count (default: the run date).")
    LocalDate calibrationEnd;

    @Option(names = "--time-unit", paramLabel = "day|week", defaultValue = "week",
            description = "Time unit of frequency, recency, T and the parameters (default: ${DEFAULT-VALUE}).")
    String timeUnit;

    @Option(names = "--horizon", paramLabel = "N", defaultValue = "52",
            description = "Horizon of expected purchases and CLV, in time units (default: ${DEFAULT-VALUE}).")
    double horizon;

    @Option(names = "--holdout-end", paramLabel = "DATE",
            description = "Validate predictions against actual purchases after the calibration end up to this day.")
    LocalDate holdoutEnd;

    @Option(names = "--margin", paramLabel = "M", defaultValue = "1.0",
            description = "Margin as a share of revenue; 1.0 gives CLV in revenue (default: ${DEFAULT-VALUE}).")
    double margin;

    @Option(names = "--annual-discount-rate", paramLabel = "D", defaultValue = "0.10",
            description = "Yearly discount rate of CLV (default: ${DEFAULT-VALUE}).")
    double annualDiscountRate;

    @Option(names = "--tier-shares", paramLabel = "P,G,S", defaultValue = "5,15,30",
            description = "Percent of customers (by CLV) in the platinum, gold and silver tiers; the rest is bronze "
                    + "(default: ${DEFAULT-VALUE}).")
    String tierShares;

    @Option(names = "--at-risk-alive", paramLabel = "P", defaultValue = "0.5",
            description = "High-value customers below this probability alive are flagged at risk "
                    + "(default: ${DEFAULT-VALUE}).")
    double atRiskAlive;

    @Override
    public Job job() {
        return new ClvJob(new ClvOptions(calibrationEnd, TimeUnit.parse(timeUnit), horizon, holdoutEnd, margin,
                annualDiscountRate, ValueSegments.TierShares.parse(tierShares), atRiskAlive));
    }
}
