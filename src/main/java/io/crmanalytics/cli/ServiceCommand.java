package io.crmanalytics.cli;

import io.crmanalytics.job.Job;
import io.crmanalytics.service.ServiceJob;
import io.crmanalytics.service.ServiceOptions;
import java.util.LinkedHashSet;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code crm service}: contact-center KPIs, IVR funnel, NPS/CSAT/CES and drivers, proactive outreach. */
@Command(name = "service", mixinStandardHelpOptions = true,
        description = {"Contact-center analytics: agent scorecards, channel and queue KPIs, IVR funnel,",
                "NPS/CSAT/CES scores and drivers, self-service opportunities, proactive outreach (+ CSV).",
                "Uses gold.customer_value and gold.complaint_attribution when present. See docs/service.md."})
final class ServiceCommand extends JobCommand {
    @Option(names = "--service-level-seconds", defaultValue = "20",
            description = "Answered within this many seconds counts for the service level (default: ${DEFAULT-VALUE}).")
    int serviceLevelSeconds;

    @Option(names = "--repeat-window-days", defaultValue = "7",
            description = "A contact from the same customer within this many days is a repeat (default: ${DEFAULT-VALUE}).")
    int repeatWindowDays;

    @Option(names = "--transfer-gap-seconds", defaultValue = "300",
            description = "Next contact by another agent within this gap counts as a transfer (default: ${DEFAULT-VALUE}).")
    int transferGapSeconds;

    @Option(names = "--long-wait-seconds", defaultValue = "120",
            description = "The 'long wait' attribute of gold.cx_drivers (default: ${DEFAULT-VALUE}).")
    int longWaitSeconds;

    @Option(names = "--ivr-min-entries", defaultValue = "30",
            description = "IVR nodes with fewer entries are never flagged (default: ${DEFAULT-VALUE}).")
    long ivrMinEntries;

    @Option(names = "--ivr-min-rate-ratio", defaultValue = "2.0",
            description = "A flagged IVR node's zero-out+abandon rate is at least this multiple of the other nodes' "
                    + "(default: ${DEFAULT-VALUE}).")
    double ivrMinRateRatio;

    @Option(names = "--ivr-max-options", defaultValue = "4",
            description = "Menus with more options than this plus an agent option get a note (default: ${DEFAULT-VALUE}).")
    int ivrMaxOptions;

    @Option(names = "--fdr", defaultValue = "0.05",
            description = "False discovery rate for the IVR node tests and CX drivers (default: ${DEFAULT-VALUE}).")
    double fdr;

    @Option(names = "--self-service-min-fcr", defaultValue = "0.7",
            description = "Minimum first-contact resolution of a self-service candidate reason (default: ${DEFAULT-VALUE}).")
    double selfServiceMinFcr;

    @Option(names = "--self-service-min-customers", defaultValue = "10",
            description = "Minimum distinct customers asking a self-service candidate reason (default: ${DEFAULT-VALUE}).")
    long selfServiceMinCustomers;

    @Option(names = "--discount-tiers", split = ",", defaultValue = "platinum,gold", paramLabel = "TIER",
            description = "Value tiers offered a discount with a late-shipment notification (default: ${DEFAULT-VALUE}).")
    List<String> discountTiers;

    @Option(names = "--discount-min-days-late", defaultValue = "0",
            description = "... when the shipment is at least this many days late (default: ${DEFAULT-VALUE}).")
    int discountMinDaysLate;

    @Option(names = "--outreach-lookback-days", defaultValue = "60",
            description = "Outreach considers shipments shipped within this many days (default: ${DEFAULT-VALUE}).")
    int outreachLookbackDays;

    @Option(names = "--no-outreach-csv", negatable = false,
            description = "Do not write <warehouse>/outreach/<run_date>/proactive_outreach.csv.")
    boolean noOutreachCsv;

    @Override
    public Job job() {
        return new ServiceJob(new ServiceOptions(serviceLevelSeconds, repeatWindowDays, transferGapSeconds,
                longWaitSeconds, ivrMinEntries, ivrMinRateRatio, fdr, ivrMaxOptions, selfServiceMinFcr,
                selfServiceMinCustomers, new LinkedHashSet<>(discountTiers), discountMinDaysLate, outreachLookbackDays,
                !noOutreachCsv));
    }
}
