package io.crmanalytics.sample;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One partition's part files (one per output table, no header): rows are streamed straight to disk so memory
 * stays flat however many customers a partition holds. Clean rows pass the current fault injector, which may
 * add broken rows after them.
 */
final class PartitionOutput implements Closeable {
    private final Writer[] writers = new Writer[OutputTable.values().length];
    private final Tally tally;
    private FaultInjector faults;

    PartitionOutput(Path partsDir, String partition, Tally tally) {
        this.tally = tally;
        try {
            for (OutputTable table : OutputTable.values()) {
                writers[table.ordinal()] = new BufferedWriter(new OutputStreamWriter(
                        Files.newOutputStream(partFile(partsDir, table, partition)), StandardCharsets.UTF_8),
                        1 << 16);
            }
        } catch (IOException e) {
            close();
            throw new UncheckedIOException(e);
        }
    }

    static Path partFile(Path partsDir, OutputTable table, String partition) {
        return partsDir.resolve(table.baseName() + ".part-" + partition + ".csv");
    }

    Tally tally() {
        return tally;
    }

    /** The injector for the rows that follow (one per customer, so faults do not depend on partitioning). */
    void useFaults(FaultInjector injector) {
        this.faults = injector;
    }

    /** Writes a clean row, then gives the fault injector its chance to add a broken one. */
    void emit(OutputTable table, String[] row) {
        write(table, row);
        tally.cleanRows[table.ordinal()]++;
        if (faults != null && table.entity() != null) {
            faults.afterCleanRow(table, row, this);
        }
    }

    void emitInjected(OutputTable table, String[] row, String rule) {
        write(table, row);
        tally.dirty(table.baseName(), rule);
    }

    private void write(OutputTable table, String[] row) {
        try {
            Csv.writeLine(writers[table.ordinal()], row);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        IOException failure = null;
        for (Writer writer : writers) {
            if (writer == null) {
                continue;
            }
            try {
                writer.close();
            } catch (IOException e) {
                failure = e;
            }
        }
        if (failure != null) {
            throw new UncheckedIOException(failure);
        }
    }
}
