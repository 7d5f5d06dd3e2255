package io.crmanalytics.ingest;

import io.crmanalytics.core.UserException;
import java.util.Locale;

/**
 * What {@code crm ingest} is told: the input folder, the share of rejected rows an entity may have before its
 * silver table is left untouched, and the currency of orders whose currency is empty.
 */
public record IngestOptions(String input, double maxRejectRate, String defaultCurrency) {
    public static final String DEFAULT_CURRENCY = "EUR";

    public IngestOptions {
        if (input == null || input.isBlank()) {
            throw new UserException("ingest needs an input folder (--input DIR)");
        }
        if (!(maxRejectRate >= 0 && maxRejectRate <= 1)) {
            throw new UserException("--max-reject-rate must be between 0 and 1, got " + maxRejectRate);
        }
        if (defaultCurrency == null || !defaultCurrency.matches("[A-Za-z]{3}")) {
            throw new UserException("--default-currency must be a three-letter ISO-4217 code, got '"
                    + defaultCurrency + "'");
        }
        defaultCurrency = defaultCurrency.toUpperCase(Locale.ROOT);
    }
}
