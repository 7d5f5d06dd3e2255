package io.crmanalytics.erasure;

import io.crmanalytics.core.Progress;
import io.crmanalytics.core.UserException;
import io.crmanalytics.job.Concurrently;
import io.crmanalytics.warehouse.FileWalk;
import io.crmanalytics.warehouse.RunLedger;
import io.crmanalytics.warehouse.SuppressionList;
import io.crmanalytics.warehouse.Warehouse;
import io.delta.tables.DeltaTable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * {@code crm forget}: erases customers from every table (bronze, quarantine, silver, gold, with a Delta DELETE of
 * the rows {@link ErasureTargets} finds) and from the files beside them (exports, outreach and other CSVs), adds
 * them to the {@link SuppressionList} first so a resent file cannot bring them back, and logs the erasure without
 * the ids in clear. Without {@code --now} the deleted rows stay in old table versions until VACUUM's retention
 * has passed (it runs at the end with that retention); with {@code --now} every table that held them is rewritten
 * with a fresh log ({@link TableRewriter}), so no old data file, commit or checkpoint keeps them. Safe to re-run:
 * every step finds what is left.
 */
public final class Erasure {
    /** What was done, without ids. */
    public record Result(int customers, int orders, Map<String, Long> rowsDeleted, List<String> rewritten,
                         int filesScrubbed, List<String> filesStillNaming, Set<String> hashes) {
    }

    private final Warehouse warehouse;
    private final Progress progress;

    public Erasure(Warehouse warehouse, Progress progress) {
        this.warehouse = warehouse;
        this.progress = progress;
    }

    public Result forget(Set<String> ids, boolean now, double retentionHours) {
        if (ids.isEmpty()) {
            throw new UserException("no customer id to forget: pass --customer-id ID or --file FILE");
        }
        TableRewriter rewriter = new TableRewriter(warehouse);
        rewriter.recoverLeftovers();
        ErasureTargets targets = ErasureTargets.resolve(warehouse, ids);
        // Suppressed first: if this command is killed half-way, ingest already keeps the customers out.
        Set<String> hashes = new SuppressionList(warehouse).add(ids);
        RunLedger ledger = warehouse.ledger();
        // Tables are independent, and on small ones most of the time is driver work (log reads, planning, commits),
        // so a few run at once (Concurrently) while another's tasks use the cores.
        List<Callable<Forgotten>> steps = new ArrayList<>();
        for (Warehouse.TableRef ref : warehouse.allTables()) {
            steps.add(() -> forgetIn(ref, targets, ledger, rewriter, now, retentionHours));
        }
        List<Forgotten> outcomes = Vacuum.withListingSized(warehouse.spark(),
                () -> Concurrently.run(warehouse.spark(), steps));
        Map<String, Long> deleted = new LinkedHashMap<>();
        Set<String> rewritten = new TreeSet<>();
        for (Forgotten outcome : outcomes) {
            if (outcome.rows() > 0) {
                deleted.put(outcome.table(), outcome.rows());
            }
            if (outcome.rewritten()) {
                rewritten.add(outcome.table());
            }
        }
        FileScrubber files = new FileScrubber(warehouse, targets);
        int scrubbed = files.scrub();
        ledger.commit("forget", null, rewritten);
        List<String> remaining = now ? files.remaining() : List.of();
        Result result = new Result(ids.size(), targets.orderCount(), deleted, new ArrayList<>(rewritten), scrubbed,
                remaining, hashes);
        new ErasureLog(warehouse).append(result, now, retentionHours);
        return result;
    }

    /** What {@code forget} did to one table: rows of the customers it held, and whether it was rewritten. */
    private record Forgotten(String table, long rows, boolean rewritten) {
    }

    /**
     * Erases the customers from one table: with {@code now}, rewrites it if it held them (or its log names them);
     * without, deletes them and vacuums with the retention.
     */
    private Forgotten forgetIn(Warehouse.TableRef ref, ErasureTargets targets, RunLedger ledger,
                               TableRewriter rewriter, boolean now, double retentionHours) {
        Progress.Stage stage = progress.start("forget in " + ref.qualifiedName());
        Erased erased = erase(ref, targets, ledger, now);
        long rows = erased.rows();
        String path = warehouse.path(ref.layer(), ref.name());
        boolean rewritten = false;
        if (now && (rows > 0 || logMentions(path, targets))) {
            boolean visible = ledger.visible(ref.layer(), ref.name());
            rewriter.rewrite(ref.layer(), ref.name(), rows > 0 ? erased.condition() : null);
            rewritten = true;
            if (visible) {
                ledger.wrote(ref.layer(), ref.name());
            }
        } else if (rows > 0) {
            vacuum(ref, retentionHours, ledger);
        }
        stage.done(rows);
        return new Forgotten(ref.qualifiedName(), rows, rewritten);
    }

    /** When an erasure made at {@code erasedAt} without {@code --now} can be completed: its retention has passed. */
    public static Instant dueAfter(Instant erasedAt, double retentionHours) {
        return erasedAt.plusMillis((long) Math.ceil(retentionHours * 3_600_000));
    }

