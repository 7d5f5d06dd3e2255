package io.crmanalytics.propensity;

import io.crmanalytics.core.UserException;
import java.util.Locale;

/**
 * How hard the model search works: the hyper-parameter grid size, the number of cross-validation folds and the
 * random seed. Small by default: every grid point costs {@code folds} model fits per category.
 */
public record SearchOptions(Grid grid, int folds, long seed) {

    /** Grid sizes: {@code none} one setting per model family, {@code small} 2+2 points, {@code medium} 6+4. */
    public enum Grid {
        NONE, SMALL, MEDIUM;

        public static Grid parse(String text) {
            try {
                return valueOf(text.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new UserException("--grid must be none, small or medium, got '" + text + "'");
            }
        }
    }

    public SearchOptions {
        if (folds < 2 || folds > 10) {
            throw new UserException("--folds must be between 2 and 10, got " + folds);
        }
    }

    public static SearchOptions defaults() {
        return new SearchOptions(Grid.SMALL, 2, 42L);
    }
}
