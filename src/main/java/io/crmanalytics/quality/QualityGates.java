package io.crmanalytics.quality;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import io.crmanalytics.contract.GoldContract;
import io.crmanalytics.core.InvalidOption;
import io.crmanalytics.job.JobContext;
import io.crmanalytics.warehouse.Layer;
import io.crmanalytics.warehouse.Tables;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The data-quality gates run before anything is published, on the run date's rows of each gold table:
 * <ul>
 *   <li>{@code no_pii}: no column is named as personal data, and no text value holds an e-mail address or a
 *       phone number (every gold table);</li>
 *   <li>{@code completeness}: the table has rows for the run date, and each required column is present with at
 *       most {@code maxNullShare} nulls;</li>
 *   <li>{@code key_uniqueness}: no two rows share a key;</li>
 *   <li>{@code referential_integrity:<column>}: every non-null value names an existing silver row (skipped when
 *       that silver table is absent);</li>
 *   <li>{@code volume_change}: the row count moved by at most {@code maxVolumeChange} (relative) against the
 *       previous run date's (skipped on the first run).</li>
 * </ul>
 */
public final class QualityGates {
    /**
     * The gates' thresholds: the options of the publish job. Defaults are declared once, as the constants below
     * ({@link #defaults()}, {@link #builder()} and the CLI's flags read them); a value out of its domain is an
     * {@link InvalidOption} naming the field (the CLI names its flag).
     *
     * @param maxVolumeChange largest allowed |rows - previous rows| / previous rows
     * @param maxNullShare    largest allowed share of nulls in a required column
     */
    public record Thresholds(double maxVolumeChange, double maxNullShare) {
        /** +-50%: a nightly table that halves or grows by half is a broken feed more often than a real change. */
        public static final double MAX_VOLUME_CHANGE = 0.5;
        /** A required column is complete. */
        public static final double MAX_NULL_SHARE = 0.0;

        public Thresholds {
            if (!(maxVolumeChange >= 0)) {
                throw new InvalidOption("maxVolumeChange", InvalidOption.OPTION + " must be 0 or more, got "
                        + maxVolumeChange);
            }
            if (!(maxNullShare >= 0 && maxNullShare <= 1)) {
                throw new InvalidOption("maxNullShare", InvalidOption.OPTION + " must be between 0 and 1, got "
                        + maxNullShare);
            }
        }

        public static Thresholds defaults() {
            return builder().build();
        }

        /** A builder starting from the defaults: set only what differs. */
        public static Builder builder() {
            return new Builder();
        }

        /** A builder starting from these thresholds. */
        public Builder toBuilder() {
            return builder().maxVolumeChange(maxVolumeChange).maxNullShare(maxNullShare);
        }

        /** Named settings; validation happens in {@link #build()}. */
        public static final class Builder {
            private double maxVolumeChange = MAX_VOLUME_CHANGE;
            private double maxNullShare = MAX_NULL_SHARE;

            private Builder() {
            }

            public Builder maxVolumeChange(double value) {
                maxVolumeChange = value;
                return this;
            }

            public Builder maxNullShare(double value) {
                maxNullShare = value;
                return this;
            }

            public Thresholds build() {
                return new Thresholds(maxVolumeChange, maxNullShare);
            }
        }
    }

    private final JobContext ctx;
    private final Thresholds thresholds;

    public QualityGates(JobContext ctx, Thresholds thresholds) {
        this.ctx = ctx;
        this.thresholds = thresholds;
    }

