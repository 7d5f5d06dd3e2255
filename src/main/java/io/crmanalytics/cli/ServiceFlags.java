package io.crmanalytics.cli;

import io.crmanalytics.service.ServiceOptions;
import java.util.LinkedHashSet;
import java.util.List;
import picocli.CommandLine.Option;

/** The options of {@code crm service}, with the defaults {@link ServiceOptions} declares. */
final class ServiceFlags {
    @Option(names = "--service-level-seconds", defaultValue = "" + ServiceOptions.SERVICE_LEVEL_SECONDS,
            description = "Answered within this many seconds counts for the service level (default: ${DEFAULT-VALUE}).")
    int serviceLevelSeconds;

    @Option(names = "--repeat-window-days", defaultValue = "" + ServiceOptions.REPEAT_WINDOW_DAYS,
            description = "A contact from the same customer within this many days is a repeat (default: ${DEFAULT-VALUE}).")
    int repeatWindowDays;

    @Option(names = "--transfer-gap-seconds", defaultValue = "" + ServiceOptions.TRANSFER_GAP_SECONDS,
            description = "Next contact by another agent within this gap counts as a transfer (default: ${DEFAULT-VALUE}).")
    int transferGapSeconds;

    @Option(names = "--long-wait-seconds", defaultValue = "" + ServiceOptions.LONG_WAIT_SECONDS,
            description = "The 'long wait' attribute of gold.cx_drivers (default: ${DEFAULT-VALUE}).")
    int longWaitSeconds;

    @Option(names = "--ivr-min-entries", defaultValue = "" + ServiceOptions.IVR_MIN_ENTRIES,
            description = "IVR nodes with fewer entries are never flagged (default: ${DEFAULT-VALUE}).")
    long ivrMinEntries;

    @Option(names = "--ivr-min-rate-ratio", defaultValue = "" + ServiceOptions.IVR_MIN_RATE_RATIO,
            description = "A flagged IVR node's zero-out+abandon rate is at least this multiple of the other nodes' "
                    + "(default: ${DEFAULT-VALUE}).")
    double ivrMinRateRatio;

    @Option(names = "--ivr-max-options", defaultValue = "" + ServiceOptions.IVR_MAX_OPTIONS,
            description = "Menus with more options than this plus an agent option get a note (default: ${DEFAULT-VALUE}).")
    int ivrMaxOptions;

    @Option(names = "--fdr", defaultValue = "" + ServiceOptions.FDR,
            description = "False discovery rate for the IVR node tests and CX drivers (default: ${DEFAULT-VALUE}).")
    double fdr;

    @Option(names = "--self-service-min-fcr", defaultValue = "" + ServiceOptions.SELF_SERVICE_MIN_FCR,
            description = "Minimum first-contact resolution of a self-service candidate reason (default: ${DEFAULT-VALUE}).")
    double selfServiceMinFcr;

    @Option(names = "--self-service-min-customers", defaultValue = "" + ServiceOptions.SELF_SERVICE_MIN_CUSTOMERS,
            description = "Minimum distinct customers asking a self-service candidate reason (default: ${DEFAULT-VALUE}).")
    long selfServiceMinCustomers;

    @Option(names = "--discount-tiers", split = ",", defaultValue = ServiceOptions.DISCOUNT_TIERS, paramLabel = "TIER",
            description = "Value tiers offered a discount with a late-shipment notification (default: ${DEFAULT-VALUE}).")
    List<String> discountTiers;

    @Option(names = "--discount-min-days-late", defaultValue = "" + ServiceOptions.DISCOUNT_MIN_DAYS_LATE,
            description = "... when the shipment is at least this many days late (default: ${DEFAULT-VALUE}).")
    int discountMinDaysLate;

    @Option(names = "--outreach-lookback-days", defaultValue = "" + ServiceOptions.OUTREACH_LOOKBACK_DAYS,
            description = "Outreach considers shipments shipped within this many days (default: ${DEFAULT-VALUE}).")
    int outreachLookbackDays;

    @Option(names = "--no-outreach-csv", negatable = false,
            description = "Do not write <warehouse>/outreach/<run_date>/proactive_outreach.csv.")
    boolean noOutreachCsv;

    ServiceOptions toOptions() {
        return ServiceOptions.builder().serviceLevelSeconds(serviceLevelSeconds).repeatWindowDays(repeatWindowDays)
                .transferGapSeconds(transferGapSeconds).longWaitSeconds(longWaitSeconds).ivrMinEntries(ivrMinEntries)
                .ivrMinRateRatio(ivrMinRateRatio).fdr(fdr).ivrMaxOptions(ivrMaxOptions)
                .selfServiceMinFcr(selfServiceMinFcr).selfServiceMinCustomers(selfServiceMinCustomers)
                .discountTiers(new LinkedHashSet<>(discountTiers)).discountMinDaysLate(discountMinDaysLate)
                .outreachLookbackDays(outreachLookbackDays).writeOutreachCsv(!noOutreachCsv).build();
    }
}
