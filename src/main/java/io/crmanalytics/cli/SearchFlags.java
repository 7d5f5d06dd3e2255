package io.crmanalytics.cli;

import io.crmanalytics.propensity.SearchOptions;
import picocli.CommandLine.Option;

/**
 * The model-search flags, one definition for {@code crm propensity} and {@code crm propensity train}, so a flag
 * means the same and defaults the same in both (with the defaults {@link SearchOptions} declares).
 */
final class SearchFlags {
    @Option(names = "--grid", defaultValue = SearchOptions.GRID, paramLabel = "SIZE",
            description = "Model search: none, small or medium (default: ${DEFAULT-VALUE}).")
    String grid;

    @Option(names = "--seed", defaultValue = "" + SearchOptions.SEED, description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    SearchOptions toOptions() {
        return new SearchOptions(SearchOptions.Grid.parse(grid), seed);
    }
}
