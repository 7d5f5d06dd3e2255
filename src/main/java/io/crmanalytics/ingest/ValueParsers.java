package io.crmanalytics.ingest;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.length;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.regexp_extract;
import static org.apache.spark.sql.functions.rtrim;
import static org.apache.spark.sql.functions.translate;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.when;

import java.time.ZoneId;
import java.util.Locale;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.types.DataTypes;

/**
 * The contract's value forms as Spark SQL expressions. Each parser returns null for a value it cannot read,
 * so "present but unreadable" is {@code raw is not null and parsed is null}. Every parser is a column
 * expression (regex guard + try_cast): no per-row driver work, no exception under ANSI mode.
 */
final class ValueParsers {
    static final Set<String> TRUE_WORDS = Set.of("true", "1", "yes", "y");
    static final Set<String> FALSE_WORDS = Set.of("false", "0", "no", "n");

    private static final String INT = "^[+-]?[0-9]+$";
    /** A plain number with '.' as the decimal point; an exponent is accepted since Parquet doubles print one. */
    private static final String NUMBER = "^[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][+-]?[0-9]+)?$";
    private static final String DATE = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$";
    private static final String TIMESTAMP =
            "^[0-9]{4}-[0-9]{2}-[0-9]{2}[T ][0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]{1,9})?(Z|[+-][0-9]{2}:[0-9]{2})?$";
    private static final String HAS_OFFSET = "(Z|[+-][0-9]{2}:[0-9]{2})$";

    private ValueParsers() {
    }

    /**
     * The characters {@link #clean} removes from both ends: Java's {@code \s} (space, tab, line feed, vertical
     * tab, form feed, carriage return). Not Unicode's wider white space: a no-break space is part of the value.
     */
    static final String WHITE_SPACE = " \t\n\u000B\f\r";

    /**
     * The value with surrounding white space (including a CR left by CRLF line ends) removed, and null when
     * nothing is left: an empty field means "no value" in every format.
     *
     * <p>A trim of {@link #WHITE_SPACE}. It was {@code regexp_replace(raw, "^\\s+|\\s+$", "")}, which, run on every
     * field of every row, was 15 % of the CPU samples of a 1 M ingest (bench/results/nightly.md, 2026-12-05), and
     * whose {@code $} also matched before a final line terminator (white space before a closing U+0085 went too).
     */
    static Column clean(Column raw) {
        Column trimmed = trim(raw, WHITE_SPACE);
        return when(trimmed.notEqual(lit("")), trimmed);
    }

    static Column integer(Column value) {
        return when(value.rlike(INT), value.try_cast(DataTypes.IntegerType));
    }

    static Column decimal(Column value) {
        return when(value.rlike(NUMBER), value.try_cast(io.crmanalytics.contract.ColumnType.DECIMAL.sparkType()));
    }

    /**
     * Whether a number (as {@link #decimal} reads it) has more than {@code scale} significant places after the
     * point: {@code 0.00001} and {@code 1.23456e-1} do, {@code 1.50000}, {@code 100e-6} and a zero such as
     * {@code 0.0e-11} do not. Computed on the text, since any cast would already have rounded.
     */
    static Column placesBeyond(Column value, int scale) {
        Column integer = regexp_extract(value, "^[+-]?([0-9]*)", 1);
        Column fraction = regexp_extract(value, "\\.([0-9]*)", 1);
        // Only a number written with an exponent reaches the cast. try_cast of text to an integer throws and catches
        // an exception per value it cannot read (Spark builds its message), and regexp_extract gives "" when
        // there is no exponent: before this guard that was every such number, 6 % of a 1 M ingest's CPU samples.
        Column exponentText = regexp_extract(value, "[eE]([+-]?[0-9]+)$", 1);
        Column exponent = coalesce(when(exponentText.notEqual(lit("")), exponentText.try_cast(DataTypes.IntegerType)),
                lit(0));
        Column digits = concat(integer, fraction);
        Column withoutTrailingZeros = rtrim(digits, "0");
        Column trailingZeros = length(digits).minus(length(withoutTrailingZeros));
        // A zero has no places to lose, whatever its exponent (counting would give 0.E-11 eleven).
        Column nonZero = translate(withoutTrailingZeros, "0", "").notEqual(lit(""));
        return nonZero.and(length(fraction).minus(exponent).minus(trailingZeros).gt(lit(scale)));
    }

    /**
     * Whether a timestamp (as {@link #timestamp} reads it) has a non-zero digit after the sixth of its fraction:
     * {@code 10:00:00.1234567} does, {@code 10:00:00.123456000} does not. On the text, since the cast truncates.
     */
    static Column belowMicroseconds(Column value) {
        return value.rlike("\\.[0-9]{6}[0-9]*[1-9]");
    }

    /** Significant decimal digits that a double holds exactly: a number with more is rounded when stored. */
    static final int DOUBLE_DIGITS = 15;

    /**
     * Whether a number (as {@link #number} reads it) has more than {@link #DOUBLE_DIGITS} significant digits, not
     * counting leading and trailing zeros: {@code 12345678901234567890} does, {@code 1000000000000000000000} and
     * {@code 0.000123} do not. On the text, since the cast has already rounded.
     */
    static Column digitsBeyondDouble(Column value) {
        Column mantissa = regexp_extract(value, "^[+-]?([0-9]*\\.?[0-9]*)", 1);
        Column significant = trim(translate(mantissa, ".", ""), "0");
        return length(significant).gt(lit(DOUBLE_DIGITS));
    }

    /**
     * A number that a double holds as written: not a code with a leading zero ({@code 01234}, which a double
     * would store as 1234), and at most 15 significant digits (a 20-digit account number would be rounded). One
     * value that is not keeps a new customer_attributes column text (AttributeTypes); in a column already double
     * it is refused (RowRules, {@code inexact_number}).
     */
    static Column heldByDouble(Column value) {
        return number(value).isNotNull().and(not(value.rlike("^[+-]?0[0-9]"))).and(not(digitsBeyondDouble(value)));
    }

    static Column number(Column value) {
        return when(value.rlike(NUMBER), value.try_cast(DataTypes.DoubleType));
    }

    static Column bool(Column value) {
        Column word = lower(value);
        return when(word.isin(TRUE_WORDS.toArray()), lit(true))
                .when(word.isin(FALSE_WORDS.toArray()), lit(false));
    }

    static Column date(Column value) {
        return when(value.rlike(DATE), value.try_cast(DataTypes.DateType));
    }

    /**
     * An ISO-8601 timestamp; one without an offset is local time in {@code zone}. The zone is appended to the
     * text before the cast so the result does not depend on the session time zone.
     */
    static Column timestamp(Column value, ZoneId zone) {
        Column zoned = when(value.rlike(HAS_OFFSET), value).otherwise(concat(value, lit(" " + zone.getId())));
        return when(value.rlike(TIMESTAMP), zoned.try_cast(DataTypes.TimestampType));
    }

    /** The value in the domain's own spelling when it matches one case-insensitively, else null. */
    static Column inDomain(Column value, Set<String> domain) {
        Column lowered = lower(value);
        Column result = null;
        for (String allowed : domain.stream().sorted().toList()) {
            Column match = lowered.equalTo(lit(allowed.toLowerCase(Locale.ROOT)));
            result = result == null ? when(match, lit(allowed)) : result.when(match, lit(allowed));
        }
        return result == null ? value : result;
    }
}
