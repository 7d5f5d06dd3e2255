package io.crmanalytics.testing;

import io.crmanalytics.contract.Column;
import io.crmanalytics.contract.Entity;
import io.crmanalytics.job.JobContext;
import io.crmanalytics.warehouse.Layer;
import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;

/**
 * Builds small silver tables for job tests, with the contract's silver schema, written as real Delta tables.
 * Values may be given as strings (dates "2024-01-31", timestamps "2024-01-31T10:00:00" in UTC, numbers) or as
 * typed Java values. Columns not mentioned are null.
 * <pre>
 * SilverFixture.of(DataContract.ORDERS)
 *     .row("order_id", "o1", "customer_id", "c1", "order_ts", "2024-01-02T10:00:00", "total_amount", "12.50")
 *     .write(ctx);
 * </pre>
 */
public final class SilverFixture {
    private final Entity entity;
    private final List<Row> rows = new ArrayList<>();

    private SilverFixture(Entity entity) {
        this.entity = entity;
    }

    public static SilverFixture of(Entity entity) {
        return new SilverFixture(entity);
    }

    public SilverFixture row(Object... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("row() takes name, value pairs");
        }
        Map<String, Object> given = new HashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            String name = (String) namesAndValues[i];
            if (entity.column(name).isEmpty()) {
                throw new IllegalArgumentException(entity.name() + " has no column " + name);
            }
            given.put(name, namesAndValues[i + 1]);
        }
        Object[] values = new Object[entity.columns().size()];
        for (int i = 0; i < values.length; i++) {
            Column column = entity.columns().get(i);
            values[i] = convert(column, given.get(column.name()));
        }
        rows.add(RowFactory.create(values));
        return this;
    }

    public int size() {
        return rows.size();
    }

    /** Writes (replaces) silver.&lt;entity&gt; in the context's warehouse. */
    public void write(JobContext ctx) {
        ctx.spark().createDataFrame(rows, entity.silverSchema())
                .write().format("delta").mode(SaveMode.Overwrite).option("overwriteSchema", "true")
                .save(ctx.warehouse().path(Layer.SILVER, entity.name()));
    }

    private static Object convert(Column column, Object value) {
        if (value == null || !(value instanceof String text)) {
            if (value instanceof Double d && column.type() == io.crmanalytics.contract.ColumnType.DECIMAL) {
                return BigDecimal.valueOf(d);
            }
            if (value instanceof LocalDate d) {
                return Date.valueOf(d);
            }
            if (value instanceof Instant t) {
                return Timestamp.from(t);
            }
            return value;
        }
        return switch (column.type()) {
            case STRING -> text;
            case INT -> Integer.valueOf(text);
            case DECIMAL -> new BigDecimal(text);
            case BOOLEAN -> Boolean.valueOf(text);
            case DATE -> Date.valueOf(LocalDate.parse(text));
            case TIMESTAMP -> Timestamp.from(LocalDateTime.parse(text.replace(' ', 'T'))
                    .toInstant(java.time.ZoneOffset.UTC));
        };
    }
}
