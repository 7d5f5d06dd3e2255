package io.crmanalytics.quality;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The gates search a text value only when it has a character the regular expressions need
 * ({@link PiiValues#EMAIL_NEEDS}, {@link PiiValues#PHONE_NEEDS_ONE_OF}): that skip is exact only if every match
 * has one. Random values built from the pieces of addresses and numbers check it, as well as the known forms.
 */
class PiiValuesTest {
    private static final List<String> PIECES = List.of("jo", "doe", "crm", "mail", "example", "org", "C0001234",
            "@", ".", "-", "_", "+", " ", "(", ")", "%", "555", "010", "1234", "44", "20", "7946", "0958", "7",
            "9", "(avg", "tenure_days", ";", "=", "/", "@example.org", "+44", "555 ");

    @Test
    void everyMatchHasACharacterTheSkipLooksFor() {
        Pattern email = Pattern.compile(PiiValues.EMAIL);
        Pattern phone = Pattern.compile(PiiValues.PHONE);
        Random random = new Random(11);
        int emails = 0;
        int phones = 0;
        for (int trial = 0; trial < 300_000; trial++) {
            StringBuilder value = new StringBuilder();
            for (int k = 1 + random.nextInt(9); k > 0; k--) {
                value.append(PIECES.get(random.nextInt(PIECES.size())));
            }
            String v = value.toString();
            if (email.matcher(v).find()) {
                emails++;
                assertTrue(v.contains(PiiValues.EMAIL_NEEDS), v);
            }
            if (phone.matcher(v).find()) {
                phones++;
                assertTrue(PiiValues.PHONE_NEEDS_ONE_OF.stream().anyMatch(v::contains), v);
            }
        }
        assertTrue(emails > 500 && phones > 500, "the random values reach both forms: " + emails + " " + phones);
    }

    @Test
    void knownFormsAreFoundAndIdsAreNot() {
        for (String pii : List.of("call +44 20 7946 0958 please", "(555) 010-1234", "555.010.1234",
                "jo.doe+crm@mail.example.org")) {
            assertTrue(PiiValues.containsPii(pii), pii);
        }
        for (String plain : List.of("C0001234", "5550101234", "tenure_days 912 (avg 401)", "2026-06-30", "a@b")) {
            assertFalse(PiiValues.containsPii(plain), plain);
        }
    }
}
