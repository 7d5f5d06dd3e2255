package io.crmanalytics.ingest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.util.HashSet;
import java.util.Set;

/**
 * One physical line of a JSON Lines file, judged before Spark parses it, so that it becomes exactly one row.
 *
 * <p>Spark's JSON reader alone does not keep that promise: a line holding an array of objects becomes one row per
 * element, a line holding two objects keeps the first and drops the second without a word, and a file whose
 * every line is malformed reads as no rows at all. So each line is decoded here (invalid bytes make it
 * {@code bad_encoding}), checked to be exactly one JSON object (anything else is a {@code malformed_record} with
 * its text), and only then handed to Spark.
 *
 * <p>Its keys are column names, trimmed and lower-cased as a CSV header's are ({@link SourceReader#normalizedName}),
 * so {@code "Name"} in one line and {@code "name"} in the next are one column; two keys of one object that name the
 * same column make the line malformed, since which value was meant is unknown.
 *
 * <p>The object's top-level bare numbers are handed over as JSON strings of their exact text. Spark keeps a bare
 * number's text only when it parses the line's bytes itself; from decoded text it re-writes the number from a
 * double, and {@code 77994478778325.770400} would arrive as {@code 77994478778325.77}. Strings, booleans, nulls
 * and nested values are left as they are.
 */
final class JsonLine {
    /**
     * Spark's own JSON defaults (JSONOptions): single quotes and NaN/Infinity accepted, nothing else lenient. One
     * check more: a key given twice in one object is refused, where Spark would silently keep one of the values.
     */
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(JsonReadFeature.ALLOW_SINGLE_QUOTES)
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    /** What a line is. */
    enum Kind {
        /** Nothing but white space: not a record (Spark's JSON reader skips it too). */
        BLANK,
        /** Exactly one JSON object: {@link Judged#json} is ready for Spark. */
        OBJECT,
        /** Text, but not exactly one JSON object: {@link Judged#text} is the line as decoded. */
        MALFORMED,
        /** Bytes that are not text in the input's encoding. */
        UNDECODABLE
    }

    /**
     * @param json the object with its top-level bare numbers quoted (OBJECT only)
     * @param text the decoded line (OBJECT and MALFORMED)
     * @param detail what is wrong with the line (MALFORMED and UNDECODABLE)
     */
    record Judged(Kind kind, String json, String text, String detail) {
    }

    private JsonLine() {
    }

    static Judged judge(byte[] bytes, Charset charset) {
        String text;
        try {
            text = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return new Judged(Kind.UNDECODABLE, null, null, "not valid " + charset.name());
        }
        // A byte order mark opens the first line of a file; Spark's byte parser skips it as well.
        String line = text.startsWith("\uFEFF") ? text.substring(1) : text;
        if (line.isBlank()) {
            return new Judged(Kind.BLANK, null, null, null);
        }
        try {
            return object(line, text);
        } catch (StreamReadException e) {
            return malformed(text, e.getOriginalMessage().startsWith("Duplicate field")
                    ? "a key appears twice in one object" : "not a JSON object");
        } catch (IOException e) {
            return malformed(text, "not a JSON object");
        }
    }

    private static Judged object(String line, String text) throws IOException {
        try (JsonParser parser = FACTORY.createParser(line)) {
            JsonToken first = parser.nextToken();
            if (first != JsonToken.START_OBJECT) {
                return malformed(text, first == JsonToken.START_ARRAY ? "a JSON array, not an object"
                        : "not a JSON object");
            }
            StringBuilder json = new StringBuilder(line.length() + 16);
            Set<String> columns = new HashSet<>();
            int copied = 0;
            int depth = 1;
            while (depth > 0) {
                JsonToken token = parser.nextToken();
                if (token == null) {
                    return malformed(text, "not a JSON object");
                }
                switch (token) {
                    case START_OBJECT, START_ARRAY -> depth++;
                    case END_OBJECT, END_ARRAY -> depth--;
                    case FIELD_NAME -> {
                        if (depth == 1) {
                            String key = parser.currentName();
                            String column = SourceReader.normalizedName(key);
                            if (column.isEmpty()) {
                                return malformed(text, "an empty key");
                            }
                            if (!columns.add(column)) {
                                return malformed(text, "a key appears twice in one object");
                            }
                            if (!column.equals(key)) {
                                // Keys are column names, matched as a CSV header's are: "Name" in one line and
                                // "name" in the next are one column, so Spark is given the one spelling.
                                int start = (int) parser.currentTokenLocation().getCharOffset();
                                json.append(line, copied, start).append('"')
                                        .append(JsonStringEncoder.getInstance().quoteAsString(column)).append('"');
                                copied = afterQuoted(line, start);
                            }
                        }
                    }
                    case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
                        if (depth == 1) {
                            int start = (int) parser.currentTokenLocation().getCharOffset();
                            String number = parser.getText();
                            json.append(line, copied, start).append('"').append(number).append('"');
                            copied = start + number.length();
                        }
                    }
                    default -> {
                    }
                }
            }
            if (parser.nextToken() != null) {
                return malformed(text, "more than one JSON value on the line");
            }
            return new Judged(Kind.OBJECT, json.append(line, copied, line.length()).toString(), text, null);
        }
    }

    /** The index just past the quoted string that opens at {@code start} (escapes skipped). */
    private static int afterQuoted(String line, int start) {
        char quote = line.charAt(start);
        int i = start + 1;
        while (line.charAt(i) != quote) {
            i += line.charAt(i) == '\\' ? 2 : 1;
        }
        return i + 1;
    }

    private static Judged malformed(String text, String detail) {
        return new Judged(Kind.MALFORMED, null, text, detail);
    }
}
