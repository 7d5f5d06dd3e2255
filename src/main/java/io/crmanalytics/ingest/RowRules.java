package io.crmanalytics.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.upper;
import static org.apache.spark.sql.functions.when;

import io.crmanalytics.contract.Column;
import io.crmanalytics.contract.ColumnType;
import io.crmanalytics.contract.DataContract;
import io.crmanalytics.contract.Entity;
import io.crmanalytics.contract.ScoreRange;
import io.crmanalytics.contract.TimeOrder;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;

/**
 * The per-row rules of one entity as Spark column expressions: for every silver column a cleaned value
 * ({@link #cleanName}) and a typed value ({@link #typedName}), and the checks a row must pass. Checks are
 * ordered by stage (missing value, then unreadable value, then range, then domain) and by column order within
 * a stage, so a row with several problems is quarantined with the most basic one.
 */
final class RowRules {
    /** A check: the row breaks {@code rule} on {@code column} when {@code failed} is true. */
    record Check(int stage, String rule, String column, org.apache.spark.sql.Column failed) {
    }

    /** A silver column: its name, Spark type and the typed expression over the cleaned columns. */
    record Field(String name, DataType type, boolean nullable, org.apache.spark.sql.Column typed) {
    }

    private static final int MISSING = 0;
    private static final int UNREADABLE = 1;
    private static final int RANGE = 2;
    private static final int DOMAIN = 3;

    private final List<Field> fields = new ArrayList<>();
    private final List<Check> checks = new ArrayList<>();
    private final List<String> sourceColumns = new ArrayList<>();

    /**
     * @param inputColumns   the input's columns (lower case); contract columns it lacks are read as empty
     * @param attributeTypes for customer_attributes: the silver type (double or string) of each open column
     */
    RowRules(Entity entity, List<String> inputColumns, ZoneId zone, IngestOptions options,
             Map<String, DataType> attributeTypes, Instant now) {
        Instant latest = now.plus(options.futureTolerance());
        for (Column column : entity.columns()) {
            add(entity, column, inputColumns.contains(column.name()), zone, options);
            addFutureCheck(entity, column, latest, zone);
        }
        for (TimeOrder order : DataContract.TIME_ORDERS) {
            if (order.entity().equals(entity.name())) {
                org.apache.spark.sql.Column earlier = col(typedName(order.earlier()));
                org.apache.spark.sql.Column later = col(typedName(order.later()));
                checks.add(new Check(RANGE, order.rule(), order.later(),
                        earlier.isNotNull().and(later.isNotNull()).and(later.lt(earlier))));
            }
        }
        if (entity.openColumns()) {
            for (String name : inputColumns) {
                if (entity.column(name).isEmpty()) {
                    addOpen(name, attributeTypes.getOrDefault(name, DataTypes.StringType));
                }
            }
        }
        ErasedCustomers.check(entity).ifPresent(checks::add);
        checks.sort(Comparator.comparingInt(Check::stage));
    }

    static String cleanName(String column) {
        return "__clean_" + column;
    }

    static String typedName(String column) {
        return "__typed_" + column;
    }

    /** The raw input column each cleaned column comes from (absent ones are null). */
    List<String> sourceColumns() {
        return sourceColumns;
    }

    List<Field> fields() {
        return fields;
    }

    List<Check> checks() {
        return checks;
    }

