package io.crmanalytics.ingest;

import io.crmanalytics.core.InvalidOption;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;
import java.time.Duration;
import java.util.Locale;

/**
 * What {@code crm ingest} is told: the input folder, the share of rejected rows an entity may have before its
 * silver table is left untouched, the currency of orders whose currency is empty, the text encoding of CSV and
 * JSON input, whether files the contract does not know make the input fail ({@code strict}), how far in the
 * future a time may lie before it is quarantined, and the share of its recent volume below which an entity's
 * batch is reported as suspiciously small. Defaults are declared once, as the constants below ({@link #builder}
 * and the CLI's flags read them); a value out of its domain is an {@link InvalidOption} naming the field (the CLI
 * names its flag).
 */
public record IngestOptions(String input, double maxRejectRate, String defaultCurrency, Charset encoding,
                            boolean strict, Duration futureTolerance, double minVolumeRatio) {
    /** The defaults, declared once. */
    public static final double MAX_REJECT_RATE = 0.05;
    public static final String DEFAULT_CURRENCY = "EUR";
    public static final String ENCODING = "UTF-8";
    /** A day: clocks and time zones of the source systems disagree by hours, never by days. */
    public static final long FUTURE_TOLERANCE_HOURS = 24;
    public static final double MIN_VOLUME_RATIO = 0.1;

    public IngestOptions {
        if (input == null || input.isBlank()) {
            throw new InvalidOption("input", InvalidOption.OPTION + " must name the input folder");
        }
        if (!(maxRejectRate >= 0 && maxRejectRate <= 1)) {
            throw new InvalidOption("maxRejectRate", InvalidOption.OPTION + " must be between 0 and 1, got "
                    + maxRejectRate);
        }
        if (defaultCurrency == null || !defaultCurrency.matches("[A-Za-z]{3}")) {
            throw new InvalidOption("defaultCurrency", InvalidOption.OPTION
                    + " must be a three-letter ISO-4217 code, got '" + defaultCurrency + "'");
        }
        defaultCurrency = defaultCurrency.toUpperCase(Locale.ROOT);
        CsvRecordScanner.requireAsciiCompatible(encoding);
        if (futureTolerance.isNegative()) {
            throw new InvalidOption("futureTolerance", InvalidOption.OPTION + " must not be negative");
        }
        if (!(minVolumeRatio >= 0 && minVolumeRatio <= 1)) {
            throw new InvalidOption("minVolumeRatio", InvalidOption.OPTION + " must be between 0 and 1, got "
                    + minVolumeRatio);
        }
    }

    /** A builder for this input folder, starting from the defaults: set only what differs. */
    public static Builder builder(String input) {
        return new Builder(input);
    }

    /** A builder starting from these options. */
    public Builder toBuilder() {
        return builder(input).maxRejectRate(maxRejectRate).defaultCurrency(defaultCurrency).encoding(encoding)
                .strict(strict).futureTolerance(futureTolerance).minVolumeRatio(minVolumeRatio);
    }

    /** The charset of an encoding's name, or one clear line. */
    public static Charset charset(String name) {
        try {
            return Charset.forName(name);
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            throw new InvalidOption("encoding", InvalidOption.OPTION + ": unknown encoding '" + name + "'");
        }
    }

    /** Named settings instead of seven positional values; validation happens in {@link #build()}. */
    public static final class Builder {
        private final String input;
        private double maxRejectRate = MAX_REJECT_RATE;
        private String defaultCurrency = DEFAULT_CURRENCY;
        private Charset encoding = charset(ENCODING);
        /** Off, like every flag: unknown files are listed and ignored. */
        private boolean strict;
        private Duration futureTolerance = Duration.ofHours(FUTURE_TOLERANCE_HOURS);
        private double minVolumeRatio = MIN_VOLUME_RATIO;

        private Builder(String input) {
            this.input = input;
        }

        public Builder maxRejectRate(double value) {
            maxRejectRate = value;
            return this;
        }

        public Builder defaultCurrency(String value) {
            defaultCurrency = value;
            return this;
        }

        public Builder encoding(Charset value) {
            encoding = value;
            return this;
        }

        public Builder strict(boolean value) {
            strict = value;
            return this;
        }

        public Builder futureTolerance(Duration value) {
            futureTolerance = value;
            return this;
        }

        public Builder minVolumeRatio(double value) {
            minVolumeRatio = value;
            return this;
        }

        public IngestOptions build() {
            return new IngestOptions(input, maxRejectRate, defaultCurrency, encoding, strict, futureTolerance,
                    minVolumeRatio);
        }
    }
}
