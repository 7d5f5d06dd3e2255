package io.crmanalytics.warehouse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The CSV cell rule every file people open in a spreadsheet goes through (segment exports, {@code crm sql --format
 * csv}, the outreach list, propensity scores): each of the six characters that make a cell a formula, and what is
 * left alone. The CLI tests check the writers use it; this one checks the rule itself, character by character.
 */
class SafeCsvTest {
    @Test
    void everyFormulaStartIsNeutralisedAndQuotedAsCsvNeeds() {
        assertEquals("'=HYPERLINK(\"\"x\"\")", SafeCsv.neutralised("=HYPERLINK(\"\"x\"\")"));
        for (String formula : List.of("=1+1", "+1 555 0101", "-2+3", "@SUM(A1)", "\tcmd", "\rcmd")) {
            assertEquals("'" + formula, SafeCsv.neutralised(formula), formula);
        }
        assertEquals("'=cmd|' /C calc'!A0", SafeCsv.line(List.of("=cmd|' /C calc'!A0")));
        // A carriage return inside a cell: neutralised at the start, and the cell quoted.
        assertEquals("\"'\rx\"", SafeCsv.line(List.of("\rx")));
        assertEquals("\"'=a,b\"", SafeCsv.line(List.of("=a,b")));
        assertEquals("\"say \"\"hi\"\"\"", SafeCsv.line(List.of("say \"hi\"")));
    }

    @Test
    void textThatIsNoFormulaAndNonTextValuesAreWrittenAsTheyAre() {
        assertEquals("ann@example.com", SafeCsv.neutralised("ann@example.com"));
        assertEquals("", SafeCsv.neutralised(""));
        assertEquals(" =1", SafeCsv.neutralised(" =1"));
        // Numbers, dates and booleans cannot be formulas: a negative amount keeps its sign.
        assertEquals("-12.50,2026-10-01,true,-3,,x", SafeCsv.line(Arrays.asList(new BigDecimal("-12.50"),
                LocalDate.parse("2026-10-01"), true, -3L, null, "x")));
    }
}
