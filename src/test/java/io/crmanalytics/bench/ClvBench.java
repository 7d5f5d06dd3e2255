package io.crmanalytics.bench;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.crmanalytics.value.BgNbdFitter;
import io.crmanalytics.value.BgNbdModel;
import io.crmanalytics.value.GammaGammaFitter;
import io.crmanalytics.value.GammaGammaModel;
import io.crmanalytics.value.PurchaseSimulator;
import io.crmanalytics.value.Tuples;
import io.crmanalytics.warehouse.SparkSessions;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * CLV fit benchmark (bench/clv/run.sh): simulates N customers from the planted BG/NBD + Gamma-Gamma processes in
 * Spark (times at day resolution in weeks, spend in cents, as real order data are), writes the calibration summary
 * as Parquet, then times our path - distinct tuples counted in Spark, both models fitted on the driver - and the
 * vectorized scipy reference (bench/clv/reference.py) on the very same tuples, and checks the parameters agree.
 * Not run by `mvn verify`.
 */
public final class ClvBench {
    private static final BgNbdModel TRUTH = new BgNbdModel(0.8, 5.0, 0.6, 3.5);
    private static final GammaGammaModel SPEND = new GammaGammaModel(6.0, 4.0, 30.0);
    private static final StructType SUMMARY = new StructType()
            .add("frequency", DataTypes.IntegerType)
            .add("recency", DataTypes.DoubleType)
            .add("T", DataTypes.DoubleType)
            .add("monetary_value", DataTypes.DoubleType);

    private record Measurement(long customers, double generateSeconds, double tupleSeconds, int bgTuples,
                               int ggTuples, double bgFitSeconds, double ggFitSeconds, BgNbdFitter.Result bg,
                               GammaGammaFitter.Result gg, JsonNode scipy) {
    }

    public static void main(String[] args) throws Exception {
        // A size with a "d" suffix generates the tuples on the driver instead of in Spark (no Spark timing then):
        // for sizes whose Spark generation would not finish on a shared 2-core machine.
        List<String> sizes = List.of(args[0].split(","));
        Path work = Path.of(args[1]);
        Path results = Path.of(args[2]);
        String python = args.length > 3 ? args[3] : "python3";
        SparkSessions.quietLogging();
        SparkSession spark = SparkSessions.create("local[*]", ZoneId.of("UTC"));
        spark.sparkContext().setLogLevel("ERROR");
        List<Measurement> measurements = new ArrayList<>();
        for (String size : sizes) {
            boolean onDriver = size.trim().endsWith("d");
            long n = Long.parseLong(size.trim().replace("d", ""));
            Path dir = work.resolve("n" + n);
            measurements.add(onDriver ? measureOnDriver(n, dir, python, n <= 2_000_000)
                    : measure(spark, n, dir, python, n <= 2_000_000));
            Files.writeString(results, report(measurements));
            System.out.println(report(measurements));
        }
        spark.stop();
    }

    private static Measurement measure(SparkSession spark, long n, Path dir, String python, boolean numeric)
            throws IOException, InterruptedException {
        Files.createDirectories(dir);
        String parquet = dir.resolve("summary.parquet").toString();
        long t0 = System.nanoTime();
        MapPartitionsFunction<Long, Row> simulate = ids -> {
            PurchaseSimulator simulator = new PurchaseSimulator(TRUTH, SPEND);
            List<Row> rows = new ArrayList<>();
            while (ids.hasNext()) {
                long id = ids.next();
                int tDays = 1 + (int) (id % 730); // cohorts acquired over two years
                PurchaseSimulator.Customer c = simulator.customer(2026, id, tDays / 7.0);
                double txDays = Math.floor(c.tx() * 7);
                double m = Math.round(c.monetaryValue() * 100) / 100.0;
                rows.add(RowFactory.create(c.x(), txDays / 7.0, tDays / 7.0, c.x() > 0 && m <= 0 ? 0.01 : m));
            }
            return rows.iterator();
        };
        spark.range(n).as(Encoders.LONG()).mapPartitions(simulate, Encoders.row(SUMMARY))
                .write().mode(SaveMode.Overwrite).parquet(parquet);
        double generateSeconds = seconds(t0);

        Dataset<Row> summary = spark.read().parquet(parquet);
        t0 = System.nanoTime();
        Tuples bgTuples = Tuples.collect(summary.groupBy("frequency", "recency", "T").agg(count(lit(1))), 3);
        Tuples ggTuples = Tuples.collect(summary.where(col("frequency").gt(0))
                .groupBy("frequency", "monetary_value").agg(count(lit(1))), 2);
        double tupleSeconds = seconds(t0);

        return fitBoth(n, generateSeconds, tupleSeconds, bgTuples, ggTuples, dir, python, numeric);
    }

