package io.crmanalytics.propensity;

import io.crmanalytics.core.InvalidOption;
import java.util.List;

/**
 * Options of the warehouse-mode propensity job; the defaults work on the sample data and keep the nightly run
 * to a few minutes on a small machine. Defaults are declared once, as the constants below ({@link #defaults()},
 * {@link #builder()} and the CLI's flags read them); a value out of its domain is an {@link InvalidOption} naming
 * the field (the CLI names its flag).
 *
 * @param outcomeDays       length of the outcome window: a label is "bought in the category within this many days
 *                          after the feature cut-off"; also the length of the "recent" feature windows
 * @param excludeRecentDays next-best-offer skips categories the customer bought in this many days before the run
 * @param search            the model search (grid size, seed)
 * @param minPositives      a category with fewer positive training or validation rows is skipped, not guessed
 * @param categories        restrict to these categories (empty: every category of silver.products)
 * @param trainingWindows   how many consecutive past outcome windows are pooled as training rows (cut-offs 2H,
 *                          3H, ... before the run date); more rows teach the models more, each costs one feature pass
 * @param maxTrainingRows   cap on the pooled training rows (customer-windows); above it a uniform random sample is
 *                          trained on (see {@link TrainingSample}); 0 = no cap
 */
public record PropensityOptions(int outcomeDays, int excludeRecentDays, SearchOptions search, int minPositives,
                                List<String> categories, int trainingWindows, long maxTrainingRows) {
    /** The defaults, declared once (the search's are {@link SearchOptions#GRID} and {@link SearchOptions#SEED}). */
    public static final int OUTCOME_DAYS = 90;
    public static final int EXCLUDE_RECENT_DAYS = 30;
    public static final int MIN_POSITIVES = 20;
    public static final int TRAINING_WINDOWS = 3;
    /** Also the cap of {@code crm propensity train}: the in-memory fits stay within a small driver's heap. */
    public static final long MAX_TRAINING_ROWS = 100_000;

    public PropensityOptions {
        if (outcomeDays < 7) {
            throw new InvalidOption("outcomeDays", InvalidOption.OPTION + " must be at least 7, got " + outcomeDays);
        }
        if (excludeRecentDays < 0) {
            throw new InvalidOption("excludeRecentDays", InvalidOption.OPTION + " must be 0 or more, got "
                    + excludeRecentDays);
        }
        if (minPositives < 2) {
            throw new InvalidOption("minPositives", InvalidOption.OPTION + " must be at least 2, got " + minPositives);
        }
        if (trainingWindows < 1 || trainingWindows > 12) {
            throw new InvalidOption("trainingWindows", InvalidOption.OPTION + " must be between 1 and 12, got "
                    + trainingWindows);
        }
        if (maxTrainingRows < 0) {
            throw new InvalidOption("maxTrainingRows", InvalidOption.OPTION + " must be 0 (no cap) or more, got "
                    + maxTrainingRows);
        }
        categories = categories == null ? List.of() : List.copyOf(categories);
    }

    public static PropensityOptions defaults() {
        return builder().build();
    }

    /** A builder starting from the defaults (every category, the default search): set only what differs. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from these options. */
    public Builder toBuilder() {
        return builder().outcomeDays(outcomeDays).excludeRecentDays(excludeRecentDays).search(search)
                .minPositives(minPositives).categories(categories).trainingWindows(trainingWindows)
                .maxTrainingRows(maxTrainingRows);
    }

    /** Named settings instead of seven positional values; validation happens in {@link #build()}. */
    public static final class Builder {
        private int outcomeDays = OUTCOME_DAYS;
        private int excludeRecentDays = EXCLUDE_RECENT_DAYS;
        private SearchOptions search = SearchOptions.defaults();
        private int minPositives = MIN_POSITIVES;
        private List<String> categories = List.of();
        private int trainingWindows = TRAINING_WINDOWS;
        private long maxTrainingRows = MAX_TRAINING_ROWS;

        private Builder() {
        }

        public Builder outcomeDays(int value) {
            outcomeDays = value;
            return this;
        }

        public Builder excludeRecentDays(int value) {
            excludeRecentDays = value;
            return this;
        }

        public Builder search(SearchOptions value) {
            search = value;
            return this;
        }

        public Builder minPositives(int value) {
            minPositives = value;
            return this;
        }

        /** Only these categories; null or empty for every category. */
        public Builder categories(List<String> value) {
            categories = value;
            return this;
        }

        public Builder trainingWindows(int value) {
            trainingWindows = value;
            return this;
        }

        public Builder maxTrainingRows(long value) {
            maxTrainingRows = value;
            return this;
        }

        public PropensityOptions build() {
            return new PropensityOptions(outcomeDays, excludeRecentDays, search, minPositives, categories,
                    trainingWindows, maxTrainingRows);
        }
    }
}
