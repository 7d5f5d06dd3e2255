package io.crmanalytics.value;

import java.util.Arrays;
import java.util.Iterator;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Distinct tuples and their customer counts, streamed from Spark into primitive arrays (no Row list on the
 * driver): the last column of the input is the count.
 */
public record Tuples(double[][] columns, double[] counts, int size) {
    public double[] column(int i) {
        return columns[i];
    }

    /** Pearson correlation of two columns over customers (tuples weighted by their counts). */
    public double weightedCorrelation(int first, int second) {
        double n = 0;
        double meanX = 0;
        double meanY = 0;
        for (int i = 0; i < size; i++) {
            n += counts[i];
            meanX += counts[i] * columns[first][i];
            meanY += counts[i] * columns[second][i];
        }
        meanX /= n;
        meanY /= n;
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < size; i++) {
            double dx = columns[first][i] - meanX;
            double dy = columns[second][i] - meanY;
            sxy += counts[i] * dx * dy;
            sxx += counts[i] * dx * dx;
            syy += counts[i] * dy * dy;
        }
        return sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : 0;
    }

    public static Tuples collect(Dataset<Row> grouped, int width) {
        int capacity = 1024;
        double[][] columns = new double[width][capacity];
        double[] counts = new double[capacity];
        int n = 0;
        Iterator<Row> it = grouped.toLocalIterator();
        while (it.hasNext()) {
            Row row = it.next();
            if (n == capacity) {
                capacity *= 2;
                for (int j = 0; j < width; j++) {
                    columns[j] = Arrays.copyOf(columns[j], capacity);
                }
                counts = Arrays.copyOf(counts, capacity);
            }
            for (int j = 0; j < width; j++) {
                columns[j][n] = ((Number) row.get(j)).doubleValue();
            }
            counts[n] = ((Number) row.get(width)).doubleValue();
            n++;
        }
        for (int j = 0; j < width; j++) {
            columns[j] = Arrays.copyOf(columns[j], n);
        }
        return new Tuples(columns, Arrays.copyOf(counts, n), n);
    }
}