    private void add(Entity entity, Column column, boolean present, ZoneId zone, IngestOptions options) {
        String name = column.name();
        sourceColumns.add(present ? name : null);
        org.apache.spark.sql.Column value = col(cleanName(name));
        org.apache.spark.sql.Column typed = col(typedName(name));
        org.apache.spark.sql.Column typedExpr = switch (column.type()) {
            case STRING -> column.allowedValues().isEmpty() ? value : ValueParsers.inDomain(value, column.allowedValues());
            case INT -> ValueParsers.integer(value);
            case DECIMAL -> ValueParsers.decimal(value);
            case BOOLEAN -> ValueParsers.bool(value);
            case DATE -> ValueParsers.date(value);
            case TIMESTAMP -> ValueParsers.timestamp(value, zone);
        };
        typedExpr = withDefault(entity, name, value, typedExpr, options);
        fields.add(new Field(name, column.type().sparkType(), !column.required(), typedExpr));

        if (column.required()) {
            checks.add(new Check(MISSING, Rule.MISSING_REQUIRED, name, value.isNull()));
        }
        String unreadable = switch (column.type()) {
            case STRING -> null;
            case INT, DECIMAL -> Rule.BAD_NUMBER;
            case BOOLEAN -> Rule.BAD_BOOLEAN;
            case DATE -> Rule.BAD_DATE;
            case TIMESTAMP -> Rule.BAD_TIMESTAMP;
        };
        if (unreadable != null) {
            checks.add(new Check(UNREADABLE, unreadable, name, value.isNotNull().and(typed.isNull())));
        }
        if (column.type() == ColumnType.DECIMAL) {
            // Silver's decimal has a fixed scale; a value with more places would be rounded, so it is refused.
            int scale = ((DecimalType) ColumnType.DECIMAL.sparkType()).scale();
            checks.add(new Check(UNREADABLE, Rule.DECIMAL_SCALE, name,
                    typed.isNotNull().and(ValueParsers.placesBeyond(value, scale))));
        }
        if (column.type() == ColumnType.TIMESTAMP) {
            // Silver's timestamp keeps microseconds; a nanosecond export's last digits would be dropped.
            checks.add(new Check(UNREADABLE, Rule.TIMESTAMP_PRECISION, name,
                    typed.isNotNull().and(ValueParsers.belowMicroseconds(value))));
        }
        if (column.minimum() != null) {
            org.apache.spark.sql.Column below = column.minimumExclusive()
                    ? typed.leq(lit(column.minimum())) : typed.lt(lit(column.minimum()));
            checks.add(new Check(RANGE, Rule.OUT_OF_RANGE, name, typed.isNotNull().and(below)));
        }
        if (entity == DataContract.SURVEYS && name.equals("score")) {
            checks.add(new Check(RANGE, Rule.OUT_OF_RANGE, name, typed.isNotNull().and(outsideSurveyScale(typed))));
        }
        if (column.type() == ColumnType.STRING && (!column.allowedValues().isEmpty() || isCurrency(entity, name))) {
            checks.add(new Check(DOMAIN, Rule.NOT_IN_DOMAIN, name, value.isNotNull().and(typed.isNull())));
        }
    }

    /** A date or time after {@code latest} (now plus the tolerance) is an error, unless the contract allows it. */
    private void addFutureCheck(Entity entity, Column column, Instant latest, ZoneId zone) {
        if (DataContract.FUTURE_ALLOWED.contains(entity.name() + "." + column.name())) {
            return;
        }
        org.apache.spark.sql.Column typed = col(typedName(column.name()));
        org.apache.spark.sql.Column after = switch (column.type()) {
            case TIMESTAMP -> typed.gt(lit(Timestamp.from(latest)));
            case DATE -> typed.gt(lit(Date.valueOf(LocalDate.ofInstant(latest, zone))));
            default -> null;
        };
        if (after != null) {
            checks.add(new Check(RANGE, Rule.FUTURE_TIME, column.name(), typed.isNotNull().and(after)));
        }
    }

    /** Contract defaults for empty values, and the currency code's own form. */
    private static org.apache.spark.sql.Column withDefault(Entity entity, String name, org.apache.spark.sql.Column value,
                                                           org.apache.spark.sql.Column typed, IngestOptions options) {
        if (entity == DataContract.CUSTOMERS && name.equals("marketing_consent")) {
            return when(value.isNull(), lit(false)).otherwise(typed);
        }
        if (entity == DataContract.INTERACTIONS && name.equals("direction")) {
            return when(value.isNull(), lit("inbound")).otherwise(typed);
        }
        if (isCurrency(entity, name)) {
            return when(value.isNull(), lit(options.defaultCurrency()))
                    .when(value.rlike("^[A-Za-z]{3}$"), upper(value));
        }
        return typed;
    }

    private static boolean isCurrency(Entity entity, String name) {
        return entity == DataContract.ORDERS && name.equals("currency");
    }

    private static org.apache.spark.sql.Column outsideSurveyScale(org.apache.spark.sql.Column score) {
        org.apache.spark.sql.Column type = col(typedName("survey_type"));
        org.apache.spark.sql.Column outside = lit(false);
        for (Map.Entry<String, ScoreRange> scale : DataContract.SURVEY_SCORE_RANGES.entrySet()) {
            ScoreRange range = scale.getValue();
            outside = when(type.equalTo(lit(scale.getKey())),
                    score.lt(lit(range.min())).or(score.gt(lit(range.max())))).otherwise(outside);
        }
        return outside;
    }

    /** An open column of customer_attributes: double when the column is numeric, else the cleaned string. */
    private void addOpen(String name, DataType type) {
        sourceColumns.add(name);
        org.apache.spark.sql.Column value = col(cleanName(name));
        if (type.equals(DataTypes.DoubleType)) {
            fields.add(new Field(name, type, true, ValueParsers.number(value)));
            checks.add(new Check(UNREADABLE, Rule.BAD_NUMBER, name,
                    value.isNotNull().and(col(typedName(name)).isNull())));
            // A number that would have kept a new column text (a code with a leading zero, more digits than a
            // double holds) is refused here rather than altered: the column was made double by an earlier batch.
            checks.add(new Check(UNREADABLE, Rule.INEXACT_NUMBER, name,
                    col(typedName(name)).isNotNull().and(not(ValueParsers.heldByDouble(value)))));
        } else {
            fields.add(new Field(name, DataTypes.StringType, true, value));
        }
    }
}
