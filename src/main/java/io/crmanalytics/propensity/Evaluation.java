package io.crmanalytics.propensity;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * How good a scored set is, from 0/1 labels, raw scores (the classifier's ranking) and calibrated propensities.
 * Ranking metrics use the raw score, because isotonic calibration merges neighbouring scores into ties;
 * calibration metrics use the propensity. Deciles are equal-count groups by descending raw score: decile 1 holds
 * the 10 % most likely buyers (the first {@code rows % 10} deciles hold one row more, as SQL's ntile does).
 * All in memory: a validation set is a few arrays of doubles.
 */
final class Evaluation {
    static final String RAW = "raw_score";
    static final String PROPENSITY = "propensity";

    /** One decile: its size, its buyers, the mean calibrated propensity and the observed buying rate. */
    record Decile(int decile, long rows, long positives, double meanPredicted, double observedRate) {
    }

    /**
     * @param gains cumulative share of all buyers found in deciles 1..k, k = 1..10
     */
    record Ranking(double auc, double prAuc, double topDecileLift, double[] gains, long rows, long positives) {
    }

    /** @param calibrationError row-weighted mean |predicted - observed| over the deciles (expected calibration error) */
    record Reliability(List<Decile> deciles, double calibrationError) {
    }

    private Evaluation() {
    }

    /** Area under the ROC curve (Mann-Whitney, ties counted half). */
    static double auc(double[] score, int[] label) {
        Integer[] order = ascending(score);
        long positives = 0;
        double rankSum = 0;
        int i = 0;
        while (i < order.length) {
            int j = i;
            while (j + 1 < order.length && score[order[j + 1]] == score[order[i]]) {
                j++;
            }
            double midRank = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++) {
                if (label[order[k]] == 1) {
                    positives++;
                    rankSum += midRank;
                }
            }
            i = j + 1;
        }
        long negatives = order.length - positives;
        if (positives == 0 || negatives == 0) {
            return 0.5;
        }
        return (rankSum - positives * (positives + 1) / 2.0) / ((double) positives * negatives);
    }

    /** Area under the precision-recall curve: trapezoids between distinct score thresholds, from recall 0. */
    static double prAuc(double[] score, int[] label) {
        Integer[] order = ascending(score);
        long positives = Arrays.stream(label).filter(v -> v == 1).count();
        if (positives == 0) {
            return 0;
        }
        double area = 0;
        double lastRecall = 0;
        double lastPrecision = 1;
        long truePositives = 0;
        int taken = 0;
        int i = order.length - 1;
        while (i >= 0) {
            int j = i;
            while (j - 1 >= 0 && score[order[j - 1]] == score[order[i]]) {
                j--;
            }
            for (int k = j; k <= i; k++) {
                truePositives += label[order[k]];
                taken++;
            }
            double recall = (double) truePositives / positives;
            double precision = (double) truePositives / taken;
            area += (recall - lastRecall) * (precision + lastPrecision) / 2;
            lastRecall = recall;
            lastPrecision = precision;
            i = j - 1;
        }
        return area;
    }

    static Ranking ranking(double[] raw, double[] propensity, int[] label) {
        List<Decile> deciles = deciles(raw, propensity, label);
        long rows = raw.length;
        long positives = deciles.stream().mapToLong(Decile::positives).sum();
        double[] gains = new double[10];
        long cumulative = 0;
        for (Decile d : deciles) {
            cumulative += d.positives();
            gains[d.decile() - 1] = positives == 0 ? 0 : (double) cumulative / positives;
        }
        double baseRate = rows == 0 ? 0 : (double) positives / rows;
        double lift = baseRate == 0 || deciles.isEmpty() ? 0 : deciles.get(0).observedRate() / baseRate;
        return new Ranking(auc(raw, label), prAuc(raw, label), lift, gains, rows, positives);
    }

    static Reliability reliability(double[] raw, double[] propensity, int[] label) {
        List<Decile> deciles = deciles(raw, propensity, label);
        double error = 0;
        for (Decile d : deciles) {
            error += (double) d.rows() / raw.length * Math.abs(d.meanPredicted() - d.observedRate());
        }
        return new Reliability(deciles, error);
    }

    /** Equal-count deciles by descending raw score. */
    static List<Decile> deciles(double[] raw, double[] propensity, int[] label) {
        Integer[] order = ascending(raw);
        int n = order.length;
        List<Decile> deciles = new ArrayList<>();
        int at = n - 1;
        for (int d = 0; d < 10 && at >= 0; d++) {
            int size = n / 10 + (d < n % 10 ? 1 : 0);
            long positives = 0;
            double predicted = 0;
            for (int k = 0; k < size; k++) {
                int i = order[at--];
                positives += label[i];
                predicted += propensity[i];
            }
            if (size > 0) {
                deciles.add(new Decile(d + 1, size, positives, predicted / size, (double) positives / size));
            }
        }
        return deciles;
    }

    private static Integer[] ascending(double[] score) {
        Integer[] order = new Integer[score.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(score[a], score[b]));
        return order;
    }
}
