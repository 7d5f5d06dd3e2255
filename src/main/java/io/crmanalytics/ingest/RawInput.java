package io.crmanalytics.ingest;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * One entity's input as read: every column a string, named by its trimmed lower-case header, plus the
 * internal columns {@link #SOURCE_FILE} and {@link #POSITION} that give each row's place in the input, and the
 * record columns that carry a record that could not be split into fields (one row per physical record).
 *
 * @param columns the input's own columns (contract and extra), in file order; empty for an empty file
 */
record RawInput(EntitySource source, Dataset<Row> rows, List<String> columns) {
    /** The file a row came from; kept in bronze and quarantine as lineage. */
    static final String SOURCE_FILE = "_source_file";
    /** Increases with the row's position within its file: orders rows for the duplicate-key policy. */
    static final String POSITION = "_source_position";
    /** The record-level rule a row broke before its fields could be read (malformed_record, bad_encoding). */
    static final String RECORD_RULE = "_record_rule";
    /** What was wrong with such a record, with its line: quarantine's rule_column. */
    static final String RECORD_DETAIL = "_record_detail";
    /** A malformed record's text as it stood in the file (its fields are then all null). */
    static final String RAW_RECORD = "_raw_record";
    /** A badly encoded record's bytes as they stood in the file. */
    static final String RAW_BYTES = "_raw_bytes";
}
