package io.crmanalytics.ingest;

/**
 * The rules a row can break, in the order they are checked: a row is quarantined with the first one it
 * breaks. Reference rules are named after the missing entity: {@code unknown_customer}, {@code unknown_order},
 * {@code unknown_product}.
 */
final class Rule {
    /** A record the CSV scanner could not split into the header's fields (see CsvRecordScanner). */
    static final String MALFORMED_RECORD = "malformed_record";
    /** Bytes that are not text in the input's encoding, or a NUL or U+FFFD character. */
    static final String BAD_ENCODING = "bad_encoding";
    static final String MISSING_REQUIRED = "missing_required";
    static final String BAD_TIMESTAMP = "bad_timestamp";
    static final String BAD_DATE = "bad_date";
    static final String BAD_NUMBER = "bad_number";
    static final String BAD_BOOLEAN = "bad_boolean";
    /** A decimal with more places than silver keeps: stored it would be rounded. */
    static final String DECIMAL_SCALE = "decimal_scale";
    /** A timestamp with a non-zero digit below the microsecond, which silver's timestamp would drop. */
    static final String TIMESTAMP_PRECISION = "timestamp_precision";
    /**
     * A number in a customer_attributes column that silver keeps as a double, which a double does not hold as
     * written (see ValueParsers#heldByDouble): a code with a leading zero, or more significant digits than 15.
     */
    static final String INEXACT_NUMBER = "inexact_number";
    static final String OUT_OF_RANGE = "out_of_range";
    /** A time beyond now plus the tolerance (see IngestOptions#futureTolerance). */
    static final String FUTURE_TIME = "future_time";
    static final String NOT_IN_DOMAIN = "not_in_domain";
    static final String DUPLICATE_KEY = "duplicate_key";

    private Rule() {
    }

    /** {@code unknown_customer} for a reference to customers.customer_id. */
    static String unknown(String targetColumn) {
        return "unknown_" + targetColumn.replaceFirst("_id$", "");
    }
}
