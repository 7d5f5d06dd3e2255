package io.crmanalytics.cli;

import io.crmanalytics.job.Job;
import io.crmanalytics.service.ServiceJob;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code crm service}: contact-center KPIs, IVR funnel, NPS/CSAT/CES and drivers, proactive outreach. */
@Command(name = "service", mixinStandardHelpOptions = true,
        description = {"Contact-center analytics: agent scorecards, channel and queue KPIs, IVR funnel,",
                "NPS/CSAT/CES scores and drivers, self-service opportunities, proactive outreach (+ CSV).",
                "Uses gold.customer_value and gold.complaint_attribution when present. See docs/service.md."})
final class ServiceCommand extends JobCommand {
    @Mixin
    ServiceFlags flags;

    @Override
    public Job job() {
        return new ServiceJob(flags.toOptions());
    }
}
