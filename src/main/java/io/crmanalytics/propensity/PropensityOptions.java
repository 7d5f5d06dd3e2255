package io.crmanalytics.propensity;

import io.crmanalytics.core.UserException;
import java.util.List;

/**
 * Options of the warehouse-mode propensity job; the defaults work on the sample data and keep the nightly run
 * to a few minutes on a small machine.
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
    public static final int DEFAULT_TRAINING_WINDOWS = 3;
    public static final long DEFAULT_MAX_TRAINING_ROWS = 250_000;

    public PropensityOptions(int outcomeDays, int excludeRecentDays, SearchOptions search, int minPositives,
                             List<String> categories) {
        this(outcomeDays, excludeRecentDays, search, minPositives, categories, DEFAULT_TRAINING_WINDOWS,
                DEFAULT_MAX_TRAINING_ROWS);
    }

    public PropensityOptions {
        if (outcomeDays < 7) {
            throw new UserException("--outcome-days must be at least 7, got " + outcomeDays);
        }
        if (excludeRecentDays < 0) {
            throw new UserException("--exclude-recent-days must be 0 or more, got " + excludeRecentDays);
        }
        if (minPositives < 2) {
            throw new UserException("--min-positives must be at least 2, got " + minPositives);
        }
        if (trainingWindows < 1 || trainingWindows > 12) {
            throw new UserException("--training-windows must be between 1 and 12, got " + trainingWindows);
        }
        if (maxTrainingRows < 0) {
            throw new UserException("--max-training-rows must be 0 (no cap) or more, got " + maxTrainingRows);
        }
        categories = categories == null ? List.of() : List.copyOf(categories);
    }

    public static PropensityOptions defaults() {
        return new PropensityOptions(90, 30, SearchOptions.defaults(), 20, List.of());
    }
}
