package io.crmanalytics.cli;

import io.crmanalytics.rootcause.Dimensions;
import io.crmanalytics.rootcause.RootCauseOptions;
import picocli.CommandLine.Option;

/** The options of {@code crm root-causes}, with the defaults {@link RootCauseOptions} declares. */
final class RootCauseFlags {
    @Option(names = "--reason", paramLabel = "R",
            description = "Analyse only this complaint reason (and 'all'), e.g. late_delivery.")
    String reason;

    @Option(names = "--dimensions", paramLabel = "a,b,...",
            description = "Shipment attributes to explain by (default: all of carrier, category, customer_region, "
                    + "delivery_status, dest_region, origin_region, ship_method, warehouse).")
    String dimensions;

    @Option(names = "--max-factors", defaultValue = "" + RootCauseOptions.MAX_FACTORS, paramLabel = "N",
            description = "Largest combination of factors (default: ${DEFAULT-VALUE}).")
    int maxFactors;

    @Option(names = "--min-shipments", defaultValue = "" + RootCauseOptions.MIN_SHIPMENTS, paramLabel = "N",
            description = "Minimum shipments a group must have to be examined; 0 (default): per reason, enough to "
                    + "detect a lift of 2 at the reason's base rate (5% two-sided, 80% power).")
    long minShipments;

    @Option(names = "--min-complaints", defaultValue = "" + RootCauseOptions.MIN_COMPLAINTS, paramLabel = "N",
            description = "Report a tested group only with at least this many complaints (applied after the "
                    + "tests; default: ${DEFAULT-VALUE}).")
    long minComplaints;

    @Option(names = "--window-days", defaultValue = "" + RootCauseOptions.WINDOW_DAYS, paramLabel = "D",
            description = "Attribution window before the contact, for complaints without order id "
                    + "(default: ${DEFAULT-VALUE}).")
    int windowDays;

    @Option(names = "--recent-days", defaultValue = "" + RootCauseOptions.RECENT_DAYS, paramLabel = "D",
            description = "Recent window of the trends, before the run date (default: ${DEFAULT-VALUE}).")
    int recentDays;

    @Option(names = "--baseline-days", defaultValue = "" + RootCauseOptions.BASELINE_DAYS, paramLabel = "D",
            description = "Baseline window of the trends, before the recent one (default: ${DEFAULT-VALUE}).")
    int baselineDays;

    @Option(names = "--top", defaultValue = "" + RootCauseOptions.TOP, paramLabel = "N",
            description = "Findings printed per reason (default: ${DEFAULT-VALUE}).")
    int top;

    @Option(names = "--max-notes-training-rows", defaultValue = "" + RootCauseOptions.MAX_NOTES_TRAINING_ROWS, paramLabel = "N",
            description = "Train the notes model on at most this many labeled notes, a seeded random sample "
                    + "above it; 0 for no cap (default: ${DEFAULT-VALUE}).")
    long maxNotesTrainingRows;

    @Option(names = "--attribution-truth", paramLabel = "FILE",
            description = "CSV of each interaction's true shipment (interaction_id, shipment_id; e.g. "
                    + "sample-data/ground_truth_interactions.csv): report the attribution's accuracy against it.")
    String attributionTruth;

    RootCauseOptions toOptions() {
        return RootCauseOptions.builder().reason(reason).dimensions(Dimensions.parse(dimensions))
                .maxFactors(maxFactors).minShipments(minShipments).minComplaints(minComplaints).windowDays(windowDays).recentDays(recentDays)
                .baselineDays(baselineDays).top(top).maxNotesTrainingRows(maxNotesTrainingRows)
                .attributionTruth(attributionTruth).build();
    }
}
