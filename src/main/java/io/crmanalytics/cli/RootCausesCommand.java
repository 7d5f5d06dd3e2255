package io.crmanalytics.cli;

import io.crmanalytics.job.Job;
import io.crmanalytics.rootcause.Dimensions;
import io.crmanalytics.rootcause.RootCauseOptions;
import io.crmanalytics.rootcause.RootCausesJob;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code crm root-causes}: complaint detection, attribution, explanation engine and trends. */
@Command(name = "root-causes", mixinStandardHelpOptions = true,
        description = "Find why customers complain: attribute complaints to shipments, rank the shipment "
                + "attributes and combinations with over-represented complaint rates, flag emerging issues.")
public final class RootCausesCommand extends JobCommand {
    @Option(names = "--reason", paramLabel = "R",
            description = "Analyse only this complaint reason (and 'all'), e.g. late_delivery.")
    String reason;

    @Option(names = "--dimensions", paramLabel = "a,b,...",
            description = "Shipment attributes to explain by (default: all of carrier, category, customer_region, "
                    + "delivery_status, dest_region, origin_region, ship_method, warehouse).")
    String dimensions;

    @Option(names = "--max-factors", defaultValue = "3", paramLabel = "N",
            description = "Largest combination of factors (default: ${DEFAULT-VALUE}).")
    int maxFactors;

    @Option(names = "--min-support", defaultValue = "0.01", paramLabel = "S",
            description = "Minimum share of a reason's complaints a group must hold to be examined "
                    + "(default: ${DEFAULT-VALUE}).")
    double minSupport;

    @Option(names = "--window-days", defaultValue = "30", paramLabel = "D",
            description = "Attribution window before the contact, for complaints without order id "
                    + "(default: ${DEFAULT-VALUE}).")
    int windowDays;

    @Option(names = "--recent-days", defaultValue = "14", paramLabel = "D",
            description = "Recent window of the trends, before the run date (default: ${DEFAULT-VALUE}).")
    int recentDays;

    @Option(names = "--baseline-days", defaultValue = "90", paramLabel = "D",
            description = "Baseline window of the trends, before the recent one (default: ${DEFAULT-VALUE}).")
    int baselineDays;

    @Option(names = "--top", defaultValue = "10", paramLabel = "N",
            description = "Findings printed per reason (default: ${DEFAULT-VALUE}).")
    int top;

    @Option(names = "--max-notes-training-rows", defaultValue = "100000", paramLabel = "N",
            description = "Train the notes model on at most this many labeled notes, a seeded random sample "
                    + "above it; 0 for no cap (default: ${DEFAULT-VALUE}).")
    long maxNotesTrainingRows;

    @Option(names = "--attribution-truth", paramLabel = "FILE",
            description = "CSV of each interaction's true shipment (interaction_id, shipment_id; e.g. "
                    + "sample-data/ground_truth_interactions.csv): report the attribution's accuracy against it.")
    String attributionTruth;

    @Override
    public Job job() {
        return new RootCausesJob(new RootCauseOptions(reason, Dimensions.parse(dimensions), maxFactors, minSupport,
                windowDays, recentDays, baselineDays, top, maxNotesTrainingRows, attributionTruth));
    }
}
