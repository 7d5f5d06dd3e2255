package io.crmanalytics.cli;

import io.crmanalytics.quality.QualityGates;
import picocli.CommandLine.Option;

/** The options of {@code crm publish}, with the defaults {@link QualityGates.Thresholds} declares. */
final class PublishFlags {
    @Option(names = "--max-volume-change", defaultValue = "" + QualityGates.Thresholds.MAX_VOLUME_CHANGE,
            paramLabel = "SHARE",
            description = "Largest relative change of a table's row count against the previous run date "
                    + "(a share: 0.5 is +-50%%; default: ${DEFAULT-VALUE}).")
    double maxVolumeChange;

    @Option(names = "--max-null-share", defaultValue = "" + QualityGates.Thresholds.MAX_NULL_SHARE,
            paramLabel = "SHARE",
            description = "Largest share of nulls allowed in a table's required columns (default: ${DEFAULT-VALUE}).")
    double maxNullShare;

    QualityGates.Thresholds toThresholds() {
        return QualityGates.Thresholds.builder().maxVolumeChange(maxVolumeChange).maxNullShare(maxNullShare).build();
    }
}
