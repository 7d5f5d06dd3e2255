package io.crmanalytics.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.crmanalytics.job.JobContext;
import io.crmanalytics.testing.Cli;
import io.crmanalytics.testing.SharedSpark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SegmentsTest {
    private static Path dir;

    @BeforeAll
    static void warehouse() {
        dir = SharedSpark.newWarehouseDir("segments");
        JobContext ctx = SharedSpark.context(dir, LocalDate.parse(DeliveryFixtures.RUN_DATE));
        DeliveryFixtures.customers(ctx);
        DeliveryFixtures.valueAndOffers(ctx);
    }

    private static Cli.Result crm(String... args) {
        List<String> all = new java.util.ArrayList<>(List.of(args));
        all.addAll(List.of("--warehouse", dir.toString(), "--run-date", DeliveryFixtures.RUN_DATE));
        return Cli.run(all.toArray(String[]::new));
    }

    @Test
    void listGivesSlugNameSizeAndDefinitionPerSegment() {
        Cli.Result list = crm("segments", "list");
        assertEquals(0, list.exitCode(), list.err());
        Map<String, String> lines = new LinkedHashMap<>();
        for (String line : list.out().strip().split("\\R")) {
            String[] parts = line.trim().split("\\s+", 3);
            assertTrue(parts[0].matches("[a-z0-9_]+"), "slug name first: " + line);
            assertTrue(parts.length == 3 && !parts[2].isBlank(), "size and definition: " + line);
            lines.put(parts[0], parts[1]);
        }
        assertEquals(List.of("rfm_champions", "rfm_loyal", "rfm_potential_loyalist", "rfm_new", "rfm_at_risk",
                "rfm_cant_lose_them", "rfm_hibernating", "rfm_lost", "tier_platinum", "tier_gold", "tier_silver",
                "tier_bronze", "high_value_at_risk", "propensity_top_decile_home_garden",
                "propensity_top_decile_books"), List.copyOf(lines.keySet()));
        assertEquals("1", lines.get("rfm_cant_lose_them"));
        assertEquals("0", lines.get("rfm_new"));
        assertEquals("1", lines.get("tier_platinum"));
        assertEquals("1", lines.get("high_value_at_risk"), "c2: gold tier, probability alive 0.3");
        assertEquals("2", lines.get("propensity_top_decile_books"), "c1 and c3 in decile 10");
        assertEquals("1", lines.get("propensity_top_decile_home_garden"));
    }

    @Test
    void exportHasOnlyConsentedCustomersAndWritesOneAuditLinePerExport() throws Exception {
        Path outside = Files.createDirectories(dir.resolveSibling(dir.getFileName() + "-out"));
        Path books = outside.resolve("books.csv");
        Cli.Result export = crm("segments", "export", "--segment", "propensity_top_decile_books", "--out",
                books.toString(), "--columns", String.join(",", Segments.CAMPAIGN_COLUMNS));
        assertEquals(0, export.exitCode(), export.err());
        assertEquals("""
                customer_id,name,email,phone,segment,value_tier,next_best_offer
                c1,Ann Lee,ann@example.com,'+1 555 0101,propensity_top_decile_books,platinum,books
                c3,"Cy, ""Jr"" Ortiz",cy@example.com,'+1 555 0103,propensity_top_decile_books,silver,Home & Garden
                """, Files.readString(books).replace("\r", ""));

        // c2 is the only member and has not consented: the list is empty but still written and audited.
        Path atRisk = outside.resolve("at-risk.csv");
        Cli.Result empty = crm("segments", "export", "--segment", "high_value_at_risk", "--out", atRisk.toString());
        assertEquals(0, empty.exitCode(), empty.err());
        assertEquals(List.of("customer_id,email"), Files.readAllLines(atRisk));

        List<String> audit = Files.readAllLines(dir.resolve("audit").resolve(ExportAudit.LOG));
        assertEquals(2, audit.size(), String.join("\n", audit));
        assertTrue(audit.get(0).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ\tuser=[^\t]+\tuid=[^\t]+\t.*"),
                audit.get(0));
        assertTrue(audit.get(0).contains("\taction=export\tsegment=propensity_top_decile_books\trows=2\t"),
                audit.get(0));
        assertTrue(audit.get(1).contains("\taction=export\tsegment=high_value_at_risk\trows=0\t"
                + "columns=customer_id,email\t"), audit.get(1));
        assertTrue(audit.get(1).contains("\tout=" + atRisk + "\tprev="), audit.get(1));
    }

    @Test
    void unknownSegmentListsTheKnownOnesAndWritesNothing() {
        Path out = dir.resolveSibling(dir.getFileName() + "-nope.csv");
        Cli.Result unknown = crm("segments", "export", "--segment", "nope", "--out", out.toString());
        assertEquals(1, unknown.exitCode());
        assertTrue(unknown.err().startsWith("crm: unknown segment 'nope'; known segments: rfm_champions, "),
                unknown.err());
        assertTrue(unknown.err().contains("tier_platinum"), unknown.err());
        assertFalse(Files.exists(out));

        Cli.Result badFolder = crm("segments", "export", "--segment", "tier_gold", "--out",
                dir.resolve("no/such/folder/x.csv").toString());
        assertEquals(1, badFolder.exitCode());
        assertTrue(badFolder.err().contains("does not exist"), badFolder.err());

        Cli.Result nothing = Cli.run("segments", "list", "--warehouse",
                SharedSpark.newWarehouseDir("segments-empty").toString());
        assertEquals(1, nothing.exitCode());
        assertTrue(nothing.err().startsWith("crm: no segments: gold.customer_value and gold.propensity_scores"),
                nothing.err());
    }

    @Test
    void slugs() {
        assertEquals("cant_lose_them", Segments.slug("Can't lose them"));
        assertEquals("home_garden", Segments.slug("Home & Garden"));
        assertEquals("potential_loyalist", Segments.slug(" Potential  loyalist "));
    }
}
