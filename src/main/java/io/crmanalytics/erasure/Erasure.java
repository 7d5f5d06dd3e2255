package io.crmanalytics.erasure;

import io.crmanalytics.core.Progress;
import io.crmanalytics.core.UserException;
import io.crmanalytics.warehouse.RunLedger;
import io.crmanalytics.warehouse.SuppressionList;
import io.crmanalytics.warehouse.Warehouse;
import io.delta.tables.DeltaTable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
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
        Map<String, Long> deleted = new LinkedHashMap<>();
        Set<String> rewritten = new TreeSet<>();
        for (Warehouse.TableRef ref : warehouse.allTables()) {
            Progress.Stage stage = progress.start("forget in " + ref.qualifiedName());
            Erased erased = erase(ref, targets, ledger, now);
            long rows = erased.rows();
            if (rows > 0) {
                deleted.put(ref.qualifiedName(), rows);
            }
            String path = warehouse.path(ref.layer(), ref.name());
            if (now && (rows > 0 || logMentions(path, targets))) {
                boolean visible = ledger.visible(ref.layer(), ref.name());
                rewriter.rewrite(ref.layer(), ref.name(), erased.rows() > 0 ? erased.condition() : null);
                rewritten.add(ref.qualifiedName());
                if (visible) {
                    ledger.wrote(ref.layer(), ref.name());
                }
            } else if (rows > 0) {
                Vacuum.run(warehouse.spark(), path, retentionHours);
            }
            stage.done(rows);
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
            var files = fs.listFiles(log, true);
            while (files.hasNext()) {
                try (var in = fs.open(files.next().getPath())) {
                    if (targets.containedIn(in.readAllBytes())) {
                        return true;
                    }
                }
            }
            return false;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
