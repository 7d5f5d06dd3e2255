package io.crmanalytics.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.crmanalytics.core.InvalidOption;
import io.crmanalytics.core.UserException;
import io.crmanalytics.ingest.IngestOptions;
import io.crmanalytics.propensity.PropensityOptions;
import io.crmanalytics.quality.QualityGates;
import io.crmanalytics.rootcause.RootCauseOptions;
import io.crmanalytics.service.ServiceOptions;
import io.crmanalytics.value.ClvOptions;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Each job's options are declared once: the flags' defaults are the options record's defaults, a shared flag means
 * the same in every command that has it, and a value out of its domain is reported in the record's words in code
 * and with the flag on the command line. Parses command lines only: no Spark, well under a second.
 */
class JobOptionsTest {
    @Test
    void flagDefaultsAreTheOptionsRecordsDefaults() {
        assertEquals(ClvOptions.defaults(), ((ClvCommand) parsed("clv")).flags.toOptions());
        assertEquals(PropensityOptions.defaults(), ((PropensityCommand) parsed("propensity")).flags.toOptions());
        IngestCommand ingest = (IngestCommand) parsed("ingest", "--input", "in");
        assertEquals(IngestOptions.builder("in").build(), ingest.flags.toOptions(ingest.input));
        assertEquals(QualityGates.Thresholds.defaults(), ((PublishCommand) parsed("publish")).flags.toThresholds());
        assertEquals(ServiceOptions.defaults(), ((ServiceCommand) parsed("service")).flags.toOptions());
        assertEquals(RootCauseOptions.defaults(), ((RootCausesCommand) parsed("root-causes")).flags.toOptions());
    }

    @Test
    void theModelSearchFlagsAreOneDefinitionInBothPropensityCommands() {
        CommandLine.Model.CommandSpec job = Main.commandLine().getSubcommands().get("propensity").getCommandSpec();
        CommandLine.Model.CommandSpec train = job.subcommands().get("train").getCommandSpec();
        for (String flag : new String[] {"--grid", "--seed"}) {
            assertEquals(job.findOption(flag).defaultValue(), train.findOption(flag).defaultValue(), flag);
            assertEquals(String.join(" ", job.findOption(flag).description()),
                    String.join(" ", train.findOption(flag).description()), flag);
        }
    }

    @Test
    void aValueOutOfItsDomainNamesTheFieldInCodeAndTheFlagOnTheCommandLine() {
        InvalidOption horizon = assertThrows(InvalidOption.class, () -> ClvOptions.builder().horizon(0).build());
        assertEquals("horizon must be > 0, got 0.0", horizon.getMessage());

        assertEquals("--horizon must be > 0, got -1.0", configurationError("clv", "--horizon", "-1"));
        assertEquals("--time-unit must be day or week, not 'month'", configurationError("clv", "--time-unit", "month"));
        assertEquals("--holdout-end 2024-01-01 must be after the calibration end 2024-06-30",
                configurationError("clv", "--calibration-end", "2024-06-30", "--holdout-end", "2024-01-01"));
        assertEquals("--grid must be none, small or medium, got 'huge'",
                configurationError("propensity", "--grid", "huge"));
        assertEquals("--training-windows must be between 1 and 12, got 13",
                configurationError("propensity", "--training-windows", "13"));
        assertEquals("--future-tolerance-hours must not be negative",
                configurationError("ingest", "--input", "in", "--future-tolerance-hours", "-1"));
        assertEquals("--max-null-share must be between 0 and 1, got 2.0",
                configurationError("publish", "--max-null-share", "2"));
    }

    private static JobCommand parsed(String... args) {
        CommandLine.ParseResult parsed = Main.commandLine(args).parseArgs(args);
        while (parsed.hasSubcommand()) {
            parsed = parsed.subcommand();
        }
        return (JobCommand) parsed.commandSpec().userObject();
    }

    private static String configurationError(String... args) {
        JobCommand command = parsed(args);
        return assertThrows(UserException.class, command::configuredJob).getMessage();
    }
}