    /** Simulates the customers on the driver and counts the same tuples there (day/cent resolution as above). */
    private static Measurement measureOnDriver(long n, Path dir, String python, boolean numeric)
            throws IOException, InterruptedException {
        Files.createDirectories(dir);
        long t0 = System.nanoTime();
        PurchaseSimulator simulator = new PurchaseSimulator(TRUTH, SPEND);
        java.util.Map<Long, long[]> bg = new java.util.HashMap<>();
        java.util.Map<Long, long[]> gg = new java.util.HashMap<>();
        for (long id = 0; id < n; id++) {
            int tDays = 1 + (int) (id % 730);
            PurchaseSimulator.Customer c = simulator.customer(2026, id, tDays / 7.0);
            long txDays = (long) Math.floor(c.tx() * 7);
            bg.computeIfAbsent(((long) c.x() << 40) | (txDays << 20) | tDays, k -> new long[1])[0]++;
            if (c.x() > 0) {
                long cents = Math.max(1, Math.round(c.monetaryValue() * 100));
                gg.computeIfAbsent(((long) c.x() << 40) | cents, k -> new long[1])[0]++;
            }
        }
        double generateSeconds = seconds(t0);
        double[][] bgColumns = new double[3][bg.size()];
        double[] bgCounts = new double[bg.size()];
        int i = 0;
        for (java.util.Map.Entry<Long, long[]> e : bg.entrySet()) {
            long key = e.getKey();
            bgColumns[0][i] = key >>> 40;
            bgColumns[1][i] = ((key >>> 20) & 0xFFFFF) / 7.0;
            bgColumns[2][i] = (key & 0xFFFFF) / 7.0;
            bgCounts[i++] = e.getValue()[0];
        }
        double[][] ggColumns = new double[2][gg.size()];
        double[] ggCounts = new double[gg.size()];
        i = 0;
        for (java.util.Map.Entry<Long, long[]> e : gg.entrySet()) {
            long key = e.getKey();
            ggColumns[0][i] = key >>> 40;
            ggColumns[1][i] = (key & ((1L << 40) - 1)) / 100.0;
            ggCounts[i++] = e.getValue()[0];
        }
        return fitBoth(n, generateSeconds, Double.NaN, new Tuples(bgColumns, bgCounts, bgCounts.length),
                new Tuples(ggColumns, ggCounts, ggCounts.length), dir, python, numeric);
    }

    private static Measurement fitBoth(long n, double generateSeconds, double tupleSeconds, Tuples bgTuples,
                                       Tuples ggTuples, Path dir, String python, boolean numeric)
            throws IOException, InterruptedException {
        long t0 = System.nanoTime();
        BgNbdFitter.Result bg = BgNbdFitter.fit(bgTuples.column(0), bgTuples.column(1), bgTuples.column(2),
                bgTuples.counts());
        double bgFitSeconds = seconds(t0);
        t0 = System.nanoTime();
        GammaGammaFitter.Result gg = GammaGammaFitter.fit(ggTuples.column(0), ggTuples.column(1), ggTuples.counts());
        double ggFitSeconds = seconds(t0);

        write(dir.resolve("bgnbd_x.f64"), bgTuples.column(0));
        write(dir.resolve("bgnbd_tx.f64"), bgTuples.column(1));
        write(dir.resolve("bgnbd_T.f64"), bgTuples.column(2));
        write(dir.resolve("bgnbd_n.f64"), bgTuples.counts());
        write(dir.resolve("gg_x.f64"), ggTuples.column(0));
        write(dir.resolve("gg_m.f64"), ggTuples.column(1));
        write(dir.resolve("gg_n.f64"), ggTuples.counts());
        List<String> command = new ArrayList<>(List.of(python, "bench/clv/reference.py", dir.toString()));
        if (numeric) {
            command.add("--numeric");
        }
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(process.getInputStream().readAllBytes());
        if (process.waitFor() != 0) {
            throw new IllegalStateException("reference.py failed: " + out);
        }
        JsonNode scipy = new ObjectMapper().readTree(out);
        return new Measurement(n, generateSeconds, tupleSeconds, bgTuples.size(), ggTuples.size(), bgFitSeconds,
                ggFitSeconds, bg, gg, scipy);
    }

