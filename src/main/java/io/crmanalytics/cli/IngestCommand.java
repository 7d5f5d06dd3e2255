package io.crmanalytics.cli;

import io.crmanalytics.ingest.IngestJob;
import io.crmanalytics.job.Job;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code crm ingest}: the input folder into bronze, silver and quarantine (see docs/ingest.md). */
@Command(name = "ingest", mixinStandardHelpOptions = true,
        description = "Read an input folder (data contract) into bronze, validate into silver, quarantine rejects.")
final class IngestCommand extends JobCommand {
    @Option(names = "--input", required = true, paramLabel = "DIR",
            description = "Input folder: <entity>.csv|.parquet|.json or <entity>/ folders of part files.")
    String input;

    @Override
    String input() {
        return input;
    }

    @Mixin
    IngestFlags flags;

    @Override
    public Job job() {
        return new IngestJob(flags.toOptions(input));
    }

    @Override
    protected Map<String, String> flagsOfFields() {
        return IngestFlags.FLAGS_OF_FIELDS;
    }
}
