package io.crmanalytics.service;

import io.crmanalytics.core.UserException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The tunable definitions of service analytics. Defaults are the industry's usual ones and work on the sample
 * data; each is a {@code crm service} option, so a contact center can state its own standard.
 *
 * @param serviceLevelSeconds    a contact counts towards the service level when answered within this many seconds
 * @param repeatWindowDays       a contact followed by another from the same customer within this many days is a
 *                               repeat (and, with the same reason, not a first-contact resolution)
 * @param transferGapSeconds     a contact whose customer is picked up by another agent on the same channel within
 *                               this many seconds of its end counts as transferred
 * @param longWaitSeconds        the "wait over N s" attribute of the CX drivers
 * @param ivrMinEntries          IVR nodes with fewer entries are reported but never flagged
 * @param ivrMinRateRatio        a flagged node's zero-out+abandon rate is at least this multiple of the other nodes'
 * @param fdr                 false-discovery rate (Benjamini-Hochberg) of the IVR node tests and the CX drivers
 * @param ivrMaxOptions          menus offering more options than this plus an agent option get a note
 * @param selfServiceMinFcr      a reason is "simple" when its first-contact resolution is at least this
 * @param selfServiceMinCustomers a reason is "repeatable" when at least this many customers asked it
 * @param discountTiers          value tiers whose late shipments get a discount offer with the notification
 * @param discountMinDaysLate    ... when the shipment is at least this many days late
 * @param outreachLookbackDays   only shipments shipped within this many days before the run date are considered
 *                               for outreach: a parcel lost months ago is a claims case, not a proactive message
 * @param writeOutreachCsv       whether to write the outreach CSV beside the table
 */
public record ServiceOptions(int serviceLevelSeconds, int repeatWindowDays, int transferGapSeconds,
                             int longWaitSeconds, long ivrMinEntries, double ivrMinRateRatio, double fdr,
                             int ivrMaxOptions, double selfServiceMinFcr, long selfServiceMinCustomers,
                             Set<String> discountTiers, int discountMinDaysLate, int outreachLookbackDays,
                             boolean writeOutreachCsv) {

    public static final List<String> VALUE_TIERS = List.of("platinum", "gold", "silver", "bronze", "unknown");

    public ServiceOptions {
        positive("--service-level-seconds", serviceLevelSeconds);
        positive("--repeat-window-days", repeatWindowDays);
        positive("--transfer-gap-seconds", transferGapSeconds);
        positive("--long-wait-seconds", longWaitSeconds);
        if (ivrMinEntries < 1) {
            throw new UserException("--ivr-min-entries must be at least 1, got " + ivrMinEntries);
        }
        if (!(ivrMinRateRatio >= 1.0)) {
            throw new UserException("--ivr-min-rate-ratio must be at least 1, got " + ivrMinRateRatio);
        }
        if (!(fdr > 0 && fdr < 1)) {
            throw new UserException("--fdr must be between 0 and 1 (exclusive), got " + fdr);
        }
        positive("--ivr-max-options", ivrMaxOptions);
        positive("--outreach-lookback-days", outreachLookbackDays);
        if (!(selfServiceMinFcr >= 0 && selfServiceMinFcr <= 1)) {
            throw new UserException("--self-service-min-fcr must be between 0 and 1, got " + selfServiceMinFcr);
        }
        if (discountMinDaysLate < 0) {
            throw new UserException("--discount-min-days-late must be 0 or more, got " + discountMinDaysLate);
        }
        discountTiers = discountTiers.stream().map(t -> t.trim().toLowerCase(Locale.ROOT)).filter(t -> !t.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
        for (String tier : discountTiers) {
            if (!VALUE_TIERS.contains(tier)) {
                throw new UserException("unknown value tier '" + tier + "' in --discount-tiers; tiers are "
                        + VALUE_TIERS);
            }
        }
    }

    public static ServiceOptions defaults() {
        return new ServiceOptions(20, 7, 300, 120, 30, 2.0, 0.05, 4, 0.7, 10,
                Set.of("platinum", "gold"), 0, 60, true);
    }

    private static void positive(String what, int value) {
        if (value <= 0) {
            throw new UserException(what + " must be positive, got " + value);
        }
    }
}
