package io.crmanalytics.service;

import io.crmanalytics.core.InvalidOption;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The tunable definitions of service analytics. Defaults are the industry's usual ones and work on the sample
 * data, declared once as the constants below (the CLI's defaults read them); each is a {@code crm service} option,
 * so a contact center can state its own standard. An option out of its domain is an {@link InvalidOption} naming
 * the field; the CLI names its flag.
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

    /** The defaults, declared once: {@link #defaults()} and the CLI's option defaults read them. */
    public static final int SERVICE_LEVEL_SECONDS = 20;
    public static final int REPEAT_WINDOW_DAYS = 7;
    public static final int TRANSFER_GAP_SECONDS = 300;
    public static final int LONG_WAIT_SECONDS = 120;
    public static final long IVR_MIN_ENTRIES = 30;
    public static final double IVR_MIN_RATE_RATIO = 2.0;
    public static final double FDR = 0.05;
    public static final int IVR_MAX_OPTIONS = 4;
    public static final double SELF_SERVICE_MIN_FCR = 0.7;
    public static final long SELF_SERVICE_MIN_CUSTOMERS = 10;
    /** Comma-separated, as an option value is written. */
    public static final String DISCOUNT_TIERS = "platinum,gold";
    public static final int DISCOUNT_MIN_DAYS_LATE = 0;
    public static final int OUTREACH_LOOKBACK_DAYS = 60;
    public static final boolean WRITE_OUTREACH_CSV = true;

    public ServiceOptions {
        positive("serviceLevelSeconds", serviceLevelSeconds);
        positive("repeatWindowDays", repeatWindowDays);
        positive("transferGapSeconds", transferGapSeconds);
        positive("longWaitSeconds", longWaitSeconds);
        if (ivrMinEntries < 1) {
            throw new InvalidOption("ivrMinEntries", InvalidOption.OPTION + " must be at least 1, got " + ivrMinEntries);
        }
        if (!(ivrMinRateRatio >= 1.0)) {
            throw new InvalidOption("ivrMinRateRatio", InvalidOption.OPTION + " must be at least 1, got "
                    + ivrMinRateRatio);
        }
        if (!(fdr > 0 && fdr < 1)) {
            throw new InvalidOption("fdr", InvalidOption.OPTION + " must be between 0 and 1 (exclusive), got " + fdr);
        }
        positive("ivrMaxOptions", ivrMaxOptions);
        positive("outreachLookbackDays", outreachLookbackDays);
        if (!(selfServiceMinFcr >= 0 && selfServiceMinFcr <= 1)) {
            throw new InvalidOption("selfServiceMinFcr", InvalidOption.OPTION + " must be between 0 and 1, got "
                    + selfServiceMinFcr);
        }
        if (discountMinDaysLate < 0) {
            throw new InvalidOption("discountMinDaysLate", InvalidOption.OPTION + " must be 0 or more, got "
                    + discountMinDaysLate);
        }
        discountTiers = discountTiers.stream().map(t -> t.trim().toLowerCase(Locale.ROOT)).filter(t -> !t.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
        for (String tier : discountTiers) {
            if (!VALUE_TIERS.contains(tier)) {
                throw new InvalidOption("discountTiers", "unknown value tier '" + tier + "' in " + InvalidOption.OPTION
                        + "; tiers are " + VALUE_TIERS);
            }
        }
    }

    public static ServiceOptions defaults() {
        return builder().build();
    }

    /** A builder starting from the defaults: set only what differs. */
    public static Builder builder() {
        return new Builder();
    }

    private static void positive(String option, int value) {
        if (value <= 0) {
            throw new InvalidOption(option, InvalidOption.OPTION + " must be positive, got " + value);
        }
    }

    /** Named settings instead of 14 positional values; validation happens in {@link #build()}. */
    public static final class Builder {
        private int serviceLevelSeconds = SERVICE_LEVEL_SECONDS;
        private int repeatWindowDays = REPEAT_WINDOW_DAYS;
        private int transferGapSeconds = TRANSFER_GAP_SECONDS;
        private int longWaitSeconds = LONG_WAIT_SECONDS;
        private long ivrMinEntries = IVR_MIN_ENTRIES;
        private double ivrMinRateRatio = IVR_MIN_RATE_RATIO;
        private double fdr = FDR;
        private int ivrMaxOptions = IVR_MAX_OPTIONS;
        private double selfServiceMinFcr = SELF_SERVICE_MIN_FCR;
        private long selfServiceMinCustomers = SELF_SERVICE_MIN_CUSTOMERS;
        private Set<String> discountTiers = Set.of(DISCOUNT_TIERS.split(","));
        private int discountMinDaysLate = DISCOUNT_MIN_DAYS_LATE;
        private int outreachLookbackDays = OUTREACH_LOOKBACK_DAYS;
        private boolean writeOutreachCsv = WRITE_OUTREACH_CSV;

        private Builder() {
        }

        public Builder serviceLevelSeconds(int value) {
            serviceLevelSeconds = value;
            return this;
        }

        public Builder repeatWindowDays(int value) {
            repeatWindowDays = value;
            return this;
        }

        public Builder transferGapSeconds(int value) {
            transferGapSeconds = value;
            return this;
        }

        public Builder longWaitSeconds(int value) {
            longWaitSeconds = value;
            return this;
        }

        public Builder ivrMinEntries(long value) {
            ivrMinEntries = value;
            return this;
        }

        public Builder ivrMinRateRatio(double value) {
            ivrMinRateRatio = value;
            return this;
        }

        public Builder fdr(double value) {
            fdr = value;
            return this;
        }

        public Builder ivrMaxOptions(int value) {
            ivrMaxOptions = value;
            return this;
        }

        public Builder selfServiceMinFcr(double value) {
            selfServiceMinFcr = value;
            return this;
        }

        public Builder selfServiceMinCustomers(long value) {
            selfServiceMinCustomers = value;
            return this;
        }

        public Builder discountTiers(Set<String> value) {
            discountTiers = value;
            return this;
        }

        public Builder discountMinDaysLate(int value) {
            discountMinDaysLate = value;
            return this;
        }

        public Builder outreachLookbackDays(int value) {
            outreachLookbackDays = value;
            return this;
        }

        public Builder writeOutreachCsv(boolean value) {
            writeOutreachCsv = value;
            return this;
        }

        public ServiceOptions build() {
            return new ServiceOptions(serviceLevelSeconds, repeatWindowDays, transferGapSeconds, longWaitSeconds,
                    ivrMinEntries, ivrMinRateRatio, fdr, ivrMaxOptions, selfServiceMinFcr, selfServiceMinCustomers,
                    discountTiers, discountMinDaysLate, outreachLookbackDays, writeOutreachCsv);
        }
    }
}
