package io.crmanalytics.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.crmanalytics.contract.DataContract;
import io.crmanalytics.testing.SharedSpark;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/**
 * A large CSV file is scanned in one task but its records go on in several partitions, and spreading them loses,
 * splits or repeats no record (quoted line breaks and a malformed record included).
 */
class CsvReaderSpreadTest {

    @Test
    void partitionsFollowTheBytesLikeSparksFileSources() {
        assertEquals(1, CsvReader.partitions(10, 128, 1));
        assertEquals(1, CsvReader.partitions(128, 128, 1));
        assertEquals(2, CsvReader.partitions(129, 128, 1));
        assertEquals(6, CsvReader.partitions(717_185_737L, 128L << 20, 1));
        // Never fewer partitions than files: each file is already one.
        assertEquals(3, CsvReader.partitions(100, 128, 3));
    }

    @Test
    void aLargeFileIsSpreadWithEveryRecordOnce() throws IOException {
        Path dir = SharedSpark.newWarehouseDir("csv-spread");
        StringBuilder text = new StringBuilder("interaction_id,customer_id,notes\n");
        int records = 3_000;
        for (int i = 1; i <= records; i++) {
            if (i == 1_500) {
                text.append("i").append(i).append(",c1,\"unclosed\n"); // malformed: its quote never closes
            } else if (i % 100 == 0) {
                text.append("i").append(i).append(",c").append(i).append(",\"two\nlines\"\n");
            } else {
                text.append("i").append(i).append(",c").append(i).append(",plain\n");
            }
        }
        Path file = dir.resolve("interactions.csv");
        Files.writeString(file, text, StandardCharsets.UTF_8);
        SparkSession spark = SharedSpark.session();
        String key = "spark.sql.files.maxPartitionBytes";
        String before = spark.conf().get(key);
        spark.conf().set(key, "16k");
        try {
            EntitySource source = new EntitySource(DataContract.INTERACTIONS, SourceFormat.CSV,
                    List.of(file.toUri().toString()), "interactions.csv");
            RawInput input = new CsvReader(spark, StandardCharsets.UTF_8).read(source);
            long bytes = Files.size(file);
            assertEquals((int) ((bytes + 16_383) / 16_384), input.rows().rdd().getNumPartitions(),
                    "one partition per 16 KB of the file");
            assertTrue(input.rows().rdd().getNumPartitions() > 1);
            List<Row> rows = input.rows().select("interaction_id", RawInput.RECORD_RULE).collectAsList();
            assertEquals(records, rows.size(), "one row per physical record");
            Set<String> ids = new TreeSet<>();
            long malformed = 0;
            for (Row r : rows) {
                if (r.isNullAt(1)) {
                    ids.add(r.getString(0));
                } else {
                    malformed++;
                }
            }
            assertEquals(1, malformed);
            assertEquals(records - 1, ids.size(), "every well-formed record exactly once");
        } finally {
            spark.conf().set(key, before);
        }
    }
}
