package io.crmanalytics.rootcause;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.TaskContext;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.util.ArrayData;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * Encodes one partition of analysis units into a {@link UnitBlock} in a single scan, reading Spark's internal rows
 * so that no string is decoded: each new {@code dimension=value} gets the next partition-local code. The driver
 * then merges the partitions' terms into one {@link TermDictionary} and translates each block's local codes.
 */
final class BlockEncoder implements Serializable {
    /** A block with partition-local codes and the terms they stand for. */
    record LocalBlock(int partition, UnitBlock block, int[] termDimension, String[] termValue)
            implements Serializable {
    }

    private final int[] dimensionColumns;
    private final boolean[] arrayColumn;
    private final int reasonsColumn;
    private final int windowColumn;
    private final String[] reasonNames;

    /**
     * @param dimensionColumns per dimension, its column index (a string, or an array of strings for category)
     * @param reasonsColumn    index of the array of the shipment's complaint reasons (null or empty: none)
     * @param windowColumn     index of the trend window (int: 0 none, 1 baseline, 2 recent), or -1 when none
     * @param reasonNames      the run's reasons, {@code all} first
     */
    BlockEncoder(int[] dimensionColumns, boolean[] arrayColumn, int reasonsColumn, int windowColumn,
                 String[] reasonNames) {
        this.dimensionColumns = dimensionColumns;
        this.arrayColumn = arrayColumn;
        this.reasonsColumn = reasonsColumn;
        this.windowColumn = windowColumn;
        this.reasonNames = reasonNames;
    }

    LocalBlock encode(Iterator<InternalRow> rows) {
        List<Map<UTF8String, Integer>> codesByDimension = new ArrayList<>();
        for (int d = 0; d < dimensionColumns.length; d++) {
            codesByDimension.add(new HashMap<>());
        }
        Map<UTF8String, Integer> reasonBits = new HashMap<>();
        for (int r = 1; r < reasonNames.length; r++) {
            reasonBits.put(UTF8String.fromString(reasonNames[r]), r);
        }
        List<Integer> termDimension = new ArrayList<>();
        List<String> termValue = new ArrayList<>();
        UnitBlock.Builder block = new UnitBlock.Builder();
        while (rows.hasNext()) {
            InternalRow row = rows.next();
            block.start(reasonMask(row, reasonBits), windowColumn < 0 || row.isNullAt(windowColumn)
                    ? UnitBlock.NO_WINDOW : (byte) row.getInt(windowColumn));
            for (int d = 0; d < dimensionColumns.length; d++) {
                int column = dimensionColumns[d];
                if (row.isNullAt(column)) {
                    continue;
                }
                if (arrayColumn[d]) {
                    ArrayData values = row.getArray(column);
                    for (int k = 0; k < values.numElements(); k++) {
                        if (!values.isNullAt(k)) {
                            block.code(code(d, values.getUTF8String(k), codesByDimension, termDimension, termValue));
                        }
                    }
                } else {
                    block.code(code(d, row.getUTF8String(column), codesByDimension, termDimension, termValue));
                }
            }
        }
        return new LocalBlock(TaskContext.getPartitionId(), block.build(),
                termDimension.stream().mapToInt(Integer::intValue).toArray(), termValue.toArray(String[]::new));
    }

    private static int code(int dimension, UTF8String value, List<Map<UTF8String, Integer>> codesByDimension,
                            List<Integer> termDimension, List<String> termValue) {
        Map<UTF8String, Integer> codes = codesByDimension.get(dimension);
        Integer code = codes.get(value);
        if (code == null) {
            // The row's bytes are reused for the next row: keep a copy as the key.
            code = termDimension.size();
            codes.put(value.clone(), code);
            termDimension.add(dimension);
            termValue.add(value.toString());
        }
        return code;
    }

    private long reasonMask(InternalRow row, Map<UTF8String, Integer> reasonBits) {
        if (row.isNullAt(reasonsColumn)) {
            return 0;
        }
        ArrayData reasons = row.getArray(reasonsColumn);
        long mask = reasons.numElements() > 0 ? 1 : 0;
        for (int k = 0; k < reasons.numElements(); k++) {
            Integer bit = reasons.isNullAt(k) ? null : reasonBits.get(reasons.getUTF8String(k));
            if (bit != null) {
                mask |= 1L << bit;
            }
        }
        return mask;
    }
}
