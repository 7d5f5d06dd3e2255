package io.crmanalytics.sample;

import io.crmanalytics.core.UserException;
import java.nio.file.Path;
import java.time.LocalDate;

/**
 * What {@code crm generate} was asked for. The data depend on everything but {@code partitions} (and the
 * thread count): each customer has its own random stream, so the same arguments give the same bytes.
 *
 * @param runDate            the last day of the data (the date to run the jobs with)
 * @param badOrderTimestamps extra orders with an unparseable order_ts, exactly this many (for ingest tests)
 */
public record GeneratorOptions(Path out, int customers, int days, long seed, double dirtyRate, int partitions,
                               LocalDate runDate, int badOrderTimestamps) {
    public static final LocalDate DEFAULT_RUN_DATE = LocalDate.of(2026, 6, 30);
    public static final int CUSTOMERS_PER_PARTITION = 20_000;

    public GeneratorOptions {
        if (customers < 1) {
            throw new UserException("--customers must be at least 1, got " + customers);
        }
        if (days < Truth.PROPENSITY_WINDOW_DAYS + 1) {
            throw new UserException("--days must be more than " + Truth.PROPENSITY_WINDOW_DAYS
                    + " (the propensity window), got " + days);
        }
        if (!(dirtyRate >= 0 && dirtyRate <= 0.5)) {
            throw new UserException("--dirty-rate must be between 0 and 0.5, got " + dirtyRate);
        }
        if (partitions < 0) {
            throw new UserException("--partitions must be 1 or more (0 = automatic), got " + partitions);
        }
        if (badOrderTimestamps < 0 || badOrderTimestamps > customers) {
            throw new UserException("--bad-order-timestamps must be between 0 and the number of customers ("
                    + customers + "), got " + badOrderTimestamps);
        }
        if (partitions == 0) {
            partitions = (customers + CUSTOMERS_PER_PARTITION - 1) / CUSTOMERS_PER_PARTITION;
        }
        partitions = Math.min(partitions, customers);
        if (runDate == null) {
            runDate = DEFAULT_RUN_DATE;
        }
    }

    /** Whether customer {@code index} gets a broken copy of its first order: N customers spread evenly. */
    boolean badTimestampCustomer(int index) {
        if (badOrderTimestamps == 0) {
            return false;
        }
        long j = ((long) index * badOrderTimestamps + customers - 1) / customers; // ceil(i*B/N)
        return j < badOrderTimestamps && j * customers / badOrderTimestamps == index;
    }
}