    /** Runs every gate that applies to {@code gold.<table>}; {@code rules} empty means only the PII gate. */
    public List<GateResult> check(String table, Optional<TableRules> rules) {
        Dataset<Row> all = ctx.warehouse().read(Layer.GOLD, table);
        List<GateResult> results = new ArrayList<>();
        Dataset<Row> today = thisRunDate(all);
        results.add(noPii(table, today));
        if (rules.isEmpty()) {
            return results;
        }
        TableRules r = rules.get();
        List<String> present = Arrays.asList(today.columns());
        List<String> missing = java.util.stream.Stream.concat(r.key().stream(), r.required().stream()).distinct()
                .filter(c -> !present.contains(c)).toList();
        if (!missing.isEmpty()) {
            results.add(new GateResult(table, "completeness", false, 1.0, thresholds.maxNullShare(),
                    "missing column(s) " + missing + " (the gold contract declares them: see "
                            + GoldContract.class.getName() + ")"));
            return results;
        }
        // Row count, nulls per required column and distinct keys in one pass over the run date's rows. A row whose
        // key has a null is not counted as distinct, so key_uniqueness fails on it too.
        List<Column> aggregates = new ArrayList<>();
        r.required().forEach(c -> aggregates.add(count(when(col(c).isNull(), lit(1)))));
        boolean keyed = !r.key().isEmpty();
        if (keyed) {
            aggregates.add(countDistinct(col(r.key().get(0)),
                    r.key().stream().skip(1).map(org.apache.spark.sql.functions::col).toArray(Column[]::new)));
        }
        Row counts = today.agg(count(lit(1)), aggregates.toArray(Column[]::new)).first();
        long rows = counts.getLong(0);
        results.add(completeness(table, r, rows, counts));
        if (rows == 0) {
            return results;
        }
        if (keyed) {
            long distinct = counts.getLong(1 + r.required().size());
            long duplicates = rows - distinct;
            results.add(new GateResult(table, "key_uniqueness", duplicates == 0, duplicates, 0,
                    String.format(Locale.ROOT, "%,d rows, %,d distinct %s", rows, distinct, r.key())));
        }
        for (Map.Entry<String, String> reference : new java.util.TreeMap<>(r.references()).entrySet()) {
            referentialIntegrity(table, today, reference.getKey(), reference.getValue()).ifPresent(results::add);
        }
        if (r.volumeChecked()) {
            results.add(volumeChange(table, all, rows));
        }
        return results;
    }

    /**
     * No column named as personal data, and no e-mail address or phone number inside the text values about to be
     * published ({@link PiiValues}): a free-text column with contact details passes a check of names alone.
     */
    private static GateResult noPii(String table, Dataset<Row> rows) {
        List<String> pii = PiiColumns.find(rows.columns());
        if (!pii.isEmpty()) {
            return new GateResult(table, "no_pii", false, pii.size(), 0,
                    "personal-data column(s) " + pii + " must not leave silver");
        }
        List<String> text = Arrays.stream(rows.schema().fields())
                .filter(f -> f.dataType() instanceof org.apache.spark.sql.types.StringType).map(f -> f.name()).toList();
        if (text.isEmpty()) {
            return new GateResult(table, "no_pii", true, 0, 0, "no personal-data columns");
        }
        Column[] hits = text.stream().map(c -> count(when(holdsPii(col(c)), lit(1)))).toArray(Column[]::new);
        Row counts = rows.agg(hits[0], java.util.Arrays.copyOfRange(hits, 1, hits.length)).first();
        List<String> found = new ArrayList<>();
        long values = 0;
        for (int i = 0; i < text.size(); i++) {
            if (counts.getLong(i) > 0) {
                found.add(text.get(i) + " " + counts.getLong(i));
                values += counts.getLong(i);
            }
        }
        return new GateResult(table, "no_pii", found.isEmpty(), values, 0, found.isEmpty()
                ? "no personal-data columns; no e-mail addresses or phone numbers in " + text.size() + " text column(s)"
                : "e-mail addresses or phone numbers in text values (" + String.join(", ", found) + ") must not leave silver");
    }

    /**
     * Whether a text value holds an e-mail address or a phone number. Each regular expression runs only on values
     * that have a character its matches need: ids, codes and names have none, and searching them was about half
     * of the gates' time at 1 M customers.
     */
    private static Column holdsPii(Column text) {
        Column mayHoldPhone = PiiValues.PHONE_NEEDS_ONE_OF.stream().map(text::contains).reduce(Column::or)
                .orElseThrow();
        return text.contains(PiiValues.EMAIL_NEEDS).and(text.rlike(PiiValues.EMAIL))
                .or(mayHoldPhone.and(text.rlike(PiiValues.PHONE)));
    }

