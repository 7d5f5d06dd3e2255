package io.crmanalytics.bench;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.xxhash64;

import io.crmanalytics.core.Progress;
import io.crmanalytics.job.JobContext;
import io.crmanalytics.job.JobResult;
import io.crmanalytics.rootcause.Dimensions;
import io.crmanalytics.rootcause.ExplanationEngine;
import io.crmanalytics.rootcause.Finding;
import io.crmanalytics.rootcause.Reasons;
import io.crmanalytics.rootcause.RootCauseOptions;
import io.crmanalytics.rootcause.RootCausesJob;
import io.crmanalytics.warehouse.SparkSessions;
import io.crmanalytics.warehouse.Warehouse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/**
 * Benchmark of the explanation engine against DuckDB on the same Parquet shipments (bench/rootcause/run.sh).
 * Modes, each meant for its own JVM so that peak memory (VmHWM) is per engine:
 * {@code generate <dir> <shipments>}, {@code spark <dir>}, {@code duckdb <dir>}. Prints one result line
 * {@code RESULT mode seconds peak_rss_mb detail}.
 */
public final class RootCauseBench {
    static final String[][] VALUES = {
            {"carrier", "SwiftShip", "ParcelPro", "QuickPost", "EcoFreight", "GlobalLink", "UrbanExpress",
                    "NorthStar", "BluePost"},
            {"category", "toys", "books", "garden", "kitchen", "sports", "beauty", "electronics", "fashion", "pets",
                    "music", "office", "baby"},
            {"customer_region", "r0", "r1", "r2", "r3", "r4", "r5", "r6", "r7", "r8", "r9"},
            {"delivery_status", "on_time", "late", "not_delivered"},
            {"dest_region", "d0", "d1", "d2", "d3", "d4", "d5", "d6", "d7", "d8", "d9"},
            {"origin_region", "o0", "o1", "o2", "o3", "o4"},
            {"ship_method", "standard", "express", "economy"},
            {"warehouse", "WH-1", "WH-2", "WH-3", "WH-4", "WH-5", "WH-6"}};
    static final String[] REASONS = {"late_delivery", "damaged", "wrong_item", "missing_item"};

