package io.crmanalytics.ingest;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.crmanalytics.testing.SharedSpark;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/**
 * The text rules of {@link ValueParsers} against plain-Java references, on random values: what {@code clean} trims
 * (it was a regular expression, now a trim of a character set, so a character missing from the set would keep
 * white space in silver), and the two rules that read a number's text ({@code placesBeyond},
 * {@code digitsBeyondDouble}), whose exponent and zero handling were rewritten without regular expressions or a
 * failing cast.
 */
class ValueParsersTest {
    /**
     * The documented rule: Java's {@code \s} (ASCII white space only) at either end. Not the former
     * {@code regexp_replace(v, "^\\s+|\\s+$", "")} exactly: its {@code $} also matched before a final line
     * terminator, so the spaces before a closing U+0085, U+2028 or U+2029 went too; a trim keeps them, as it keeps
     * any value whose end is not white space.
     */
    static final Pattern SURROUNDING_SPACE = Pattern.compile("\\A\\s+|\\s+\\z");
    private static final String[] TEXT_PIECES = {" ", "  ", "\t", "\n", "\u000B", "\f", "\r", "\r\n", "\u00a0",
        "\u2003", "\u0085", "\u2028", "\u200b", "\u3000", "a", "Zz", "0", "é", "中文", "😀", "e\u0301", ",", "\""};

    @Test
    void cleanRemovesAsciiWhiteSpaceAtBothEnds() {
        Random random = new Random(5);
        List<String> values = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            StringBuilder value = new StringBuilder();
            for (int k = random.nextInt(7); k > 0; k--) {
                value.append(TEXT_PIECES[random.nextInt(TEXT_PIECES.length)]);
            }
            values.add(value.toString());
        }
        List<Row> cleaned = texts(values).select(col("value"), ValueParsers.clean(col("value"))).collectAsList();
        int trimmed = 0;
        for (Row row : cleaned) {
            String expected = SURROUNDING_SPACE.matcher(row.getString(0)).replaceAll("");
            expected = expected.isEmpty() ? null : expected;
            assertEquals(expected, row.getString(1), () -> "clean(" + escaped(row.getString(0)) + ")");
            trimmed += expected == null || !expected.equals(row.getString(0)) ? 1 : 0;
        }
        assertTrue(trimmed > 10_000, "most random values have white space at an end: " + trimmed);
    }

    @Test
    void numberTextRulesAgreeWithBigDecimal() {
        Random random = new Random(9);
        List<String> values = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            values.add(randomNumber(random));
        }
        int scale = 4;
        List<Row> rows = texts(values).select(col("value"), ValueParsers.placesBeyond(col("value"), scale),
                ValueParsers.digitsBeyondDouble(col("value"))).collectAsList();
        int beyondScale = 0;
        int beyondDouble = 0;
        for (Row row : rows) {
            String text = row.getString(0);
            BigDecimal exact = new BigDecimal(text).stripTrailingZeros();
            boolean places = exact.signum() != 0 && exact.scale() > scale;
            assertEquals(places, row.getBoolean(1), () -> "placesBeyond(" + text + ", " + scale + ")");
            boolean digits = significantDigits(text) > ValueParsers.DOUBLE_DIGITS;
            assertEquals(digits, row.getBoolean(2), () -> "digitsBeyondDouble(" + text + ")");
            beyondScale += places ? 1 : 0;
            beyondDouble += digits ? 1 : 0;
        }
        assertTrue(beyondScale > 2_000 && beyondScale < 18_000, "both answers occur: " + beyondScale);
        assertTrue(beyondDouble > 2_000 && beyondDouble < 18_000, "both answers occur: " + beyondDouble);
    }

    /** A number in the form decimal() reads: sign, digits with zeros at both ends, a point, an exponent. */
    private static String randomNumber(Random random) {
        StringBuilder text = new StringBuilder();
        text.append(switch (random.nextInt(4)) {
            case 0 -> "-";
            case 1 -> "+";
            default -> "";
        });
        String integer = digits(random, random.nextInt(12));
        String fraction = digits(random, random.nextInt(12));
        if (integer.isEmpty() && fraction.isEmpty()) {
            integer = "0";
        }
        text.append(integer);
        if (!fraction.isEmpty() || (random.nextInt(4) == 0 && !integer.isEmpty())) {
            text.append('.').append(fraction);
        }
        if (random.nextInt(3) == 0) {
            text.append(random.nextBoolean() ? 'e' : 'E').append(random.nextInt(3) == 0 ? "-" : "")
                    .append(random.nextInt(3) == 0 ? "+" : "").append(random.nextInt(25));
        }
        return text.toString().replace("-+", "-");
    }

    /** Digits, often with runs of zeros at either end. */
    private static String digits(Random random, int length) {
        StringBuilder digits = new StringBuilder();
        for (int i = 0; i < length; i++) {
            boolean edge = i < 2 || i >= length - 2;
            digits.append(edge && random.nextBoolean() ? '0' : (char) ('0' + random.nextInt(10)));
        }
        return digits.toString();
    }

    private static int significantDigits(String text) {
        String mantissa = text.replaceFirst("^[+-]", "").replaceFirst("[eE].*$", "").replace(".", "");
        return mantissa.replaceFirst("^0+", "").replaceFirst("0+$", "").length();
    }

    private static Dataset<Row> texts(List<String> values) {
        return SharedSpark.session().createDataset(values, Encoders.STRING()).toDF("value");
    }

    private static String escaped(String value) {
        StringBuilder out = new StringBuilder();
        value.codePoints().forEach(c -> out.append(c < 0x20 || c > 0x7e ? String.format("\\u%04x", c)
                : String.valueOf((char) c)));
        return out.toString();
    }
}
