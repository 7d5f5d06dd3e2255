package io.crmanalytics.ingest;

/**
 * The rules a row can break, in the order they are checked: a row is quarantined with the first one it
 * breaks. Reference rules are named after the missing entity: {@code unknown_customer}, {@code unknown_order},
 * {@code unknown_product}.
 */
final class Rule {
    static final String MISSING_REQUIRED = "missing_required";
    static final String BAD_TIMESTAMP = "bad_timestamp";
    static final String BAD_DATE = "bad_date";
    static final String BAD_NUMBER = "bad_number";
    static final String BAD_BOOLEAN = "bad_boolean";
    static final String OUT_OF_RANGE = "out_of_range";
    static final String NOT_IN_DOMAIN = "not_in_domain";
    static final String DUPLICATE_KEY = "duplicate_key";

    private Rule() {
    }

    /** {@code unknown_customer} for a reference to customers.customer_id. */
    static String unknown(String targetColumn) {
        return "unknown_" + targetColumn.replaceFirst("_id$", "");
    }
}