    private RootCauseBench() {
    }

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        Path dir = Path.of(args[1]).toAbsolutePath();
        long start = System.nanoTime();
        String detail = switch (mode) {
            case "generate" -> generate(dir, Long.parseLong(args[2]));
            case "spark" -> spark(dir);
            case "duckdb" -> duckdb(dir);
            case "silver" -> silver(dir);
            case "job" -> job(dir);
            default -> throw new IllegalArgumentException("mode: generate | spark | duckdb | silver | job");
        };
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(Locale.ROOT, "RESULT %s %.1f %d %s%n", mode, seconds, peakRssMb(), detail);
        System.exit(0);
    }

    private static SparkSession session() {
        SparkSessions.quietLogging();
        SparkSession spark = SparkSessions.create("local[*]", ZoneId.of("UTC"));
        spark.sparkContext().setLogLevel("ERROR");
        return spark;
    }

    /** Uniform in [0,1) from the shipment id and a salt: the data are the same on every run and machine. */
    private static Column uniform(int salt) {
        return pmod(xxhash64(col("id"), lit(salt)), lit(1_000_000L)).divide(1_000_000.0);
    }

    private static String generate(Path dir, long shipments) {
        SparkSession spark = session();
        List<Column> columns = new ArrayList<>();
        columns.add(col("id").cast("string").as("shipment_id"));
        for (int d = 0; d < VALUES.length; d++) {
            Column[] values = new Column[VALUES[d].length - 1];
            for (int v = 1; v < VALUES[d].length; v++) {
                values[v - 1] = lit(VALUES[d][v]);
            }
            // carrier skewed so that SwiftShip carries ~3% of shipments; other dimensions uniform.
            Column index = d == 0
                    ? when(uniform(100).lt(0.03), lit(1)).otherwise(pmod(xxhash64(col("id"), lit(d)), lit(7)).plus(2))
                    : pmod(xxhash64(col("id"), lit(d)), lit(values.length)).plus(1);
            columns.add(element_at(array(values), index.cast("int")).as(VALUES[d][0]));
        }
        Dataset<Row> base = spark.range(shipments).select(columns.toArray(Column[]::new))
                .withColumn("id", col("shipment_id").cast("long"));
        // Complaint probability: 2% base, x8 for SwiftShip, x5 for express from WH-3 (a pure interaction).
        Column probability = lit(0.02)
                .multiply(when(col("carrier").equalTo("SwiftShip"), 8.0).otherwise(1.0))
                .multiply(when(col("ship_method").equalTo("express").and(col("warehouse").equalTo("WH-3")), 5.0)
                        .otherwise(1.0));
        Column reason = element_at(array(lit(REASONS[0]), lit(REASONS[1]), lit(REASONS[2]), lit(REASONS[3])),
                pmod(xxhash64(col("id"), lit(77)), lit(4)).plus(1).cast("int"));
        base.withColumn("complained", uniform(99).lt(probability))
                .withColumn("complaint_reason", when(col("complained"), reason))
                .drop("id")
                .write().mode(SaveMode.Overwrite).parquet(dir.resolve("shipments").toString());
        return "shipments=" + shipments;
    }

    private static String spark(Path dir) {
        SparkSession spark = session();
        // The engine reads the dimension columns, categories (an array) and reasons (an array) of each shipment.
        long start = System.nanoTime();
        Dataset<Row> units = spark.read().parquet(dir.resolve("shipments").toString())
                .withColumn("categories", array(col("category")))
                .withColumn("reasons", when(col("complained"), array(col("complaint_reason")))
                        .otherwise(array().cast("array<string>")));
        StringBuilder stages = new StringBuilder();
        java.io.PrintStream timed = new java.io.PrintStream(System.err, true) {
            @Override
            public void println(String line) {
                stages.append(String.format(Locale.ROOT, " %s@%.1fs", line.trim().replace(' ', '_'),
                        (System.nanoTime() - start) / 1e9));
                super.println(line);
            }
        };
        RootCauseOptions defaults = RootCauseOptions.defaults();
        List<Finding> findings = ExplanationEngine.explain(units, Dimensions.ALL, Reasons.allAnd(List.of(REASONS)), 2,
                defaults.minShipments(), defaults.minComplaints(), 0.05,
                new Progress(timed, true));
        Finding top = findings.stream().filter(f -> f.reason().equals("all") && f.rank() != null)
                .min(Comparator.comparing(Finding::rank)).orElseThrow();
        long pairs = findings.stream().filter(f -> f.itemset().size() == 2).count();
        Finding planted = findings.stream().filter(f -> f.reason().equals("all")
                && f.itemset().factors().equals("carrier=SwiftShip")).findFirst().orElseThrow();
        return String.format(Locale.ROOT, "tested=%d pairs_tested=%d rank1=\"%s\" carrier=SwiftShip: rank %s lift %.2f;"
                + " %s", findings.size(), pairs, top.itemset().factors(), planted.rank(), planted.lift(), stages);
    }

    /** The contract's silver tables made from the same shipments, for the job mode (not timed against DuckDB). */
    private static String silver(Path dir) {
        SparkSession spark = session();
        RootCauseSilver.write(new Warehouse(spark, dir.resolve("warehouse").toString()),
                dir.resolve("shipments").toString());
        return "warehouse=" + dir.resolve("warehouse");
    }

    /**
     * The whole {@code root_causes} job as a user runs it (complaint detection with the notes model, attribution,
     * the engine, trends, the four gold tables), with --max-factors 2 so that its search covers what DuckDB counts.
     */
    private static String job(Path dir) {
        SparkSession spark = session();
        long start = System.nanoTime();
        StringBuilder stages = new StringBuilder();
        java.io.PrintStream timed = new java.io.PrintStream(System.err, true) {
            @Override
            public void println(String line) {
                if (!line.startsWith("    ")) {
                    stages.append(String.format(Locale.ROOT, " [%s]@%.1fs", line.trim().replaceAll("\\s+", "_"),
                            (System.nanoTime() - start) / 1e9));
                }
                super.println(line);
            }
        };
        JobContext ctx = new JobContext(spark, new Warehouse(spark, dir.resolve("warehouse").toString()),
                RootCauseSilver.RUN_DATE, ZoneId.of("UTC"), new Progress(timed, true));
        RootCauseOptions defaults = RootCauseOptions.defaults();
        JobResult result = new RootCausesJob(defaults.toBuilder().maxFactors(2)
                .maxNotesTrainingRows(Long.getLong("bench.notesCap", defaults.maxNotesTrainingRows())).build()).run(ctx);
        return String.format(Locale.ROOT, "shipments=%s complaints=%s by_order=%s by_window=%s unattributed=%s"
                        + " tested=%s significant=%s notes_model_accuracy=%s/%s (complaint/reason, held out)"
                        + " labeled_notes=%s;%s",
                result.figures().get("shipments analysed"), result.figures().get("complaints"),
                result.figures().get("complaints attributed by order id"),
                result.figures().get("complaints attributed by window"),
                result.figures().get("complaints unattributed"), result.figures().get("hypotheses tested"),
                result.figures().get("significant findings (q < 0.05)"), overallAccuracy(result, "complaint"),
                overallAccuracy(result, "reason"), result.figures().get("labeled notes available for training"),
                stages);
    }

    private static String overallAccuracy(JobResult result, String model) {
        return result.figures().entrySet().stream()
                .filter(e -> e.getKey().startsWith("classifier accuracy " + model + " overall"))
                .map(e -> String.format(Locale.ROOT, "%.4f", ((Number) e.getValue()).doubleValue()))
                .findFirst().orElse("none");
    }

    /** The same single-factor and pairwise counts (shipments, complained per reason) with GROUPING SETS. */
    private static String duckdb(Path dir) throws Exception {
        List<String> dims = new ArrayList<>();
        for (String[] d : VALUES) {
            dims.add(d[0]);
        }
        List<String> sets = new ArrayList<>();
        for (int i = 0; i < dims.size(); i++) {
            sets.add("(" + dims.get(i) + ")");
            for (int j = i + 1; j < dims.size(); j++) {
                sets.add("(" + dims.get(i) + ", " + dims.get(j) + ")");
            }
        }
        StringBuilder sums = new StringBuilder("count(*) AS shipments, count_if(complained) AS complaints_all");
        for (String r : REASONS) {
            sums.append(", count_if(complaint_reason = '").append(r).append("') AS complaints_").append(r);
        }
        String sql = "SELECT " + String.join(", ", dims) + ", " + sums + " FROM read_parquet('"
                + dir.resolve("shipments").toString().replace("'", "''") + "/*.parquet') GROUP BY GROUPING SETS ("
                + String.join(", ", sets) + ")";
        Files.createDirectories(dir);
        long groups = 0;
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
             Statement s = c.createStatement()) {
            s.execute("SET threads = " + Runtime.getRuntime().availableProcessors());
            try (ResultSet rs = s.executeQuery(sql)) {
                while (rs.next()) {
                    groups++;
                }
            }
        }
        return "grouping_sets=" + sets.size() + " groups=" + groups;
    }

    /** Peak resident set size of this JVM (Linux VmHWM), in MB; -1 elsewhere. */
    static long peakRssMb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
                }
            }
        } catch (java.io.IOException e) {
            return -1;
        }
        return -1;
    }
}