    /**
     * The tables ({@code layer.table}) of erasures without {@code --now} not yet completed, each with when its purge
     * falls due (the latest, if several): their older versions still hold the erased rows, so no reader may travel
     * back to them ({@code crm sql} refuses it, see ReadOnlySql).
     */
    public static Map<String, Instant> tablesAwaitingPurge(Warehouse warehouse) {
        Map<String, Instant> tables = new TreeMap<>();
        for (ErasureLog.Pending pending : new ErasureLog(warehouse).pending()) {
            for (String table : pending.tables()) {
                tables.merge(table, pending.due(), (a, b) -> a.isAfter(b) ? a : b);
            }
        }
        return tables;
    }

    /** What {@code --complete-due} did: erasures completed, tables vacuumed, and when the next one falls due. */
    public record Completion(int completed, int tablesVacuumed, int notYetDue, Optional<Instant> nextDue) {
    }

    /**
     * Completes every erasure without {@code --now} whose retention has passed by {@code now}: VACUUM with its
     * retention removes the data files its DELETEs left in older table versions (until then time travel could read
     * the customers back), and a line in the erasure log records it. Erasures not yet due are left for a later call.
     */
    public Completion completeDue(Instant now) {
        ErasureLog log = new ErasureLog(warehouse);
        RunLedger ledger = warehouse.ledger();
        int completed = 0;
        int vacuumed = 0;
        List<Instant> later = new ArrayList<>();
        Map<String, Warehouse.TableRef> tablesByName = new LinkedHashMap<>();
        warehouse.allTables().forEach(t -> tablesByName.put(t.qualifiedName(), t));
        for (ErasureLog.Pending pending : log.pending()) {
            if (pending.due().isAfter(now)) {
                later.add(pending.due());
                continue;
            }
            List<String> tables = new ArrayList<>();
            for (String qualified : pending.tables()) {
                Warehouse.TableRef ref = tablesByName.get(qualified);
                if (ref == null) {
                    continue; // dropped since: nothing of it is left to vacuum
                }
                Progress.Stage stage = progress.start("vacuum " + qualified);
                Vacuum.withListingSized(warehouse.spark(), () -> {
                    vacuum(ref, pending.retentionHours(), ledger);
                    return null;
                });
                stage.done();
                tables.add(qualified);
            }
            ledger.commit("forget", null);
            log.appendCompletion(pending.erasedAt(), tables);
            completed++;
            vacuumed += tables.size();
        }
        return new Completion(completed, vacuumed, later.size(), later.stream().min(Instant::compareTo));
    }

    /**
     * VACUUM, which commits twice to the table's log (VACUUM START and END) without changing its rows: the ledger
     * records those versions as this command's, or the next writer would take the table for one a killed command
     * left ahead of the ledger and restore it.
     */
    private void vacuum(Warehouse.TableRef ref, double retentionHours, RunLedger ledger) {
        Vacuum.run(warehouse.spark(), warehouse.path(ref.layer(), ref.name()), retentionHours);
        if (ledger.visible(ref.layer(), ref.name())) {
            ledger.wrote(ref.layer(), ref.name());
        }
    }

    /** The customers' rows found in one table, and the condition that selects them (null: none can be named). */
    private record Erased(long rows, Column condition) {
    }

    /**
     * Deletes the customers' rows from one table, or with {@code rewriteFollows} only counts them: with
     * {@code --now} the table is rewritten without them, and a DELETE first would only add a commit (a scan and a
     * rewrite of the files that hold them) that the fresh log then discards. A visible table a killed command has
     * written past its committed version is first restored to that version, so that erasing does not also publish
     * a half-finished job.
     */
    private Erased erase(Warehouse.TableRef ref, ErasureTargets targets, RunLedger ledger, boolean rewriteFollows) {
        String path = warehouse.path(ref.layer(), ref.name());
        boolean visible = ledger.visible(ref.layer(), ref.name());
        if (visible) {
            ledger.discardUnfinished(ref.layer(), ref.name());
        }
        DeltaTable table = DeltaTable.forPath(warehouse.spark(), path);
        Dataset<Row> rows = warehouse.spark().read().format("delta").load(path);
        long count = 0;
        Column condition = targets.predicate(rows.schema()).orElse(null);
        if (condition != null) {
            count = rows.where(condition).count();
            if (count > 0 && !rewriteFollows) {
                table.delete(condition);
                if (visible) {
                    ledger.wrote(ref.layer(), ref.name());
                }
            }
        }
        return new Erased(count, condition);
    }

    private boolean logMentions(String tablePath, ErasureTargets targets) {
        try {
            org.apache.hadoop.fs.Path log = new org.apache.hadoop.fs.Path(tablePath, "_delta_log");
            var fs = warehouse.fileSystem(log);
            // The walk stops at the first file that names a target (FileWalk: no child process per file).
            return !FileWalk.files(fs, log, file -> {
                try (var in = fs.open(file.getPath())) {
                    return !targets.containedIn(in.readAllBytes());
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
