package io.crmanalytics.propensity;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Bounds the cost of training: when the pooled training windows hold more customer-windows than
 * {@code maxRows}, each window is replaced by the same uniform random share of its rows.
 *
 * <p>Why uniform and not stratified by label: the sample is drawn once, before any category is labelled, so
 * every category learns from the same customers and each keeps its true purchase rate (class weights and the
 * validation-window calibration need no correction). Validation and scoring rows are never sampled: the
 * reported metrics and the published scores cover every customer. Training cost grows about linearly with the
 * rows while a model's validation AUC flattens far sooner, so a cap keeps a nightly run on a large customer
 * base within bounds; the out-of-time AUC of every capped model is still measured on all validation rows.
 *
 * @param windows   the training windows, sampled (persisted) or as given
 * @param available customer-windows before sampling
 * @param fraction  share of rows kept (1.0: no sampling)
 */
record TrainingSample(List<Dataset<Row>> windows, long available, double fraction) {

    /** The windows are read once to count them; sampled windows are persisted, the originals left as they are. */
    static TrainingSample of(List<Dataset<Row>> windows, long maxRows, long seed) {
        return of(windows, windows.stream().map(Dataset::count).toList(), maxRows, seed);
    }

    /** As {@link #of(List, long, long)} with the windows' row counts already known (one job for them all). */
    static TrainingSample of(List<Dataset<Row>> windows, List<Long> rows, long maxRows, long seed) {
        long available = rows.stream().mapToLong(Long::longValue).sum();
        if (maxRows <= 0 || available <= maxRows) {
            return new TrainingSample(List.copyOf(windows), available, 1.0);
        }
        double fraction = (double) maxRows / available;
        List<Dataset<Row>> sampled = new ArrayList<>();
        for (int k = 0; k < windows.size(); k++) {
            // A seed per window: the same customer is kept or dropped independently in each window.
            sampled.add(windows.get(k).sample(false, fraction, seed + k).persist());
        }
        return new TrainingSample(List.copyOf(sampled), available, fraction);
    }

    boolean sampled() {
        return fraction < 1.0;
    }

    /** Frees the sampled copies (the caller still owns the original windows). */
    void release() {
        if (sampled()) {
            windows.forEach(Dataset::unpersist);
        }
    }
}
