package io.crmanalytics.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.crmanalytics.job.JobContext;
import io.crmanalytics.quality.GateResult;
import io.crmanalytics.quality.QualityGates;
import io.crmanalytics.service.OutreachCsv;
import io.crmanalytics.testing.Cli;
import io.crmanalytics.testing.SharedSpark;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Issue 15's controls on what leaves the warehouse, through the real CLI on a real warehouse: the read-only SQL
 * door, PII masking and audited unmasking, the hash-chained audit log, safe CSV cells, and audited exports.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SecurityControlsTest {
    private static Path dir;
    private static Path outside;
    private static JobContext ctx;

    @BeforeAll
    static void warehouse() throws Exception {
        dir = SharedSpark.newWarehouseDir("security");
        outside = Files.createDirectories(dir.resolveSibling(dir.getFileName() + "-out"));
        ctx = SharedSpark.context(dir, LocalDate.parse(DeliveryFixtures.RUN_DATE));
        DeliveryFixtures.customers(ctx);
        DeliveryFixtures.valueAndOffers(ctx);
    }

    private static Cli.Result crm(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--warehouse", dir.toString(), "--run-date", DeliveryFixtures.RUN_DATE));
        return Cli.run(all.toArray(String[]::new));
    }

    private static Cli.Result sql(String query, String... options) {
        List<String> all = new ArrayList<>(List.of("sql", query, "--format", "csv"));
        all.addAll(List.of(options));
        return crm(all.toArray(String[]::new));
    }

    private static void assertOneLineFailure(Cli.Result result, String expected, String what) {
        assertEquals(1, result.exitCode(), what + ": " + result.out() + result.err());
        String err = result.err().strip();
        assertEquals(1, err.lines().count(), what + ": " + err);
        assertTrue(err.startsWith("crm: ") && err.contains(expected), what + ": " + err);
    }

    private static List<String> auditLines() throws Exception {
        return Files.readAllLines(dir.resolve("audit").resolve(ExportAudit.LOG));
    }

    @Test
    @Order(1)
    void sqlRefusesEveryWriteDdlCommandAndPathSource() throws Exception {
        Path target = outside.resolve("stolen");
        List<String> refused = List.of(
                "DELETE FROM silver.customers WHERE customer_id = 'c1'",
                "INSERT INTO silver.customers (customer_id) VALUES ('c1')",
                "INSERT OVERWRITE DIRECTORY '" + target + "' USING csv SELECT * FROM silver.customers",
                "UPDATE silver.customers SET name = 'x'",
                "MERGE INTO silver.customers t USING silver.customers s ON t.customer_id = s.customer_id "
                        + "WHEN MATCHED THEN DELETE",
                "WITH t AS (SELECT 'c9' AS customer_id) INSERT INTO silver.customers (customer_id) SELECT * FROM t",
                "CREATE TABLE gold.copy AS SELECT * FROM silver.customers",
                "CREATE TABLE gold.copy (a INT) USING delta LOCATION '" + target + "'",
                "CREATE VIEW v AS SELECT 1 AS a",
                "CREATE TEMPORARY VIEW v USING csv OPTIONS (path '/etc/passwd')",
                "DROP TABLE silver.customers",
                "ALTER TABLE silver.customers ADD COLUMNS (x INT)",
                "TRUNCATE TABLE silver.customers",
                "CREATE FUNCTION f AS 'java.lang.String'",
                "SET spark.sql.runSQLOnFiles=true",
                "RESET",
                "ADD JAR " + target + ".jar",
                "CACHE TABLE silver.customers",
                "REFRESH TABLE silver.customers",
                "USE silver",
                "ANALYZE TABLE silver.customers COMPUTE STATISTICS",
                "EXECUTE IMMEDIATE 'DELETE FROM silver.customers'",
                "SELECT * FROM csv.`/etc/passwd`",
                "SELECT * FROM text.`/etc/passwd`",
                "SELECT * FROM parquet.`" + dir.resolve("silver/customers") + "`",
                "SELECT * FROM delta.`" + dir.resolve("silver/customers") + "`",
                "SELECT * FROM IDENTIFIER('csv.`/etc/passwd`')",
                "SELECT * FROM IDENTIFIER('delta.`" + dir.resolve("silver/customers") + "`')",
                "DESCRIBE delta.`" + dir.resolve("silver/customers") + "`",
                "EXPLAIN SELECT * FROM csv.`/etc/passwd`",
                "SELECT reflect('java.lang.System', 'getProperty', 'user.home')",
                "SELECT java_method('java.lang.System', 'getProperty', 'user.home')",
                "SELECT TRANSFORM(customer_id) USING 'cat' AS (x) FROM silver.customers",
                "SELECT 1; DELETE FROM silver.customers");
        for (String statement : refused) {
            Cli.Result result = sql(statement);
            assertEquals(1, result.exitCode(), statement + ": " + result.out() + result.err());
            String err = result.err().strip();
            assertEquals(1, err.lines().count(), statement + ": " + err);
            // Refused by the door, with its reason: not by an unrelated failure (a parse error, a missing table).
            // IDENTIFIER(...) is stopped before the door by the masking, which cannot see what it names; a second
            // statement by the parser, which takes exactly one.
            String reason = statement.contains("IDENTIFIER(")
                    ? "crm: crm sql cannot mask personal data read this way (IDENTIFIER(...))"
                    : statement.contains("; ") ? "crm: not valid SQL: [PARSE_SYNTAX_ERROR]" : "crm: crm sql is read-only: ";
            assertTrue(err.startsWith(reason), statement + ": " + err);
            assertFalse(result.out().contains("root:"), statement + " leaked a file: " + result.out());
        }
        assertFalse(Files.exists(target), "nothing written outside the warehouse");
        assertFalse(Files.exists(dir.resolve("gold/copy")), "no table created");
        assertEquals(4, ctx.warehouse().read(io.crmanalytics.warehouse.Layer.SILVER, "customers").count());
        assertEquals(List.of("customer_id", "signup_date", "region", "city", "name", "email", "phone",
                "marketing_consent", "vip"), List.of(ctx.warehouse().read(io.crmanalytics.warehouse.Layer.SILVER,
                "customers").columns()).subList(0, 9));
        assertOneLineFailure(sql("DELETE FROM silver.customers"), "crm sql is read-only", "the reason is named");
        assertOneLineFailure(sql("SELECT * FROM csv.`/etc/passwd`"), "csv.`/etc/passwd` is not a warehouse table",
                "the source is named");
    }

    @Test
    @Order(2)
    void sqlRunsQueriesShowDescribeAndExplain() {
        Cli.Result select = sql("WITH t AS (SELECT customer_id, region FROM silver.customers) "
                + "SELECT region, count(*) AS n FROM t GROUP BY region ORDER BY region");
        assertEquals(0, select.exitCode(), select.err());
        assertEquals("region,n\neast,1\nnorth,1\nsouth,2\n", select.out().replace("\r", ""));
        for (String statement : List.of("SHOW TABLES IN silver", "DESCRIBE silver.customers",
                "EXPLAIN SELECT * FROM gold.customer_value", "SELECT count(*) FROM silver.customers VERSION AS OF 0",
                "SELECT 1 AS one", "SHOW COLUMNS IN silver.customers")) {
            Cli.Result result = sql(statement);
            assertEquals(0, result.exitCode(), statement + ": " + result.err());
        }
        assertTrue(sql("SHOW TABLES IN silver").out().contains("customers"));
    }

    @Test
    @Order(3)
    void personalDataIsMaskedHoweverTheQueryReachesIt() {
        assertEquals("""
                customer_id,name,email,phone
                c1,***,***,***
                c4,***,***,
                """, sql("SELECT customer_id, name, email, phone FROM silver.customers "
                + "WHERE customer_id IN ('c1', 'c4') ORDER BY customer_id").out().replace("\r", ""));
        for (String leak : List.of(
                "SELECT email AS e FROM silver.customers",
                "SELECT upper(email) AS e FROM silver.customers",
                "SELECT concat(name, '') AS e FROM silver.customers c",
                "WITH t AS (SELECT email FROM silver.customers) SELECT email AS e FROM t",
                "SELECT customer_id AS e FROM silver.customers UNION ALL SELECT email FROM silver.customers",
                "SELECT (SELECT max(silver.customers.email) FROM silver.customers) AS e",
                "SELECT customers.phone AS e FROM silver.customers JOIN gold.customer_value USING (customer_id)")) {
            Cli.Result result = sql(leak);
            assertEquals(0, result.exitCode(), leak + ": " + result.err());
            String out = result.out();
            assertFalse(out.contains("@") || out.contains("555") || out.contains("Ann"), leak + " leaked: " + out);
        }
        Cli.Result guessed = sql("SELECT count(*) AS n FROM silver.customers WHERE email = 'ann@example.com'");
        assertEquals("n\n0\n", guessed.out().replace("\r", ""), "filters only ever see the mask");
        assertOneLineFailure(sql("SELECT email FROM IDENTIFIER('silver.customers')"),
                "cannot mask personal data read this way", "a path the rewrite cannot see is refused");
        Cli.Result inText = sql("SELECT 'write to ann@example.com or call +44 20 7946 0958' AS note");
        assertEquals("note\nwrite to *** or call ***\n", inText.out().replace("\r", ""),
                "contact details inside text are masked too");
    }

    /** The notebooks' session: many requests, one JVM, each through the same door and masking. */
    @Test
    @Order(3)
    void stdinSessionAnswersEachRequestThroughTheSameDoor() {
        String requests = String.join("\n",
                "{\"sql\": \"SELECT customer_id, email FROM silver.customers WHERE customer_id = 'c1'\"}",
                "{\"sql\": \"DELETE FROM silver.customers\"}",
                "not json",
                "",
                "{\"sql\": \"SELECT count(*) AS n FROM gold.customer_value\"}") + "\n";
        java.io.InputStream stdin = System.in;
        Cli.Result session;
        System.setIn(new java.io.ByteArrayInputStream(requests.getBytes(StandardCharsets.UTF_8)));
        try {
            session = crm("sql", "--stdin", "--format", "csv");
        } finally {
            System.setIn(stdin);
        }
        assertEquals(0, session.exitCode(), session.err());
        List<String> answers = session.out().strip().lines().toList();
        assertEquals(4, answers.size(), session.out());
        assertEquals("{\"ok\":true,\"output\":\"customer_id,email\\nc1,***\\n\"}", answers.get(0).replace("\\r", ""));
        assertTrue(answers.get(1).startsWith("{\"ok\":false,\"error\":\"crm sql is read-only"), answers.get(1));
        assertTrue(answers.get(2).startsWith("{\"ok\":false,\"error\":\"not a JSON request"), answers.get(2));
        assertTrue(answers.get(3).startsWith("{\"ok\":true,\"output\":\"n\\n"), answers.get(3));
        Cli.Result neither = crm("sql");
        assertTrue(neither.exitCode() != 0 && neither.err().contains("either a QUERY or --stdin"), neither.err());
    }

    @Test
    @Order(4)
    void unmaskingIsAuditedWithTheOsAccountBeforeAnythingIsShown() throws Exception {
        String forged = System.getProperty("user.name");
        System.setProperty("user.name", "mallory");
        try {
            Cli.Result clear = sql("SELECT customer_id, email FROM silver.customers WHERE customer_id = 'c1'",
                    "--unmask-pii");
            assertEquals(0, clear.exitCode(), clear.err());
            assertEquals("customer_id,email\nc1,ann@example.com\n", clear.out().replace("\r", ""));
        } finally {
            System.setProperty("user.name", forged);
        }
        String line = auditLines().get(auditLines().size() - 1);
        String account = new String(new ProcessBuilder("id", "-un").start().getInputStream().readAllBytes(),
                StandardCharsets.UTF_8).strip();
        assertTrue(line.contains("\tuser=" + account + "\tuid="), line);
        assertFalse(line.contains("mallory"), line);
        assertTrue(line.contains("\taction=unmask_pii\ttables=silver.customers\tquery_sha256="), line);
        assertFalse(line.contains("ann@example.com"), "the query text is hashed, not logged: " + line);
    }

    @Test
    @Order(5)
    void segmentExportsCarryOnlyTheChosenColumnsWithFormulaCellsNeutralised() throws Exception {
        Path books = outside.resolve("books.csv");
        Cli.Result plain = crm("segments", "export", "--segment", "propensity_top_decile_books", "--out",
                books.toString());
        assertEquals(0, plain.exitCode(), plain.err());
        assertEquals("customer_id,email\nc1,ann@example.com\nc3,cy@example.com\n",
                Files.readString(books).replace("\r", ""), "default: id and email only");

        Cli.Result chosen = crm("segments", "export", "--segment", "propensity_top_decile_books", "--out",
                books.toString(), "--columns", "customer_id,phone,next_best_offer");
        assertEquals(0, chosen.exitCode(), chosen.err());
        assertEquals("customer_id,phone,next_best_offer\nc1,'+1 555 0101,books\nc3,'+1 555 0103,Home & Garden\n",
                Files.readString(books).replace("\r", ""), "a leading + is neutralised");
        String last = auditLines().get(auditLines().size() - 1);
        assertTrue(last.contains("\taction=export\tsegment=propensity_top_decile_books\trows=2\t"
                + "columns=customer_id,phone,next_best_offer\t"), last);

        assertOneLineFailure(crm("segments", "export", "--segment", "tier_gold", "--out", books.toString(),
                "--columns", "customer_id,ssn"), "unknown campaign column(s) [ssn]", "unknown column");
    }

    @Test
    @Order(6)
    void sqlCsvAndOutreachCsvNeutraliseFormulaCells() throws Exception {
        Cli.Result csv = sql("SELECT '=HYPERLINK(\"http://x\",\"y\")' AS a, '@SUM(A1)' AS b, '-2+3' AS c, "
                + "concat(char(9), 'tab') AS d, concat(char(13), 'cr') AS e, -5 AS n, 'plain' AS p");
        assertEquals(0, csv.exitCode(), csv.err());
        assertEquals("a,b,c,d,e,n,p\n\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",'@SUM(A1),'-2+3,'\ttab,\"'\rcr\",-5,plain\n",
                csv.out().replace("\r\n", "\n"), "text cells neutralised; numbers stay numbers");

        StructType schema = StructType.fromDDL("shipment_id STRING, carrier STRING, days_late INT");
        var rows = ctx.spark().createDataFrame(List.of(RowFactory.create("s1", "=cmd|' /C calc'!A0", 3),
                RowFactory.create("s2", "@evil", -1)), schema);
        String file = OutreachCsv.write(ctx, rows, new Column[] {org.apache.spark.sql.functions.col("shipment_id")},
                List.of("shipment_id", "carrier", "days_late"));
        assertEquals("shipment_id,carrier,days_late\ns1,'=cmd|' /C calc'!A0,3\ns2,'@evil,-1\n",
                Files.readString(Path.of(java.net.URI.create(file))).replace("\r", ""));
        try (var listing = Files.list(Path.of(java.net.URI.create(file)).getParent())) {
            assertEquals(List.of(OutreachCsv.FILE_NAME), listing.map(p -> p.getFileName().toString()).toList(),
                    "no temporary file left beside it");
        }
    }

    @Test
    @Order(7)
    void outInsideTheWarehouseIsRefusedAndTheAuditLogSurvives() throws Exception {
        List<String> before = auditLines();
        Path log = dir.resolve("audit").resolve(ExportAudit.LOG);
        assertOneLineFailure(crm("segments", "export", "--segment", "tier_gold", "--out", log.toString()),
                "is inside the warehouse", "--out on the audit log");
        Path link = outside.resolve("wh-link");
        Files.createSymbolicLink(link, dir);
        assertOneLineFailure(crm("segments", "export", "--segment", "tier_gold", "--out",
                link.resolve("audit").resolve("x.csv").toString()), "is inside the warehouse", "through a symlink");
        assertEquals(before, auditLines());
    }

    @Test
    @Order(8)
    void auditChainNamesTheFirstBrokenLine() throws Exception {
        Path log = dir.resolve("audit").resolve(ExportAudit.LOG);
        List<String> lines = auditLines();
        assertTrue(lines.size() >= 3, String.join("\n", lines));
        assertTrue(lines.get(0).endsWith("\tprev=" + ExportAudit.GENESIS), lines.get(0));
        Cli.Result ok = crm("audit", "verify");
        assertEquals(0, ok.exitCode(), ok.err());
        assertTrue(ok.out().contains(lines.size() + " line(s), chain intact; head "), ok.out());
        String head = ok.out().strip().replaceAll(".* head ", "");

        List<String> edited = new ArrayList<>(lines);
        edited.set(1, edited.get(1).replace("rows=2", "rows=1").replace("tables=silver.customers", "tables=gold.x"));
        Files.write(log, edited);
        assertOneLineFailure(crm("audit", "verify"), "broken at line 3: it does not carry the hash of line 2",
                "an edited line");

        List<String> deleted = new ArrayList<>(lines);
        deleted.remove(1);
        Files.write(log, deleted);
        assertOneLineFailure(crm("audit", "verify"), "broken at line 2", "a deleted middle line");

        Files.write(log, lines.subList(1, lines.size()));
        assertOneLineFailure(crm("audit", "verify"), "broken at line 1: it does not start the chain",
                "a deleted first line");

        Files.write(log, lines.subList(0, lines.size() - 1));
        assertEquals(0, crm("audit", "verify").exitCode(), "a cut tail alone is not detectable");
        assertOneLineFailure(crm("audit", "verify", "--head", head), "is not in the log",
                "a cut tail is detected against a head hash kept elsewhere");

        Files.write(log, lines);
        assertEquals(0, crm("audit", "verify", "--head", head).exitCode());
    }

    @Test
    @Order(9)
    void anExportThatCannotBeAuditedLeavesNoFile() throws Exception {
        Path log = dir.resolve("audit").resolve(ExportAudit.LOG);
        Path kept = dir.resolve("audit").resolve("kept.log");
        Files.move(log, kept);
        Files.createDirectory(log); // root ignores permission bits; a directory cannot be appended to by anyone
        try {
            Path out = outside.resolve("unaudited.csv");
            assertOneLineFailure(crm("segments", "export", "--segment", "propensity_top_decile_books", "--out",
                    out.toString()), "cannot write the export audit log", "export");
            assertFalse(Files.exists(out));
            try (var listing = Files.list(outside)) {
                assertTrue(listing.noneMatch(p -> p.getFileName().toString().startsWith(".unaudited")),
                        "no temporary file left");
            }
            Cli.Result unmask = sql("SELECT email FROM silver.customers", "--unmask-pii");
            assertOneLineFailure(unmask, "cannot write the export audit log", "unmasking");
            assertFalse(unmask.out().contains("@"), unmask.out());
        } finally {
            Files.delete(log);
            Files.move(kept, log);
        }
    }

    @Test
    @Order(10)
    void piiGateScansTextValuesNotOnlyColumnNames() {
        DeliveryFixtures.write(ctx, "agent_notes", "agent_id STRING, remark STRING, run_date DATE", List.of(
                RowFactory.create("a1", "customer asked to be called on +44 20 7946 0958",
                        java.sql.Date.valueOf(DeliveryFixtures.RUN_DATE)),
                RowFactory.create("a2", "all good", java.sql.Date.valueOf(DeliveryFixtures.RUN_DATE))));
        QualityGates gates = new QualityGates(ctx, QualityGates.Thresholds.defaults());
        GateResult noPii = gates.check("agent_notes", Optional.empty()).get(0);
        assertEquals("no_pii", noPii.gate());
        assertFalse(noPii.passed(), noPii.toString());
        assertTrue(noPii.detail().contains("remark 1"), noPii.detail());
        // An email address in free text is found the same way.
        DeliveryFixtures.write(ctx, "agent_mail_notes", "agent_id STRING, remark STRING, run_date DATE", List.of(
                RowFactory.create("a1", "forwarded to jo.doe+crm@mail.example.org by the customer",
                        java.sql.Date.valueOf(DeliveryFixtures.RUN_DATE)),
                RowFactory.create("a2", "no contact details", java.sql.Date.valueOf(DeliveryFixtures.RUN_DATE))));
        GateResult email = gates.check("agent_mail_notes", Optional.empty()).get(0);
        assertFalse(email.passed(), email.toString());
        assertTrue(email.detail().contains("remark 1"), email.detail());
        GateResult clean = gates.check("customer_value", Optional.empty()).get(0);
        assertTrue(clean.passed(), clean.toString());
    }
}
