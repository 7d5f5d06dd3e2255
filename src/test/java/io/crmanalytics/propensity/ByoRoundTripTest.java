package io.crmanalytics.propensity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.crmanalytics.testing.Cli;
import io.crmanalytics.testing.SharedSpark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Bring-your-own mode end to end through the real CLI, on a bank-marketing style table the test writes:
 * numbers, text levels, yes/no label, missing values; scoring sees an unseen job title, empty cells and a
 * missing column, and must still write one row per input row in input order.
 */
class ByoRoundTripTest {
    private static final String[] JOBS = {"admin", "blue-collar", "technician", "services", "management", "retired",
            "student"};

    /** Rows of: id, age, job, marital, balance, housing, campaign_contacts, previous_outcome, subscribed. */
    private static List<String[]> bankTable(int n, long seed) {
        Random random = new Random(seed);
        List<String[]> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int age = 20 + random.nextInt(50);
            String job = JOBS[random.nextInt(JOBS.length)];
            String marital = random.nextBoolean() ? "married" : (random.nextBoolean() ? "single" : "divorced");
            double balance = Math.round(random.nextGaussian() * 1500 + 1000);
            boolean housing = random.nextDouble() < 0.5;
            int contacts = 1 + random.nextInt(6);
            String previous = random.nextDouble() < 0.15 ? "success" : (random.nextBoolean() ? "failure" : "nonexistent");
            double logit = -1.2 + 0.0006 * balance - 0.35 * contacts + (previous.equals("success") ? 2.0 : 0)
                    + (job.equals("retired") || job.equals("student") ? 1.0 : 0) - (housing ? 0.6 : 0);
            boolean subscribed = random.nextDouble() < 1 / (1 + Math.exp(-logit));
            rows.add(new String[] {"C" + (100000 + i), String.valueOf(age), job, marital,
                    random.nextDouble() < 0.05 ? "" : String.valueOf(balance), housing ? "yes" : "no",
                    String.valueOf(contacts), previous, subscribed ? "yes" : "no"});
        }
        return rows;
    }

    private static Path writeCsv(Path file, String header, List<String[]> rows) throws IOException {
        StringBuilder csv = new StringBuilder(header).append('\n');
        for (String[] r : rows) {
            csv.append(String.join(",", r)).append('\n');
        }
        Files.writeString(file, csv.toString());
        return file;
    }

    @Test
    void trainThenScoreRoundTrip() throws IOException {
        Path dir = SharedSpark.newWarehouseDir("byo");
        String header = "customer_id,age,job,marital,balance,housing,campaign_contacts,previous_outcome,subscribed";
        Path train = writeCsv(dir.resolve("bank.csv"), header, bankTable(1500, 7));
        Path modelDir = dir.resolve("model");

        Cli.Result trained = Cli.run("propensity", "train", "--features", train.toString(), "--label", "subscribed",
                "--id", "customer_id", "--model-dir", modelDir.toString(), "--grid", "none");
        assertEquals(0, trained.exitCode(), trained.err() + trained.out());
        assertTrue(trained.out().contains("stopping-fold AUC"), trained.out());
        assertTrue(trained.out().contains("top features:"), trained.out());
        assertTrue(Files.isRegularFile(modelDir.resolve("model.json")), "model saved");
        double heldOutAuc = Double.parseDouble(trained.out().lines().filter(l -> l.contains("held-out AUC"))
                .map(l -> l.substring(l.indexOf("held-out AUC") + 12).trim()).max(String::compareTo).orElseThrow());
        assertTrue(heldOutAuc > 0.7, "held-out AUC " + heldOutAuc + "\n" + trained.out());

        // Scoring input: new rows, one unseen job title, empty cells, and no `marital` column at all.
        List<String[]> fresh = bankTable(400, 99);
        fresh.get(0)[2] = "astronaut";
        fresh.get(1)[4] = "";
        fresh.get(2)[2] = "";
        List<String[]> withoutMarital = new ArrayList<>();
        for (String[] r : fresh) {
            withoutMarital.add(new String[] {r[0], r[1], r[2], r[4], r[5], r[6], r[7]});
        }
        Path toScore = writeCsv(dir.resolve("new.csv"),
                "customer_id,age,job,balance,housing,campaign_contacts,previous_outcome", withoutMarital);
        Path out = dir.resolve("scores/out.csv");
        Cli.Result scored = Cli.run("propensity", "score", "--model-dir", modelDir.toString(), "--features",
                toScore.toString(), "--out", out.toString());
        assertEquals(0, scored.exitCode(), scored.err() + scored.out());
        assertTrue(scored.out().contains("lacks marital"), scored.out());

        List<String> lines = Files.readAllLines(out);
        assertEquals("customer_id,propensity", lines.get(0));
        assertEquals(fresh.size() + 1, lines.size(), "one row per input row");
        int positives = 0;
        double[] p = new double[fresh.size()];
        boolean[] y = new boolean[fresh.size()];
        for (int i = 0; i < fresh.size(); i++) {
            String[] parts = lines.get(i + 1).split(",");
            assertEquals(fresh.get(i)[0], parts[0], "input order kept");
            p[i] = Double.parseDouble(parts[1]);
            assertTrue(p[i] >= 0 && p[i] <= 1, "a probability: " + p[i]);
            y[i] = fresh.get(i)[8].equals("yes");
            positives += y[i] ? 1 : 0;
        }
        assertTrue(aucOf(p, y) > 0.7, "scores rank fresh rows: AUC " + aucOf(p, y) + " positives " + positives);
    }

    @Test
    void badLabelIsOneClearLine() throws IOException {
        Path dir = SharedSpark.newWarehouseDir("byo-bad");
        Path file = writeCsv(dir.resolve("t.csv"), "id,x,label", List.of(new String[] {"a", "1", "yes"},
                new String[] {"b", "2", "maybe"}));
        Cli.Result r = Cli.run("propensity", "train", "--features", file.toString(), "--label", "label", "--id", "id",
                "--model-dir", dir.resolve("m").toString());
        assertEquals(1, r.exitCode());
        assertTrue(r.err().contains("'maybe'"), r.err());
        assertEquals(1, r.err().strip().lines().count(), "one line: " + r.err());

        Cli.Result noColumn = Cli.run("propensity", "train", "--features", file.toString(), "--label", "bought",
                "--id", "id", "--model-dir", dir.resolve("m").toString());
        assertEquals(1, noColumn.exitCode());
        assertTrue(noColumn.err().toLowerCase(Locale.ROOT).contains("--label 'bought' is not a column"), noColumn.err());
    }

    /** Mann-Whitney AUC with ties counted half. */
    static double aucOf(double[] p, boolean[] y) {
        double wins = 0;
        long pairs = 0;
        for (int i = 0; i < p.length; i++) {
            if (!y[i]) {
                continue;
            }
            for (int j = 0; j < p.length; j++) {
                if (y[j]) {
                    continue;
                }
                pairs++;
                wins += p[i] > p[j] ? 1 : p[i] == p[j] ? 0.5 : 0;
            }
        }
        return wins / pairs;
    }
}
