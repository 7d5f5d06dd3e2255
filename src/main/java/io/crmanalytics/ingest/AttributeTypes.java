package io.crmanalytics.ingest;

import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.crmanalytics.contract.Entity;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Decides the silver type of each open column of customer_attributes: a column already in silver keeps its
 * type (a non-number in a double column is then a bad_number); a new column is double when every non-empty
 * value of this batch is a number that a double holds as written ({@link ValueParsers#heldByDouble}), else string. One
 * aggregate pass; only one small row reaches the driver.
 */
final class AttributeTypes {
    private AttributeTypes() {
    }

    static Map<String, DataType> decide(Entity entity, RawInput input, Optional<StructType> silver) {
        List<String> open = input.columns().stream().filter(c -> entity.column(c).isEmpty()).toList();
        Map<String, DataType> types = new LinkedHashMap<>();
        List<String> undecided = new ArrayList<>();
        for (String name : open) {
            Optional<StructField> existing = silver.flatMap(s -> java.util.Arrays.stream(s.fields())
                    .filter(f -> f.name().equals(name)).findFirst());
            if (existing.isPresent()) {
                types.put(name, existing.get().dataType());
            } else {
                undecided.add(name);
            }
        }
        if (undecided.isEmpty()) {
            return types;
        }
        List<Column> aggregates = new ArrayList<>();
        for (String name : undecided) {
            Column value = ValueParsers.clean(BatchClassifier.quoted(name));
            aggregates.add(count(value));
            aggregates.add(sum(when(value.isNotNull().and(not(ValueParsers.heldByDouble(value))), lit(1)).otherwise(lit(0))));
        }
        Row counts = input.rows().agg(aggregates.get(0), aggregates.subList(1, aggregates.size()).toArray(Column[]::new))
                .first();
        for (int i = 0; i < undecided.size(); i++) {
            long present = counts.getLong(2 * i);
            long notNumbers = counts.isNullAt(2 * i + 1) ? 0 : counts.getLong(2 * i + 1);
            types.put(undecided.get(i), present > 0 && notNumbers == 0 ? DataTypes.DoubleType : DataTypes.StringType);
        }
        return types;
    }
}
