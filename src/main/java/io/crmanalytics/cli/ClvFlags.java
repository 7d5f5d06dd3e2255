package io.crmanalytics.cli;

import io.crmanalytics.value.ClvOptions;
import io.crmanalytics.value.TimeUnit;
import io.crmanalytics.value.ValueSegments;
import java.time.LocalDate;
import picocli.CommandLine.Option;

/** The options of {@code crm clv}, with the defaults {@link ClvOptions} declares. */
final class ClvFlags {
    @Option(names = "--calibration-end", paramLabel = "DATE",
            description = "Last day whose orders count (default: the run date).")
    LocalDate calibrationEnd;

    @Option(names = "--time-unit", paramLabel = "day|week", defaultValue = ClvOptions.TIME_UNIT,
            description = "Time unit of frequency, recency, T and the parameters (default: ${DEFAULT-VALUE}).")
    String timeUnit;

    @Option(names = "--horizon", paramLabel = "N", defaultValue = "" + ClvOptions.HORIZON,
            description = "Horizon of expected purchases and CLV, in time units (default: ${DEFAULT-VALUE}).")
    double horizon;

    @Option(names = "--holdout-end", paramLabel = "DATE",
            description = "Validate predictions against actual purchases after the calibration end up to this day.")
    LocalDate holdoutEnd;

    @Option(names = "--margin", paramLabel = "M", defaultValue = "" + ClvOptions.MARGIN,
            description = "Margin as a share of revenue; 1.0 gives CLV in revenue (default: ${DEFAULT-VALUE}).")
    double margin;

    @Option(names = "--annual-discount-rate", paramLabel = "D", defaultValue = "" + ClvOptions.ANNUAL_DISCOUNT_RATE,
            description = "Yearly discount rate of CLV (default: ${DEFAULT-VALUE}).")
    double annualDiscountRate;

    @Option(names = "--tier-shares", paramLabel = "P,G,S", defaultValue = ClvOptions.TIER_SHARES,
            description = "Percent of customers (by CLV) in the platinum, gold and silver tiers; the rest is bronze "
                    + "(default: ${DEFAULT-VALUE}).")
    String tierShares;

    @Option(names = "--at-risk-alive", paramLabel = "P", defaultValue = "" + ClvOptions.AT_RISK_ALIVE,
            description = "High-value customers below this probability alive are flagged at risk "
                    + "(default: ${DEFAULT-VALUE}).")
    double atRiskAlive;

    ClvOptions toOptions() {
        return ClvOptions.builder().calibrationEnd(calibrationEnd).unit(TimeUnit.parse(timeUnit)).horizon(horizon)
                .holdoutEnd(holdoutEnd).margin(margin).annualDiscountRate(annualDiscountRate)
                .tierShares(ValueSegments.TierShares.parse(tierShares)).atRiskAlive(atRiskAlive).build();
    }
}
