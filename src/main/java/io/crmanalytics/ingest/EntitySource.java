package io.crmanalytics.ingest;

import io.crmanalytics.contract.Entity;
import java.util.List;

/**
 * Where one entity's rows are in the input folder: a single file or the part files of a folder, all of one
 * format. {@code files} is empty for a folder that holds no data files (read as zero rows).
 *
 * @param label how the user named it, e.g. {@code orders.csv} or {@code orders/ (3 parquet files)}
 */
record EntitySource(Entity entity, SourceFormat format, List<String> files, String label) {
}