    private Dataset<Row> thisRunDate(Dataset<Row> all) {
        if (!Arrays.asList(all.columns()).contains(Tables.RUN_DATE)) {
            return all;
        }
        return all.where(col(Tables.RUN_DATE).equalTo(lit(java.sql.Date.valueOf(ctx.runDate()))));
    }

    /** Null counts are at positions 1..required in {@code counts}. */
    private GateResult completeness(String table, TableRules r, long rows, Row counts) {
        if (rows == 0) {
            return new GateResult(table, "completeness", false, 1.0, thresholds.maxNullShare(),
                    "no rows for run date " + ctx.runDate() + ": the job that writes it did not run for this date");
        }
        double worst = 0;
        List<String> withNulls = new ArrayList<>();
        for (int i = 0; i < r.required().size(); i++) {
            long nulls = counts.getLong(1 + i);
            double share = nulls / (double) rows;
            worst = Math.max(worst, share);
            if (nulls > 0) {
                withNulls.add(String.format(Locale.ROOT, "%s %.2f%%", r.required().get(i), 100 * share));
            }
        }
        String detail = withNulls.isEmpty()
                ? String.format(Locale.ROOT, "%,d rows, no nulls in %s", rows, r.required())
                : String.format(Locale.ROOT, "%,d rows, nulls in %s", rows, String.join(", ", withNulls));
        return new GateResult(table, "completeness", worst <= thresholds.maxNullShare(), worst,
                thresholds.maxNullShare(), detail);
    }

    private Optional<GateResult> referentialIntegrity(String table, Dataset<Row> today, String column, String entity) {
        String gate = "referential_integrity:" + column;
        if (!Arrays.asList(today.columns()).contains(column)) {
            return Optional.empty();
        }
        if (!ctx.warehouse().exists(Layer.SILVER, entity)) {
            return Optional.of(new GateResult(table, gate, true, 0, 0,
                    "not checked: silver." + entity + " is absent"));
        }
        Dataset<Row> targets = ctx.warehouse().read(Layer.SILVER, entity).select(col(column)).distinct();
        long orphans = today.select(col(column)).where(col(column).isNotNull())
                .join(targets, today.col(column).equalTo(targets.col(column)), "left_anti").count();
        return Optional.of(new GateResult(table, gate, orphans == 0, orphans, 0,
                String.format(Locale.ROOT, "%,d value(s) of %s not in silver.%s", orphans, column, entity)));
    }

    private GateResult volumeChange(String table, Dataset<Row> all, long rows) {
        if (!Arrays.asList(all.columns()).contains(Tables.RUN_DATE)) {
            return new GateResult(table, "volume_change", true, 0, thresholds.maxVolumeChange(),
                    "not checked: no run_date column");
        }
        java.sql.Date runDate = java.sql.Date.valueOf(ctx.runDate());
        Row previous = all.where(col(Tables.RUN_DATE).lt(lit(runDate))).groupBy(col(Tables.RUN_DATE)).count()
                .orderBy(col(Tables.RUN_DATE).desc()).limit(1).collectAsList().stream().findFirst().orElse(null);
        if (previous == null) {
            return new GateResult(table, "volume_change", true, 0, thresholds.maxVolumeChange(),
                    "first run: no earlier run date to compare with");
        }
        long before = previous.getLong(1);
        double change = before == 0 ? (rows == 0 ? 0 : Double.POSITIVE_INFINITY) : Math.abs(rows - before) / (double) before;
        return new GateResult(table, "volume_change", change <= thresholds.maxVolumeChange(), change,
                thresholds.maxVolumeChange(), String.format(Locale.ROOT, "%,d rows on %s -> %,d rows (%+.1f%%)",
                        before, previous.getDate(0), rows, before == 0 ? 100.0 : 100.0 * (rows - before) / before));
    }
}
