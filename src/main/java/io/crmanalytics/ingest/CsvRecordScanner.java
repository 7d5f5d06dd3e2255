package io.crmanalytics.ingest;

import io.crmanalytics.core.InvalidOption;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;

/**
 * Splits a CSV byte stream into its physical records by RFC 4180 (comma, double quote, {@code ""} for a quote
 * inside a quoted field, CRLF, LF or CR line ends), strictly, and decodes them strictly: it is the one place
 * that decides where a record starts and ends, so every byte after the header is in exactly one record.
 *
 * <p>A record is malformed when a quoted field is never closed, when text follows a closing quote, when it
 * grows beyond {@link #MAX_RECORD_BYTES}, or when it has another number of fields than the header. A malformed
 * record is then only its first physical line (kept as raw text), and scanning starts again on the next line:
 * one unclosed quote costs one line, not every row after it (a lenient parser would have folded those rows into
 * the quoted field). A record whose bytes are not valid in the charset, or that holds a NUL or U+FFFD (bytes
 * lost before the file reached us), is {@code bad_encoding} with its raw bytes. Empty lines hold no record.
 *
 * <p>Structure is found on bytes, so the charset must encode {@code , " CR LF} as ASCII does (UTF-8, ISO-8859-*,
 * windows-125*): {@link #requireAsciiCompatible} checks that.
 */
final class CsvRecordScanner implements Iterator<CsvRecordScanner.CsvRecord>, Closeable {
    /** A quoted field may hold line breaks, but no record may hold more than this: it bounds memory too. */
    static final int MAX_RECORD_BYTES = 16 * 1024 * 1024;

    private static final int EOF = -1;
    private static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    /**
     * One physical record. {@code fields} is null when {@code rule} is set; {@code rawText} holds a malformed
     * record's text, {@code rawBytes} a badly encoded record's bytes (line end excluded in both).
     *
     * @param line the 1-based line of the file the record starts on (the header is line 1)
     */
    record CsvRecord(long line, List<String> fields, String rule, String detail, String rawText, byte[] rawBytes) {
        boolean wellFormed() {
            return rule == null;
        }
    }

    private final InputStream in;
    private final Charset charset;
    private final CharsetDecoder decoder;
    private int expectedFields = -1;

    private byte[] pending = new byte[0];
    private int pendingPos;
    private int lookahead = Integer.MIN_VALUE;

    private final ByteArrayOutputStream record = new ByteArrayOutputStream();
    private final List<int[]> fieldRanges = new ArrayList<>();
    private long nextLine = 1;
    private CsvRecord next;
    private boolean started;

    /** The first record read is the header; every later record must have as many fields. */
    CsvRecordScanner(InputStream in, Charset charset) {
        this.in = in;
        this.charset = charset;
        this.decoder = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
    }

    /** The header record, or null for an empty file; call once, before iterating the data records. */
    CsvRecord header() {
        CsvRecord header = hasNext() ? next() : null;
        if (header != null && header.wellFormed()) {
            expectedFields = header.fields().size();
        }
        return header;
    }

    static void requireAsciiCompatible(Charset charset) {
        byte[] encoded = ",\"\r\n".getBytes(charset);
        if (!Arrays.equals(encoded, ",\"\r\n".getBytes(StandardCharsets.US_ASCII))) {
            throw new InvalidOption("encoding", InvalidOption.OPTION + " " + charset.name() + " is not supported: CSV and JSON input must use an ASCII-compatible encoding such as UTF-8,"
                    + " ISO-8859-1 or windows-1252");
        }
    }

    @Override
    public boolean hasNext() {
        if (next == null) {
            next = scan();
        }
        return next != null;
    }

