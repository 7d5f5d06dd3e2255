package io.crmanalytics.bench;

import static org.apache.spark.sql.functions.col;

import io.crmanalytics.contract.Column;
import io.crmanalytics.contract.DataContract;
import io.crmanalytics.contract.Entity;
import io.crmanalytics.warehouse.Layer;
import io.crmanalytics.warehouse.Warehouse;
import java.io.File;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;

/**
 * Benchmark/acceptance helper only: loads clean contract CSVs (the generator's sample-data) straight into
 * silver with the contract's types, without ingest's validation. It lets the propensity acceptance run on a
 * branch where `crm ingest` is not merged yet; with ingest merged, use `crm ingest` instead.
 */
final class CsvToSilver {
    private CsvToSilver() {
    }

    static void load(Warehouse warehouse, String folder) {
        for (Entity entity : DataContract.ENTITIES) {
            File file = new File(folder, entity.name() + ".csv");
            if (!file.isFile()) {
                continue;
            }
            Dataset<Row> raw = warehouse.spark().read().option("header", "true")
                    .option("inferSchema", entity.openColumns()).csv(file.getPath());
            if (!entity.openColumns()) {
                writeConformed(warehouse, entity, raw);
                continue;
            }
            List<org.apache.spark.sql.Column> columns = new ArrayList<>();
            for (StructField f : raw.schema().fields()) {
                columns.add(f.dataType() instanceof NumericType && !f.name().equals("customer_id")
                        ? col(f.name()).cast("double") : col(f.name()).cast("string"));
            }
            raw.select(columns.toArray(org.apache.spark.sql.Column[]::new)).write().format("delta")
                    .mode(SaveMode.Overwrite).option("overwriteSchema", "true")
                    .save(warehouse.path(Layer.SILVER, entity.name()));
        }
    }

    /** Writes rows as the entity's silver table: its columns in contract order and types, absent ones null. */
    static void writeConformed(Warehouse warehouse, Entity entity, Dataset<Row> rows) {
        List<org.apache.spark.sql.Column> columns = new ArrayList<>();
        List<String> present = List.of(rows.columns());
        for (Column c : entity.columns()) {
            columns.add((present.contains(c.name()) ? col(c.name())
                    : org.apache.spark.sql.functions.lit(null)).cast(c.type().sparkType()).as(c.name()));
        }
        rows.select(columns.toArray(org.apache.spark.sql.Column[]::new)).write().format("delta")
                .mode(SaveMode.Overwrite).option("overwriteSchema", "true")
                .save(warehouse.path(Layer.SILVER, entity.name()));
    }
}