    private static void write(Path file, double[] values) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        buffer.asDoubleBuffer().put(values);
        Files.write(file, buffer.array());
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    /** Largest relative difference between our parameters and the reference's. */
    private static double maxRelativeDifference(double[] ours, JsonNode theirs) {
        double max = 0;
        for (int i = 0; i < ours.length; i++) {
            double other = theirs.get("params").get(i).asDouble();
            max = Math.max(max, Math.abs(ours[i] - other) / Math.abs(other));
        }
        return max;
    }

    private static String report(List<Measurement> measurements) {
        StringBuilder md = new StringBuilder();
        md.append("# CLV fit benchmark: BG/NBD + Gamma-Gamma, ours vs vectorized scipy\n\n");
        md.append("Produced by `bench/clv/run.sh` (ClvBench + bench/clv/reference.py) on this project's 2-core "
                + "machine, run with `nice -n 19`. Customers are simulated from the planted processes (BG/NBD r=0.8 "
                + "alpha=5 a=0.6 b=3.5, Gamma-Gamma p=6 q=4 gamma=30, weeks; times at day resolution, spend in "
                + "cents) and written as a Parquet calibration summary. *Tuples* = Spark reads the Parquet and "
                + "counts distinct (x, t_x, T) and (x, m) tuples into driver arrays. *Fit* = maximum likelihood on "
                + "the driver (ours: Smile L-BFGS on log-parameters, analytic gradients, 4 starting points, "
                + "convergence check, standard errors; scipy: L-BFGS-B on log-parameters, 1 starting point - our "
                + "first - on the very same tuple arrays). Relative difference = max over parameters of "
                + "|ours - scipy| / |scipy|.\n\n");
        md.append("| customers | BG/NBD tuples | GG tuples | generate s | tuples (Spark) s | ours BG/NBD fit s "
                + "| ours GG fit s | scipy BG/NBD s (analytic grad) | scipy GG s (analytic grad) "
                + "| scipy BG/NBD s (numeric grad) | scipy GG s (numeric grad) | max rel. diff BG/NBD | max rel. diff GG |\n");
        md.append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Measurement m : measurements) {
            JsonNode s = m.scipy();
            md.append(String.format(Locale.ROOT,
                    "| %,d | %,d | %,d | %.1f | %s | %.2f | %.2f | %.2f | %.2f | %s | %s | %.1e | %.1e |%n",
                    m.customers(), m.bgTuples(), m.ggTuples(), m.generateSeconds(),
                    Double.isNaN(m.tupleSeconds()) ? "- (driver)" : String.format(Locale.ROOT, "%.1f", m.tupleSeconds()),
                    m.bgFitSeconds(), m.ggFitSeconds(), s.get("bgnbd").get("seconds").asDouble(),
                    s.get("gamma_gamma").get("seconds").asDouble(),
                    s.has("bgnbd_numeric") ? String.format(Locale.ROOT, "%.2f", s.get("bgnbd_numeric").get("seconds").asDouble()) : "-",
                    s.has("gamma_gamma_numeric") ? String.format(Locale.ROOT, "%.2f", s.get("gamma_gamma_numeric").get("seconds").asDouble()) : "-",
                    maxRelativeDifference(m.bg().fit().params(), s.get("bgnbd")),
                    maxRelativeDifference(m.gg().fit().params(), s.get("gamma_gamma"))));
        }
        md.append("\nParameters (ours, with standard errors; scipy analytic-gradient; scipy numeric-gradient where run):\n\n");
        for (Measurement m : measurements) {
            JsonNode s = m.scipy();
            md.append(String.format(Locale.ROOT, "- %,d customers: BG/NBD ours %s converged=%s, scipy %s, LL ours %.6f "
                            + "scipy %.6f%s; Gamma-Gamma ours %s converged=%s, scipy %s, LL ours %.6f scipy %.6f%s%n",
                    m.customers(), params(m.bg().fit().params(), m.bg().fit().standardErrors()),
                    m.bg().fit().converged(), s.get("bgnbd").get("params"), m.bg().fit().logLikelihood(),
                    s.get("bgnbd").get("log_likelihood").asDouble(),
                    s.has("bgnbd_numeric") ? ", scipy numeric " + s.get("bgnbd_numeric").get("params") : "",
                    params(m.gg().fit().params(), m.gg().fit().standardErrors()), m.gg().fit().converged(),
                    s.get("gamma_gamma").get("params"), m.gg().fit().logLikelihood(),
                    s.get("gamma_gamma").get("log_likelihood").asDouble(),
                    s.has("gamma_gamma_numeric") ? ", scipy numeric " + s.get("gamma_gamma_numeric").get("params") : ""));
        }
        return md.toString();
    }

    private static String params(double[] values, double[] errors) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < values.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.5g±%.2g", values[i], errors[i]));
        }
        return sb.append("]").toString();
    }
}
