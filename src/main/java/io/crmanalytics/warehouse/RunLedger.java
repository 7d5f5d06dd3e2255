package io.crmanalytics.warehouse;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.crmanalytics.core.UserException;
import io.delta.tables.DeltaTable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The warehouse's run ledger, {@code <warehouse>/_ledger/<sequence>.json}: after each writing command has
 * written all its tables, it commits one entry, last, naming the Delta version of every table as that command
 * left it. Two guarantees follow.
 * <ul>
 *   <li>Job atomicity: readers see each table (bronze, silver and quarantine as well as gold) at the version the
 *       newest entry names, so the tables a command wrote become visible together when its entry is committed; a
 *       command killed between two table writes leaves readers on the previous complete run, and a table no entry
 *       names (created by a command that never finished) is not visible at all.</li>
 *   <li>Never backwards: a table whose Delta log ends below the version the ledger recorded (a commit file
 *       deleted, a folder restored from an older copy) is refused with one line naming it.</li>
 * </ul>
 * An entry is written to a hidden file and renamed into place, so a reader sees a whole entry or none. Only the
 * holder of the {@link WriterLease} commits, so sequence numbers cannot collide. Versions a job wrote but has not
 * committed are kept per warehouse in this process ("pending"), so the job itself (and the next job of the same
 * {@code crm run}) reads what it just wrote.
 */
public final class RunLedger {
    public static final String FOLDER = "_ledger";
    /** Entries kept; older ones are deleted after a commit (only the newest one is ever read). */
    private static final int KEEP = 20;
    private static final Pattern ENTRY = Pattern.compile("\\d{12}\\.json");
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    /** Warehouse root -> qualified table name -> version written by this process, not yet committed. */
    private static final Map<String, Map<String, Long>> PENDING = new ConcurrentHashMap<>();

    /** One committed entry: who committed it, and every table's version ({@code silver.orders -> 7}). */
    public record Entry(@JsonProperty("sequence") long sequence, @JsonProperty("job") String job,
                        @JsonProperty("run_date") String runDate, @JsonProperty("committed_at") String committedAt,
                        @JsonProperty("tables") Map<String, Long> tables) {
    }

    private final Warehouse warehouse;

    RunLedger(Warehouse warehouse) {
        this.warehouse = warehouse;
    }

    /** The newest committed entry; empty for a warehouse written before the ledger existed (or never). */
    public Optional<Entry> latest() {
        Path folder = new Path(warehouse.folder(FOLDER));
        try {
            FileSystem fs = warehouse.fileSystem(folder);
            if (!fs.exists(folder)) {
                return Optional.empty();
            }
            Optional<FileStatus> newest = Arrays.stream(fs.listStatus(folder))
                    .filter(s -> ENTRY.matcher(s.getPath().getName()).matches())
                    .max(Comparator.comparing(s -> s.getPath().getName()));
            if (newest.isEmpty()) {
                return Optional.empty();
            }
            try (InputStream in = fs.open(newest.get().getPath())) {
                return Optional.of(JSON.readValue(in, Entry.class));
            }
        } catch (IOException e) {
            throw new UserException("cannot read the run ledger " + folder + ": " + e.getMessage(), e);
        }
    }

    /** Records that this process wrote {@code version} of a table; visible to others once committed. */
    public void written(Layer layer, String table, long version) {
        PENDING.computeIfAbsent(warehouse.root(), r -> new ConcurrentHashMap<>())
                .put(Warehouse.qualifiedName(layer, table), version);
    }

    /** Records that this process has just written a table (its newest version is this process's). */
    public void wrote(Layer layer, String table) {
        written(layer, table, warehouse.logVersion(layer, table));
    }

    /** This process's uncommitted writes, to {@link #abandonSince} if the job about to start fails. */
    public Map<String, Long> pending() {
        return Map.copyOf(PENDING.getOrDefault(warehouse.root(), Map.of()));
    }

    /** Forgets the writes a failed job made after {@code before}: readers stay on the last committed run. */
    public void abandonSince(Map<String, Long> before) {
        PENDING.put(warehouse.root(), new ConcurrentHashMap<>(before));
    }

    /**
     * Commits an entry: every table at its committed version unless this process wrote a newer one. Called last,
     * after all of a command's tables are written.
     */
    public Entry commit(String job, LocalDate runDate) {
        return commit(job, runDate, Set.of());
    }

    /**
     * As {@link #commit(String, LocalDate)}, where the tables in {@code rewritten} were deliberately rewritten
     * from scratch (a fresh log starting again at version 0, by {@code crm forget --now}): their lower version is
     * not a log that went backwards.
     */
    public Entry commit(String job, LocalDate runDate, Set<String> rewritten) {
        Optional<Entry> previous = latest();
        Map<String, Long> pending = PENDING.getOrDefault(warehouse.root(), Map.of());
        Map<String, Long> tables = new TreeMap<>();
        for (Warehouse.TableRef ref : warehouse.allTables()) {
            String name = ref.qualifiedName();
            long current = warehouse.logVersion(ref.layer(), ref.name());
            Long recorded = previous.map(e -> e.tables().get(name)).orElse(null);
            if (recorded != null && current < recorded && !rewritten.contains(name)) {
                throw wentBackwards(name, current, recorded);
            }
            if (previous.isEmpty()) {
                tables.put(name, current); // a warehouse from before the ledger: its current state is the truth
            } else if (pending.containsKey(name)) {
                tables.put(name, pending.get(name));
            } else if (recorded != null) {
                tables.put(name, recorded);
            }
        }
        long sequence = previous.map(Entry::sequence).orElse(0L) + 1;
        Entry entry = new Entry(sequence, job, runDate == null ? null : runDate.toString(),
                Instant.now().toString(), tables);
        write(entry);
        PENDING.remove(warehouse.root());
        return entry;
    }

