package io.crmanalytics.ingest;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * One entity's input as read: every column a string, named by its trimmed lower-case header, plus the
 * internal columns {@link #SOURCE_FILE} and {@link #POSITION} that give each row's place in the input.
 *
 * @param columns the input's own columns (contract and extra), in file order; empty for an empty file
 */
record RawInput(EntitySource source, Dataset<Row> rows, List<String> columns) {
    /** The file a row came from; kept in bronze and quarantine as lineage. */
    static final String SOURCE_FILE = "_source_file";
    /** Increases with the row's position within its file: orders rows for the duplicate-key policy. */
    static final String POSITION = "_source_position";
}
