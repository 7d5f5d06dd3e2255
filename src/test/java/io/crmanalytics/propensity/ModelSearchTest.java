package io.crmanalytics.propensity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.crmanalytics.core.Progress;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** How the search splits its rows, and which way it grows the trees at each size. */
class ModelSearchTest {

    /** Rows whose purchase depends on the first feature and an interaction; the first value is the row's id. */
    private static ModelSearch.Rows rows(int n, long seed) {
        Random random = new Random(seed);
        double[][] x = new double[n][4];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            x[i][0] = i;
            for (int j = 1; j < 4; j++) {
                x[i][j] = random.nextGaussian();
            }
            double logit = -1.5 + 1.2 * x[i][1] + 0.8 * x[i][1] * x[i][2];
            y[i] = random.nextDouble() < 1 / (1 + Math.exp(-logit)) ? 1 : 0;
        }
        return new ModelSearch.Rows(x, y);
    }

    @Test
    void everyRowIsHeldOutInExactlyOneFold() {
        ModelSearch.Rows all = rows(1003, 1);
        ModelSearch.Rows[][] folds = ModelSearch.folds(all, 5, 42);
        Set<Double> heldOut = new HashSet<>();
        for (ModelSearch.Rows[] fold : folds) {
            assertEquals(all.size(), fold[0].size() + fold[1].size());
            assertTrue(fold[1].size() == 200 || fold[1].size() == 201, "fold of " + fold[1].size());
            Set<Double> rest = new HashSet<>();
            for (double[] row : fold[0].x()) {
                rest.add(row[0]);
            }
            for (double[] row : fold[1].x()) {
                assertTrue(heldOut.add(row[0]), "row " + row[0] + " held out twice");
                assertTrue(!rest.contains(row[0]), "row " + row[0] + " both fitted and held out");
            }
        }
        assertEquals(all.size(), heldOut.size(), "every row held out once");
    }

    private static ModelSearch.Candidate trees(ModelSearch.Rows rows) {
        List<ModelSearch.Candidate> candidates = ModelSearch.search(rows, new SearchOptions(SearchOptions.Grid.NONE,
                7), Progress.silent());
        return candidates.stream().filter(c -> c.family().equals(Classifier.TREES)).findFirst().orElseThrow();
    }

    /** Below the threshold the trees are five fold forests averaged; from it up, one forest refit on all rows. */
    @Test
    void smallTrainingSetsAverageTheFoldForestsLargeOnesRefit() {
        ModelSearch.Candidate small = trees(rows(3000, 2));
        assertTrue(small.params().startsWith("5 forests of"), small.params());
        ModelSearch.Candidate large = trees(rows(ModelSearch.CROSS_VALIDATION_ROWS, 3));
        assertTrue(large.params().contains("refit on all training rows"), large.params());
        assertTrue(small.stoppingAuc() > 0.7 && large.stoppingAuc() > 0.7, small.stoppingAuc() + " "
                + large.stoppingAuc());
    }
}
