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

    @Option(names = "--min-shipments", defaultValue = "0", paramLabel = "N",
            description = "Minimum shipments a group must have to be examined; 0 (default): per reason, enough to "
                    + "detect a lift of 2 at the reason's base rate (5% two-sided, 80% power).")
    long minShipments;

    @Option(names = "--min-complaints", defaultValue = "5", paramLabel = "N",
            description = "Report a tested group only with at least this many complaints (applied after the "
                    + "tests; default: ${DEFAULT-VALUE}).")
    long minComplaints;

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

    @Override
    public Job job() {
        return new RootCausesJob(new RootCauseOptions(reason, Dimensions.parse(dimensions), maxFactors, minShipments,
                minComplaints,
                windowDays, recentDays, baselineDays, top, maxNotesTrainingRows));
    }
}