    /**
     * The version readers should read of a table, after checking that its log has not gone backwards: empty means
     * "the current version", and for a table that no entry names, {@link #visible} is false.
     */
    public OptionalLong readVersion(Layer layer, String table) {
        String name = Warehouse.qualifiedName(layer, table);
        long current = warehouse.logVersion(layer, table);
        Optional<Entry> entry = latest();
        Long recorded = entry.map(e -> e.tables().get(name)).orElse(null);
        if (recorded != null && current < recorded) {
            throw wentBackwards(name, current, recorded);
        }
        Long mine = PENDING.getOrDefault(warehouse.root(), Map.of()).get(name);
        if (mine != null) {
            return mine >= current ? OptionalLong.empty() : OptionalLong.of(mine);
        }
        if (recorded == null || recorded >= current) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(recorded);
    }

    /**
     * Called by a command before it writes a table. Versions past the ledger's that this process did not write
     * were left by a command that never finished (killed, or failed before its entry): readers never saw them, and
     * writing on top of them would keep them (a killed ingest's bronze rows, say, would stay beside the re-run's).
     * The table is restored to its committed version first, so a re-run leaves it as an undisturbed run would.
     * Returns the version the table was at when it was restored, or empty when there was nothing to discard.
     */
    public OptionalLong discardUnfinished(Layer layer, String table) {
        if (!warehouse.isDeltaTable(warehouse.path(layer, table))) {
            return OptionalLong.empty();
        }
        long current = warehouse.logVersion(layer, table);
        // Opening the Delta table reads its log: only done when there is something to discard (it rarely is).
        if (!visible(layer, table)) {
            // Created by a command that never finished: no committed version to go back to, so it is emptied (and
            // becomes this process's, which the writes that follow fill).
            DeltaTable.forPath(warehouse.spark(), warehouse.path(layer, table)).delete();
            wrote(layer, table);
            return OptionalLong.of(current);
        }
        OptionalLong committed = readVersion(layer, table);
        // Only a table ahead of the ledger: a RESTORE to the version it is at would still be a new commit.
        if (committed.isEmpty() || current <= committed.getAsLong()) {
            return OptionalLong.empty();
        }
        DeltaTable.forPath(warehouse.spark(), warehouse.path(layer, table)).restoreToVersion(committed.getAsLong());
        wrote(layer, table);
        return OptionalLong.of(current);
    }

    /** Whether readers may see the table: one that a committed entry names or this process wrote. */
    public boolean visible(Layer layer, String table) {
        String name = Warehouse.qualifiedName(layer, table);
        if (PENDING.getOrDefault(warehouse.root(), Map.of()).containsKey(name)) {
            return true;
        }
        Optional<Entry> entry = latest();
        return entry.isEmpty() || entry.get().tables().containsKey(name);
    }

    private UserException wentBackwards(String name, long current, long recorded) {
        return new UserException(name + " went backwards: its Delta log ends at version " + current
                + " but the run ledger recorded version " + recorded + " (a commit was deleted or the folder restored"
                + " from an older copy); refusing to read it: restore " + name.replace('.', '/')
                + "/_delta_log under " + warehouse.root() + " (see docs/security.md, Job atomicity)");
    }

    private void write(Entry entry) {
        Path folder = new Path(warehouse.folder(FOLDER));
        Path target = new Path(folder, String.format("%012d.json", entry.sequence()));
        Path hidden = new Path(folder, "." + UUID.randomUUID() + ".tmp");
        try {
            FileSystem fs = warehouse.fileSystem(folder);
            fs.mkdirs(folder);
            try (OutputStream out = fs.create(hidden, false)) {
                JSON.writerWithDefaultPrettyPrinter().writeValue(out, entry);
            }
            if (fs.exists(target) || !fs.rename(hidden, target)) {
                fs.delete(hidden, false);
                throw new UserException("cannot commit run ledger entry " + target
                        + ": it exists already (was a second writer running without the lease?)");
            }
            for (FileStatus old : fs.listStatus(folder)) {
                String n = old.getPath().getName();
                if (ENTRY.matcher(n).matches() && Long.parseLong(n.substring(0, 12)) <= entry.sequence() - KEEP) {
                    fs.delete(old.getPath(), false);
                }
            }
        } catch (IOException e) {
            throw new UserException("cannot commit the run ledger under " + folder + ": " + e.getMessage(), e);
        }
    }
}
