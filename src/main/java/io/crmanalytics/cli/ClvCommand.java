package io.crmanalytics.cli;

import io.crmanalytics.job.Job;
import io.crmanalytics.value.ClvJob;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code crm clv}: customer value (BG/NBD + Gamma-Gamma CLV, RFM segments, value tiers, holdout validation). */
@Command(name = "clv", mixinStandardHelpOptions = true,
        description = "Customer value: BG/NBD + Gamma-Gamma lifetime value, probability alive, RFM segments and "
                + "value tiers into gold.customer_value and gold.clv_model (see docs/value.md).")
final class ClvCommand extends JobCommand {
    @Mixin
    ClvFlags flags;

    @Override
    public Job job() {
        return new ClvJob(flags.toOptions());
    }
}
