package io.crmanalytics.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** How one JSON Lines line is judged and handed to Spark (no Spark here; HostileInputTest reads whole files). */
class JsonLineTest {
    private static JsonLine.Judged judge(String line) {
        return JsonLine.judge(line.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
    }

    @Test
    void topLevelBareNumbersAreQuotedWithTheirExactText() {
        JsonLine.Judged line = judge("{\"id\": 7, \"price\":77994478778325.770400,\"e\":-1.5E+3,\"s\":\"x\"}");
        assertEquals(JsonLine.Kind.OBJECT, line.kind());
        assertEquals("{\"id\": \"7\", \"price\":\"77994478778325.770400\",\"e\":\"-1.5E+3\",\"s\":\"x\"}", line.json());
    }

    @Test
    void everythingButTopLevelNumbersIsLeftAsWritten() {
        String text = "{'a':'single',\"b\":true,\"c\":null,\"d\":{\"n\":1.0},\"e\":[1,2],\"f\":NaN}";
        JsonLine.Judged line = judge(text);
        assertEquals(JsonLine.Kind.OBJECT, line.kind());
        assertEquals("{'a':'single',\"b\":true,\"c\":null,\"d\":{\"n\":1.0},\"e\":[1,2],\"f\":\"NaN\"}", line.json());
        assertEquals(text, line.text());
    }

    @Test
    void keysAreColumnNamesAsAHeadersAre() {
        assertEquals("{\"name\": \"Ann\", \"id\":\"7\"}", judge("{\" Name \": \"Ann\", \"id\":7}").json());
        assertEquals("{\"name\":\"x\",\"price\":\"1.5\"}", judge("{\"Na\\u006De\":\"x\",'PRICE':1.5}").json());
        assertEquals("a key appears twice in one object", judge("{\"Name\":\"a\",\"name\":\"b\"}").detail());
        assertEquals("an empty key", judge("{\" \":\"a\"}").detail());
        // Nested keys are values, not columns: left as written.
        assertEquals("{\"a\":{\"B\":1}}", judge("{\"a\":{\"B\":1}}").json());
    }

    @Test
    void aLineThatIsNotExactlyOneObjectIsMalformedWithItsText() {
        for (String text : new String[] {"[{\"a\":1},{\"a\":2}]", "{\"a\":1} {\"a\":2}", "{\"a\":1", "42", "not json",
                "{\"a\":1}}", "{a:1}"}) {
            JsonLine.Judged line = judge(text);
            assertEquals(JsonLine.Kind.MALFORMED, line.kind(), text);
            assertEquals(text, line.text(), text);
        }
        assertEquals("a JSON array, not an object", judge("[{\"a\":1}]").detail());
        assertEquals("more than one JSON value on the line", judge("{\"a\":1} {\"a\":2}").detail());
        assertEquals("a key appears twice in one object", judge("{\"a\":1,\"b\":{\"c\":1,\"c\":2}}").detail());
        assertEquals("a key appears twice in one object", judge("{\"a\":\"x\",\"a\":\"y\"}").detail());
    }

    @Test
    void blankLinesAreNoRecordAndAByteOrderMarkOrCarriageReturnIsNoContent() {
        assertEquals(JsonLine.Kind.BLANK, judge(" \t\r").kind());
        assertEquals(JsonLine.Kind.BLANK, judge("").kind());
        assertEquals("{\"a\":\"1\"}\r", judge("\uFEFF{\"a\":1}\r").json());
    }

    @Test
    void bytesThatAreNotTextInTheEncodingAreUndecodable() {
        byte[] latin1 = "{\"n\":\"J\u00fcrgen\"}".getBytes(StandardCharsets.ISO_8859_1);
        assertEquals(JsonLine.Kind.UNDECODABLE, JsonLine.judge(latin1, StandardCharsets.UTF_8).kind());
        assertEquals("{\"n\":\"J\u00fcrgen\"}", JsonLine.judge(latin1, StandardCharsets.ISO_8859_1).json());
        byte[] undefined = {'{', '"', 'n', '"', ':', '"', (byte) 0x81, '"', '}'};
        assertEquals("not valid windows-1252",
                JsonLine.judge(undefined, Charset.forName("windows-1252")).detail());
    }
}
