package io.crmanalytics.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.crmanalytics.core.InvalidOption;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Defaults declared once, a builder instead of 14 positional values, messages in the domain's words. */
class ServiceOptionsTest {
    @Test
    void theBuilderStartsFromTheDeclaredDefaults() {
        assertEquals(new ServiceOptions(20, 7, 300, 120, 30, 2.0, 0.05, 4, 0.7, 10, Set.of("platinum", "gold"), 0, 60,
                true), ServiceOptions.defaults());
        assertEquals(5, ServiceOptions.builder().outreachLookbackDays(5).build().outreachLookbackDays());
    }

    @Test
    void anOptionOutOfItsDomainIsNamedByItsField() {
        InvalidOption fdr = assertThrows(InvalidOption.class, () -> ServiceOptions.builder().fdr(2).build());
        assertEquals("fdr", fdr.option());
        assertEquals("fdr must be between 0 and 1 (exclusive), got 2.0", fdr.getMessage());
        assertEquals("--fdr must be between 0 and 1 (exclusive), got 2.0", fdr.messageFor("--fdr"));

        InvalidOption level = assertThrows(InvalidOption.class,
                () -> ServiceOptions.builder().serviceLevelSeconds(0).build());
        assertEquals("service level seconds must be positive, got 0", level.getMessage());
        assertEquals("serviceLevelSeconds", level.option());
    }
}
