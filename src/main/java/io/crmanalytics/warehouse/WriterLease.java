package io.crmanalytics.warehouse;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.crmanalytics.core.UserException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.fs.FileAlreadyExistsException;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The one-writer lease, {@code <warehouse>/_lease}: every command that writes the warehouse holds it, so a second
 * writer ({@code crm run} started twice, an ingest during a job) is refused with one line naming the holder. The
 * file is created with create-new, which exactly one process wins; the holder refreshes its heartbeat every
 * {@link #HEARTBEAT}. A lease is stale, and taken over, when its holder ran on this host and that process is gone
 * (a {@code kill -9}), or when its heartbeat is older than {@link #EXPIRY} (a holder on another host that died),
 * or when the user passes {@code --take-over-lease}.
 */
public final class WriterLease implements AutoCloseable {
    public static final String FILE = "_lease";
    static final Duration HEARTBEAT = Duration.ofSeconds(20);
    static final Duration EXPIRY = Duration.ofMinutes(2);
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    /** Who holds the lease. */
    public record Holder(@JsonProperty("token") String token, @JsonProperty("host") String host,
                         @JsonProperty("pid") long pid, @JsonProperty("command") String command,
                         @JsonProperty("started_at") String startedAt,
                         @JsonProperty("heartbeat_at") String heartbeatAt) {
        Holder beat() {
            return new Holder(token, host, pid, command, startedAt, Instant.now().toString());
        }

        String describe() {
            return "pid " + pid + " on " + host + " (`crm " + command + "`, started " + startedAt
                    + ", last heartbeat " + heartbeatAt + ")";
        }
    }

    private final Warehouse warehouse;
    private final Path file;
    private volatile Holder holder;
    private final ScheduledExecutorService heartbeat;

    private WriterLease(Warehouse warehouse, Path file, Holder holder) {
        this.warehouse = warehouse;
        this.file = file;
        this.holder = holder;
        this.heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "crm-lease-heartbeat");
            thread.setDaemon(true);
            return thread;
        });
        heartbeat.scheduleAtFixedRate(this::beat, HEARTBEAT.toSeconds(), HEARTBEAT.toSeconds(), TimeUnit.SECONDS);
    }

    /**
     * Takes the lease for {@code command}, or fails with one line naming the holder. {@code takeOver} replaces a
     * lease whatever its state: for a holder the user knows to be gone.
     */
    public static WriterLease acquire(Warehouse warehouse, String command, boolean takeOver) {
        Path file = new Path(warehouse.root() + "/" + FILE);
        Holder mine = new Holder(UUID.randomUUID().toString(), hostName(), ProcessHandle.current().pid(), command,
                Instant.now().toString(), Instant.now().toString());
        try {
            FileSystem fs = warehouse.fileSystem(file);
            fs.mkdirs(file.getParent());
            if (create(fs, file, mine)) {
                return new WriterLease(warehouse, file, mine);
            }
            Optional<Holder> current = read(fs, file);
            if (current.isPresent() && !takeOver && !stale(current.get())) {
                throw refused(warehouse, current.get());
            }
            // Stale (or unreadable: a holder killed while creating it): replace it; create-new still decides a race.
            fs.delete(file, false);
            if (create(fs, file, mine)) {
                return new WriterLease(warehouse, file, mine);
            }
            throw refused(warehouse, read(fs, file).orElse(null));
        } catch (IOException e) {
            throw new UserException("cannot take the writer lease " + file + ": " + e.getMessage(), e);
        }
    }

    private static UserException refused(Warehouse warehouse, Holder holder) {
        return new UserException("warehouse " + warehouse.root() + " is being written by "
                + (holder == null ? "another process" : holder.describe())
                + ": wait for it to finish, or if that process is gone run again with --take-over-lease");
    }

    private static boolean stale(Holder holder) {
        if (holder.host().equals(hostName()) && ProcessHandle.of(holder.pid()).map(p -> !p.isAlive()).orElse(true)) {
            return true;
        }
        Instant heartbeat;
        try {
            heartbeat = Instant.parse(holder.heartbeatAt());
        } catch (RuntimeException e) {
            return true;
        }
        return heartbeat.plus(EXPIRY).isBefore(Instant.now());
    }

    /** Create-new: false when the file exists. Local files use O_EXCL; Hadoop file systems their create-new. */
    private static boolean create(FileSystem fs, Path file, Holder holder) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(holder);
        if ("file".equals(file.toUri().getScheme())) {
            try (OutputStream out = java.nio.file.Files.newOutputStream(java.nio.file.Paths.get(file.toUri()),
                    java.nio.file.StandardOpenOption.CREATE_NEW, java.nio.file.StandardOpenOption.WRITE)) {
                out.write(bytes);
                return true;
            } catch (java.nio.file.FileAlreadyExistsException e) {
                return false;
            }
        }
        try (OutputStream out = fs.create(file, false)) {
            out.write(bytes);
            return true;
        } catch (FileAlreadyExistsException e) {
            return false;
        }
    }

    static Optional<Holder> read(FileSystem fs, Path file) {
        try (InputStream in = fs.open(file)) {
            return Optional.of(JSON.readValue(in, Holder.class));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The current holder of a warehouse's lease, if any (for messages and tests). */
    public static Optional<Holder> holder(Warehouse warehouse) {
        Path file = new Path(warehouse.root() + "/" + FILE);
        try {
            FileSystem fs = warehouse.fileSystem(file);
            return fs.exists(file) ? read(fs, file) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Rewrites the heartbeat, through a hidden file and a rename, while the lease is still ours. */
    private void beat() {
        try {
            FileSystem fs = warehouse.fileSystem(file);
            Optional<Holder> current = read(fs, file);
            if (current.isEmpty() || !current.get().token().equals(holder.token())) {
                return; // taken over by a user's --take-over-lease: nothing of ours to refresh
            }
            holder = holder.beat();
            Path hidden = new Path(file.getParent(), "." + FILE + "-" + UUID.randomUUID());
            try (OutputStream out = fs.create(hidden, false)) {
                out.write(JSON.writeValueAsBytes(holder));
            }
            if ("file".equals(file.toUri().getScheme())) {
                java.nio.file.Files.move(java.nio.file.Paths.get(hidden.toUri()), java.nio.file.Paths.get(file.toUri()),
                        java.nio.file.StandardCopyOption.ATOMIC_MOVE, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                fs.delete(new Path(hidden.getParent(), "." + hidden.getName() + ".crc"), false);
            } else {
                fs.delete(file, false);
                fs.rename(hidden, file);
            }
        } catch (IOException | RuntimeException e) {
            // A missed heartbeat only brings expiry nearer; the next one retries.
        }
    }

    /** Releases the lease if it is still ours. */
    @Override
    public void close() {
        heartbeat.shutdownNow();
        try {
            FileSystem fs = warehouse.fileSystem(file);
            Optional<Holder> current = read(fs, file);
            if (current.isPresent() && current.get().token().equals(holder.token())) {
                fs.delete(file, false);
            }
        } catch (IOException e) {
            // Left behind, it is stale once this process has exited: the next writer takes it over.
        }
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown-host";
        }
    }
}
