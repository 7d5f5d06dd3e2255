package io.crmanalytics.ingest;

import java.util.Locale;
import java.util.Optional;

/** The file formats the contract accepts, by file extension. */
enum SourceFormat {
    CSV("csv"), PARQUET("parquet"), JSON("json");

    private final String extension;

    SourceFormat(String extension) {
        this.extension = extension;
    }

    String extension() {
        return extension;
    }

    /** The format of a file name such as {@code orders.csv} or {@code part-00000.json}. */
    static Optional<SourceFormat> ofFileName(String fileName) {
        String lower = fileName.toLowerCase(Locale.ROOT);
        for (SourceFormat format : values()) {
            if (lower.endsWith("." + format.extension)) {
                return Optional.of(format);
            }
        }
        return Optional.empty();
    }
}
