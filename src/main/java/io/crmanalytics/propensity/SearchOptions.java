package io.crmanalytics.propensity;

import io.crmanalytics.core.InvalidOption;
import java.util.Locale;

/**
 * How hard the model search works: the grid size and the random seed. Every setting is one in-memory fit on the
 * capped training rows; the trees' count is found by early stopping, not by the grid.
 */
public record SearchOptions(Grid grid, long seed) {
    /**
     * The defaults, declared once, for the warehouse job and {@code crm propensity train} alike: the small grid is
     * four penalties and two tree depths (3, and 5 for data with deeper interactions: on the real mlc_churn table
     * depth 5 raised the held-out AUC from 0.9153 to 0.9222 for 17 % more training time, see
     * bench/results/propensity-real.md), about 10 seconds per category at the 100,000-row cap on 2 cores.
     */
    public static final String GRID = "small";
    public static final long SEED = 42;

    /**
     * Grid sizes: L2 penalties (per row, on standardized features) of the logistic regression path; depths and
     * the maximum number of boosted trees.
     */
    public enum Grid {
        NONE(new double[] {1e-3}, new int[] {3}, 100),
        SMALL(new double[] {1e-4, 1e-3, 1e-2, 1e-1}, new int[] {3, 5}, 200),
        MEDIUM(new double[] {1e-5, 1e-4, 1e-3, 3e-3, 1e-2, 1e-1}, new int[] {2, 3, 5}, 300);

        private final double[] penalties;
        private final int[] treeDepths;
        private final int maxTrees;

        Grid(double[] penalties, int[] treeDepths, int maxTrees) {
            this.penalties = penalties;
            this.treeDepths = treeDepths;
            this.maxTrees = maxTrees;
        }

        double[] penalties() {
            return penalties.clone();
        }

        int[] treeDepths() {
            return treeDepths.clone();
        }

        int maxTrees() {
            return maxTrees;
        }

        public static Grid parse(String text) {
            try {
                return valueOf(text.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new InvalidOption("grid", InvalidOption.OPTION + " must be none, small or medium, got '" + text
                        + "'");
            }
        }
    }

    public static SearchOptions defaults() {
        return new SearchOptions(Grid.parse(GRID), SEED);
    }
}
