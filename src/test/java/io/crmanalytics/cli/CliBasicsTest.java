package io.crmanalytics.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.crmanalytics.job.JobContext;
import io.crmanalytics.testing.Cli;
import io.crmanalytics.testing.SharedSpark;
import io.crmanalytics.warehouse.Tables;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

class CliBasicsTest {

    private static Dataset<Row> smallTable(long... values) {
        StructType schema = new StructType().add("customer_id", DataTypes.StringType).add("score", DataTypes.LongType);
        List<Row> rows = java.util.Arrays.stream(values).mapToObj(v -> RowFactory.create("c" + v, v)).toList();
        return SharedSpark.session().createDataFrame(rows, schema);
    }

    @Test
    void goldWriteReplacesOnlyItsRunDateAndSqlSeesIt() {
        Path dir = SharedSpark.newWarehouseDir("cli");
        JobContext day1 = SharedSpark.context(dir, LocalDate.parse("2024-03-01"));
        JobContext day2 = SharedSpark.context(dir, LocalDate.parse("2024-03-02"));
        assertEquals(3, Tables.writeGold(day1.warehouse(), day1.runDate(), "scores", smallTable(1, 2, 3)));
        assertEquals(2, Tables.writeGold(day2.warehouse(), day2.runDate(), "scores", smallTable(4, 5)));
        // Re-running day 1 replaces its rows instead of doubling them.
        assertEquals(3, Tables.writeGold(day1.warehouse(), day1.runDate(), "scores", smallTable(1, 2, 3)));
        assertEquals(3, day1.readGoldAsOf("scores").count());
        assertEquals(2, day2.readGoldAsOf("scores").count());

        Cli.Result csv = Cli.run("sql", "--warehouse", dir.toString(),
                "select run_date, count(*) as n from gold.scores group by run_date order by run_date",
                "--format", "csv");
        assertEquals(0, csv.exitCode(), csv.err());
        assertEquals("run_date,n\n2024-03-01,3\n2024-03-02,2\n", csv.out().replace("\r", ""));

        Cli.Result tables = Cli.run("tables", "--warehouse", dir.toString());
        assertEquals(0, tables.exitCode(), tables.err());
        assertTrue(tables.out().contains("gold.scores"), tables.out());
    }

    @Test
    void versionIsTheBuildsEvenWithoutAJarManifest() {
        // Tests run from target/classes, as bin/crm does: the version comes from the filtered properties file.
        Cli.Result version = Cli.run("--version");
        assertEquals(0, version.exitCode(), version.err());
        assertTrue(version.out().matches("(?s)crm-analytics \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?, Spark 4\\..*"),
                version.out());
    }

    @Test
    void userErrorsAreOneLineWithExitCodes() {
        Path dir = SharedSpark.newWarehouseDir("cli-errors");
        Cli.Result badSql = Cli.run("sql", "--warehouse", dir.toString(), "select * from gold.nothing_here");
        assertEquals(1, badSql.exitCode());
        assertTrue(badSql.err().startsWith("crm: "), badSql.err());
        assertFalse(badSql.err().contains("\tat "), "no stack trace without --verbose: " + badSql.err());

        Cli.Result usage = Cli.run("sql", "--format", "xml", "select 1");
        assertEquals(2, usage.exitCode());
        assertTrue(usage.err().contains("--format"), usage.err());

        Cli.Result unknown = Cli.run("no-such-command");
        assertEquals(2, unknown.exitCode());
    }

    @Test
    void configFileSuppliesDefaultsAndCommandLineWins() throws Exception {
        Path dir = SharedSpark.newWarehouseDir("cli-config");
        Path config = dir.resolve("crm.yaml");
        Files.writeString(config, "warehouse: " + dir + "\nsql:\n  format: csv\n");
        Cli.Result fromConfig = Cli.run("--config", config.toString(), "sql", "select 1 as one");
        assertEquals(0, fromConfig.exitCode(), fromConfig.err());
        assertEquals("one\n1\n", fromConfig.out().replace("\r", ""));

        Cli.Result overridden = Cli.run("--config", config.toString(), "sql", "select 1 as one", "--format", "json");
        assertEquals("{\"one\":1}\n", overridden.out().replace("\r", ""));

        Cli.Result missing = Cli.run("--config", dir.resolve("absent.yaml").toString(), "tables");
        assertEquals(1, missing.exitCode());
        assertTrue(missing.err().contains("config file not found"), missing.err());
    }
}
