package io.crmanalytics.ingest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.ByteArrayInputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The record scanner alone (no Spark): record boundaries, resynchronisation, encoding. */
class CsvRecordScannerTest {
    private static List<CsvRecordScanner.CsvRecord> scan(String text) {
        return scan(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
    }

    private static List<CsvRecordScanner.CsvRecord> scan(byte[] bytes, Charset charset) {
        CsvRecordScanner scanner = new CsvRecordScanner(new ByteArrayInputStream(bytes), charset);
        List<CsvRecordScanner.CsvRecord> records = new ArrayList<>();
        records.add(scanner.header());
        scanner.forEachRemaining(records::add);
        return records;
    }

    private static String describe(CsvRecordScanner.CsvRecord r) {
        return r.line() + ":" + (r.wellFormed() ? String.join("|", r.fields()) : r.rule() + "[" + r.rawText() + "]");
    }

    @Test
    void unclosedQuoteCostsOneLine() {
        List<String> got = scan("a,b,c\n1,\"x,y\n2,u,v\n3,w,z\n").stream().map(CsvRecordScannerTest::describe).toList();
        assertEquals(List.of("1:a|b|c", "2:malformed_record[1,\"x,y]", "3:2|u|v", "4:3|w|z"), got);
    }

    @Test
    void quoteClosedInALaterRowIsResynchronised() {
        List<String> got = scan("a,b,c\n1,2,\"open\n2,u,v\n3,w,\"ok\"\n4,x,y")
                .stream().map(CsvRecordScannerTest::describe).toList();
        assertEquals(List.of("1:a|b|c", "2:malformed_record[1,2,\"open]", "3:2|u|v", "4:3|w|ok", "5:4|x|y"), got);
    }

    @Test
    void quotedLineBreaksCommasAndQuotes() {
        List<String> got = scan("\uFEFFa,b\r\n\"x\r\ny\",\"say \"\"hi\"\", ok\"\r\n\r\n3,\n")
                .stream().map(CsvRecordScannerTest::describe).toList();
        assertEquals(List.of("1:a|b", "2:x\r\ny|say \"hi\", ok", "5:3|"), got);
    }

    @Test
    void fieldCountAndTextAfterQuote() {
        List<String> got = scan("a,b\n1,2,3\n\"x\"y,2\n4\n5,6").stream().map(CsvRecordScannerTest::describe).toList();
        assertEquals(List.of("1:a|b", "2:malformed_record[1,2,3]", "3:malformed_record[\"x\"y,2]",
                "4:malformed_record[4]", "5:5|6"), got);
    }

    @Test
    void badBytesAreKeptRaw() {
        byte[] bytes = "id,name\n1,J\u00fcrgen\n2,ok\n".getBytes(StandardCharsets.ISO_8859_1);
        List<CsvRecordScanner.CsvRecord> utf8 = scan(bytes, StandardCharsets.UTF_8);
        assertEquals(Rule.BAD_ENCODING, utf8.get(1).rule());
        assertArrayEquals("1,J\u00fcrgen".getBytes(StandardCharsets.ISO_8859_1), utf8.get(1).rawBytes());
        assertEquals(List.of("2", "ok"), utf8.get(2).fields());
        List<CsvRecordScanner.CsvRecord> latin1 = scan(bytes, StandardCharsets.ISO_8859_1);
        assertEquals(List.of("1", "J\u00fcrgen"), latin1.get(1).fields());
    }

    @Test
    void emptyInputHasNoHeader() {
        assertNull(scan("").get(0));
    }
}
