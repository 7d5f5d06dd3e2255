package io.crmanalytics.service;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.crmanalytics.contract.DataContract;
import io.crmanalytics.testing.SharedSpark;
import java.io.File;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/**
 * Acceptance on the bundled sample data: the IVR funnel flags exactly the node the generator planted
 * ({@code ivr_problem_node} of sample-data/ground_truth.json), with the default options.
 */
class IvrSampleDataTest {

    @Test
    void flagsExactlyThePlantedNodeOfTheSampleData() throws Exception {
        SparkSession spark = SharedSpark.session();
        String planted = new ObjectMapper().readTree(new File("sample-data/ground_truth.json"))
                .get("ivr_problem_node").asText();
        // The silver types of the contract, cast from the CSV's text (ingestion proper is another job's concern).
        Column[] typed = DataContract.IVR_EVENTS.columns().stream()
                .map(c -> col(c.name()).cast(c.type().sparkType()).as(c.name())).toArray(Column[]::new);
        Dataset<Row> events = spark.read().option("header", "true").csv("sample-data/ivr_events.csv").select(typed);

        List<String> flagged = IvrFunnel.build(spark, events, ServiceOptions.defaults()).where(col("flagged"))
                .select("node").collectAsList().stream().map(r -> r.getString(0)).toList();
        assertEquals(List.of(planted), flagged);
    }
}
