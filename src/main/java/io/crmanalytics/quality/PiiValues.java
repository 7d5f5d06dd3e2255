package io.crmanalytics.quality;

import java.util.regex.Pattern;

/**
 * Personal data recognised by its value rather than its column name: e-mail addresses, and phone numbers written
 * the way people write them (international with 7 to 15 digits, {@code +44 20 7946 0958}, or grouped
 * {@code (555) 010-1234}, {@code 555.010.1234}). A bare run of digits is not taken for a phone number, since ids and amounts look the
 * same; a number written that way is missed. Java regular expressions, also used inside Spark ({@code rlike},
 * {@code regexp_replace}).
 */
public final class PiiValues {
    public static final String EMAIL = "[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}";
    /** A + and 7 to 15 digits with single separators, or the grouped 3-3-4 form; not inside a longer token. */
    public static final String PHONE = "((?<![\\w+])\\+(?=(?:[ ().-]?\\d){7,15}(?!\\d))\\d{1,3}(?:[ .-]?\\(?\\d{1,5}\\)?){1,6}(?!\\w))"
            + "|((?<![\\w.])\\(?\\d{3}\\)?[ .-]\\d{3}[ .-]\\d{4}(?![\\w.]))";
    private static final Pattern ANY = Pattern.compile(EMAIL + "|" + PHONE);
    /** Every match of {@link #EMAIL} contains this: a value without it need not be searched. */
    public static final String EMAIL_NEEDS = "@";
    /**
     * Every match of {@link #PHONE} contains one of these (the international form a '+', the grouped form a
     * separator): a value with none of them need not be searched.
     */
    public static final java.util.List<String> PHONE_NEEDS_ONE_OF = java.util.List.of("+", " ", ".", "-");

    private PiiValues() {
    }

    public static boolean containsPii(String value) {
        return value != null && ANY.matcher(value).find();
    }
}