    @Override
    public CsvRecord next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        CsvRecord result = next;
        next = null;
        return result;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    private CsvRecord scan() {
        try {
            if (!started) {
                started = true;
                skipBom();
            }
            return scanRecord();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void skipBom() throws IOException {
        if (!charset.equals(StandardCharsets.UTF_8)) {
            return;
        }
        byte[] head = new byte[3];
        int n = 0;
        while (n < 3) {
            int b = read();
            if (b == EOF) {
                break;
            }
            head[n++] = (byte) b;
        }
        if (n == 3 && Arrays.equals(head, UTF8_BOM)) {
            return;
        }
        unread(Arrays.copyOf(head, n));
    }

    private CsvRecord scanRecord() throws IOException {
        // Empty lines between records hold nothing.
        while (true) {
            int b = peek();
            if (b == EOF) {
                return null;
            }
            if (b == '\n') {
                read();
                nextLine++;
            } else if (b == '\r') {
                read();
                if (peek() == '\n') {
                    read();
                }
                nextLine++;
            } else {
                break;
            }
        }
        record.reset();
        fieldRanges.clear();
        long line = nextLine;
        String problem = null;
        boolean endOfRecord = false;
        while (!endOfRecord && problem == null) {
            int start = record.size();
            if (peek() == '"') {
                take();
                problem = quotedField(start);
                if (problem == null) {
                    endOfRecord = fieldEnd();
                }
            } else {
                while (true) {
                    int b = peek();
                    if (b == EOF || b == ',' || b == '\n' || b == '\r') {
                        break;
                    }
                    take();
                    if (record.size() > MAX_RECORD_BYTES) {
                        problem = "record longer than " + MAX_RECORD_BYTES + " bytes";
                        break;
                    }
                }
                if (problem == null) {
                    fieldRanges.add(new int[] {start, record.size(), 0});
                    endOfRecord = fieldEnd();
                }
            }
        }
        if (problem == null && expectedFields >= 0 && fieldRanges.size() != expectedFields) {
            problem = String.format(Locale.ROOT, "%d field%s, the header has %d", fieldRanges.size(),
                    fieldRanges.size() == 1 ? "" : "s", expectedFields);
        }
        return problem == null ? wellFormed(line) : malformed(line, problem);
    }

    /** After a field, which always ends at a comma or a line end: consumes a comma (false) or not (true). */
    private boolean fieldEnd() throws IOException {
        if (peek() == ',') {
            take();
            return false;
        }
        return true;
    }

    /** Reads a quoted field after its opening quote; null when it closed properly, else what went wrong. */
    private String quotedField(int start) throws IOException {
        while (true) {
            int b = peek();
            if (b == EOF) {
                return "unclosed quote";
            }
            take();
            if (record.size() > MAX_RECORD_BYTES) {
                return "record longer than " + MAX_RECORD_BYTES + " bytes";
            }
            if (b == '"') {
                if (peek() == '"') {
                    take();
                    continue;
                }
                fieldRanges.add(new int[] {start, record.size(), 1});
                int after = peek();
                if (after == ',' || after == '\n' || after == '\r' || after == EOF) {
                    return null;
                }
                return "text after a closing quote";
            }
        }
    }

    private CsvRecord wellFormed(long line) throws IOException {
        byte[] bytes = record.toByteArray();
        consumeLineEnd();
        nextLine += lineBreaks(bytes, 0, bytes.length) + 1;
        // Separators are ASCII, so the record is valid text exactly when every field is.
        List<String> fields = new ArrayList<>(fieldRanges.size());
        for (int[] range : fieldRanges) {
            String value;
            try {
                value = field(bytes, range);
            } catch (CharacterCodingException e) {
                return badEncoding(line, bytes, "not valid " + charset.name());
            }
            if (value.indexOf('\u0000') >= 0) {
                return badEncoding(line, bytes, "holds a NUL character");
            }
            if (value.indexOf('\uFFFD') >= 0) {
                return badEncoding(line, bytes, "holds U+FFFD, a character lost before this file was written");
            }
            fields.add(value);
        }
        return new CsvRecord(line, fields, null, null, null, null);
    }

    private String field(byte[] bytes, int[] range) throws CharacterCodingException {
        boolean quoted = range[2] == 1;
        int from = quoted ? range[0] + 1 : range[0];
        int to = quoted ? range[1] - 1 : range[1];
        String value = decoder.decode(ByteBuffer.wrap(bytes, from, to - from)).toString();
        return quoted ? value.replace("\"\"", "\"") : value;
    }

    private CsvRecord badEncoding(long line, byte[] bytes, String detail) {
        return new CsvRecord(line, null, Rule.BAD_ENCODING, "line " + line + ": " + detail, null, bytes);
    }

    /**
     * The malformed record is its first physical line; whatever was read past that line is scanned again as
     * the next records.
     */
    private CsvRecord malformed(long line, String problem) throws IOException {
        byte[] bytes = record.toByteArray();
        int firstBreak = firstLineBreak(bytes);
        byte[] unit;
        if (firstBreak >= 0) {
            unit = Arrays.copyOfRange(bytes, 0, firstBreak);
            int rest = firstBreak + (bytes[firstBreak] == '\r' && firstBreak + 1 < bytes.length
                    && bytes[firstBreak + 1] == '\n' ? 2 : 1);
            unread(Arrays.copyOfRange(bytes, rest, bytes.length));
        } else {
            // A one-line record: the rest of its line belongs to it.
            ByteArrayOutputStream line1 = new ByteArrayOutputStream();
            line1.write(bytes, 0, bytes.length);
            while (true) {
                int b = peek();
                if (b == EOF || b == '\n' || b == '\r') {
                    break;
                }
                line1.write(read());
            }
            consumeLineEnd();
            unit = line1.toByteArray();
        }
        nextLine++;
        String text;
        try {
            text = decoder.decode(ByteBuffer.wrap(unit)).toString();
        } catch (CharacterCodingException e) {
            return badEncoding(line, unit, "not valid " + charset.name());
        }
        return new CsvRecord(line, null, Rule.MALFORMED_RECORD, "line " + line + ": " + problem, text, null);
    }

    private void consumeLineEnd() throws IOException {
        int b = peek();
        if (b == '\r') {
            read();
            if (peek() == '\n') {
                read();
            }
        } else if (b == '\n') {
            read();
        }
    }

    private static int firstLineBreak(byte[] bytes) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '\n' || bytes[i] == '\r') {
                return i;
            }
        }
        return -1;
    }

    /** Line breaks inside a record (CRLF counts once). */
    private static int lineBreaks(byte[] bytes, int from, int to) {
        int count = 0;
        for (int i = from; i < to; i++) {
            if (bytes[i] == '\n' || (bytes[i] == '\r' && (i + 1 >= to || bytes[i + 1] != '\n'))) {
                count++;
            }
        }
        return count;
    }

    // Byte source: re-scanned bytes first, then the stream; one byte of look-ahead.

    private void take() throws IOException {
        record.write(read());
    }

    private int peek() throws IOException {
        if (lookahead == Integer.MIN_VALUE) {
            lookahead = rawRead();
        }
        return lookahead;
    }

    private int read() throws IOException {
        int b = peek();
        lookahead = Integer.MIN_VALUE;
        return b;
    }

    private void unread(byte[] bytes) {
        byte[] rest = new byte[bytes.length + (lookahead == Integer.MIN_VALUE || lookahead == EOF ? 0 : 1)
                + pending.length - pendingPos];
        System.arraycopy(bytes, 0, rest, 0, bytes.length);
        int at = bytes.length;
        if (lookahead != Integer.MIN_VALUE && lookahead != EOF) {
            rest[at++] = (byte) lookahead;
        }
        System.arraycopy(pending, pendingPos, rest, at, pending.length - pendingPos);
        lookahead = Integer.MIN_VALUE;
        pending = rest;
        pendingPos = 0;
    }

    private final byte[] buffer = new byte[64 * 1024];
    private int bufferPos;
    private int bufferLimit;

    private int rawRead() throws IOException {
        if (pendingPos < pending.length) {
            return pending[pendingPos++] & 0xFF;
        }
        if (bufferPos == bufferLimit) {
            bufferLimit = in.read(buffer, 0, buffer.length);
            bufferPos = 0;
            if (bufferLimit <= 0) {
                bufferLimit = 0;
                return EOF;
            }
        }
        return buffer[bufferPos++] & 0xFF;
    }
}
