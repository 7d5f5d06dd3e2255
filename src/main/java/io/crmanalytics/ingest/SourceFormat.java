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

    /**
     * The format of a file name such as {@code orders.csv}, {@code Surveys.CSV}, {@code part-00000.json} or
     * {@code orders.csv.gz} (CSV and JSON may be gzipped), in any case.
     */
    static Optional<SourceFormat> ofFileName(String fileName) {
        String lower = fileName.toLowerCase(Locale.ROOT);
        for (SourceFormat format : values()) {
            if (lower.endsWith("." + format.extension)
                    || (format != PARQUET && lower.endsWith("." + format.extension + ".gz"))) {
                return Optional.of(format);
            }
        }
        return Optional.empty();
    }

    /** The name without its format extension(s), lower case: {@code Orders.CSV.gz} gives {@code orders}. */
    static String stem(String fileName) {
        String lower = fileName.toLowerCase(Locale.ROOT);
        String withoutGz = lower.endsWith(".gz") ? lower.substring(0, lower.length() - 3) : lower;
        int dot = withoutGz.lastIndexOf('.');
        return dot < 0 ? withoutGz : withoutGz.substring(0, dot);
    }
}
