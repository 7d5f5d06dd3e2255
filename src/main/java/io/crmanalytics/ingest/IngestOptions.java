package io.crmanalytics.ingest;

import io.crmanalytics.core.UserException;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.time.Duration;
import java.util.Locale;

/**
 * What {@code crm ingest} is told: the input folder, the share of rejected rows an entity may have before its
 * silver table is left untouched, the currency of orders whose currency is empty, the text encoding of CSV and
 * JSON input, whether files the contract does not know make the input fail ({@code strict}), how far in the
 * future a time may lie before it is quarantined, and the share of its recent volume below which an entity's
 * batch is reported as suspiciously small.
 */
public record IngestOptions(String input, double maxRejectRate, String defaultCurrency, Charset encoding,
                            boolean strict, Duration futureTolerance, double minVolumeRatio) {
    public static final String DEFAULT_CURRENCY = "EUR";
    public static final String DEFAULT_ENCODING = "UTF-8";
    public static final Duration DEFAULT_FUTURE_TOLERANCE = Duration.ofDays(1);
    public static final double DEFAULT_MIN_VOLUME_RATIO = 0.1;

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
        CsvRecordScanner.requireAsciiCompatible(encoding);
        if (futureTolerance.isNegative()) {
            throw new UserException("--future-tolerance-hours must not be negative");
        }
        if (!(minVolumeRatio >= 0 && minVolumeRatio <= 1)) {
            throw new UserException("--min-volume-ratio must be between 0 and 1, got " + minVolumeRatio);
        }
    }

    /** The defaults for everything but the folder, the reject rate and the currency. */
    public IngestOptions(String input, double maxRejectRate, String defaultCurrency) {
        this(input, maxRejectRate, defaultCurrency, StandardCharsets.UTF_8, false, DEFAULT_FUTURE_TOLERANCE,
                DEFAULT_MIN_VOLUME_RATIO);
    }

    /** The charset of an {@code --encoding} name, or one clear line. */
    public static Charset charset(String name) {
        try {
            return Charset.forName(name);
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            throw new UserException("--encoding: unknown encoding '" + name + "'");
        }
    }
}
