package io.crmanalytics.contract;

import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;

/** The contract's column types and the Spark type each becomes in silver. */
public enum ColumnType {
    STRING(DataTypes.StringType),
    INT(DataTypes.IntegerType),
    /** Money and prices: exact decimal in storage, 4 places so no input precision is lost. */
    DECIMAL(DataTypes.createDecimalType(18, 4)),
    BOOLEAN(DataTypes.BooleanType),
    DATE(DataTypes.DateType),
    /** An instant; offset-less input is read in the configured time zone. */
    TIMESTAMP(DataTypes.TimestampType);

    private final DataType sparkType;

    ColumnType(DataType sparkType) {
        this.sparkType = sparkType;
    }

    public DataType sparkType() {
        return sparkType;
    }
}
