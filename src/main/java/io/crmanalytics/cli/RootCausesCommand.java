package io.crmanalytics.cli;

import io.crmanalytics.job.Job;
import io.crmanalytics.rootcause.RootCausesJob;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code crm root-causes}: complaint detection, attribution, explanation engine and trends. */
@Command(name = "root-causes", mixinStandardHelpOptions = true,
        description = "Find why customers complain: attribute complaints to shipments, rank the shipment "
                + "attributes and combinations with over-represented complaint rates, flag emerging issues.")
public final class RootCausesCommand extends JobCommand {
    @Mixin
    RootCauseFlags flags;

    @Override
    public Job job() {
        return new RootCausesJob(flags.toOptions());
    }
}
