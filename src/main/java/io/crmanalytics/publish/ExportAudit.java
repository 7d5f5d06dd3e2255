package io.crmanalytics.publish;

import io.crmanalytics.core.OsUser;
import io.crmanalytics.core.UserException;
import io.crmanalytics.job.JobContext;
import io.crmanalytics.warehouse.AtomicFile;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The audit trail of personal data leaving the warehouse: {@code <warehouse>/audit/exports.log}, one
 * tab-separated line per segment export and per unmasked {@code crm sql} query, appended (and synced to disk)
 * before the exported data becomes visible. Each line ends with {@code prev=<SHA-256 of the previous line>}
 * ({@link #GENESIS} on the first), so editing or deleting a line breaks the chain at the line after it, which
 * {@link #verify} names. Not protected: rewriting the whole chain, or cutting lines off its end, by someone who
 * can write the file; keeping the head hash ({@code crm audit verify} prints it) somewhere else detects the
 * latter. See docs/security.md.
 */
public final class ExportAudit {
    public static final String LOG = "exports.log";
    /** The {@code prev} of the first line. */
    public static final String GENESIS = "0".repeat(64);
    private static final String PREV = "prev=";
    /** Longer lines are refused when appending, so the tail read below always finds the previous line. */
    private static final int MAX_LINE = 16 * 1024;

    private ExportAudit() {
    }

    public static String path(JobContext ctx) {
        return ctx.warehouse().folder("audit") + "/" + LOG;
    }

    /** Records a file of personal data about to be written. */
    public static void recordExport(JobContext ctx, String segment, long rows, List<String> columns, String out) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("action", "export");
        fields.put("segment", segment);
        fields.put("rows", Long.toString(rows));
        fields.put("columns", String.join(",", columns));
        fields.put("run_date", ctx.runDate().toString());
        fields.put("out", out);
        append(ctx, fields);
    }

    /** Records a {@code crm sql --unmask-pii} query about to be run: the tables it reads and its hash, not its text. */
    public static void recordUnmasking(JobContext ctx, List<String> tables, String query) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("action", "unmask_pii");
        fields.put("tables", String.join(",", tables));
        fields.put("query_sha256", sha256(query));
        append(ctx, fields);
    }

    /** The line without its {@code prev} field: time, OS user, then the fields; tabs and line breaks escaped. */
    static String body(Instant time, OsUser user, Map<String, String> fields) {
        StringBuilder line = new StringBuilder(time.truncatedTo(ChronoUnit.SECONDS).toString());
        line.append("\tuser=").append(clean(user.name())).append("\tuid=").append(clean(user.uid()));
        fields.forEach((key, value) -> line.append('\t').append(key).append('=').append(clean(value)));
        return line.toString();
    }

    private static String clean(String value) {
        return value.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r");
    }

    private static synchronized void append(JobContext ctx, Map<String, String> fields) {
        String body = body(Instant.now(), OsUser.current(), fields);
        String log = path(ctx);
        try {
            URI uri = new Path(log).toUri();
            if ("file".equals(uri.getScheme())) {
                appendLocal(java.nio.file.Path.of(uri), body);
            } else {
                appendHadoop(ctx.spark().sparkContext().hadoopConfiguration(), log, body);
            }
        } catch (IOException | RuntimeException e) {
            throw new UserException("cannot write the export audit log " + log + " (nothing exported): "
                    + e.getMessage(), e);
        }
    }

    /**
     * Under an exclusive lock, so two exports at once still form one chain; forced to disk before returning,
     * so the line survives a crash that the exported file survives.
     */
    private static void appendLocal(java.nio.file.Path log, String body) throws IOException {
        java.nio.file.Files.createDirectories(log.getParent());
        try (FileChannel channel = FileChannel.open(log, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE); FileLock ignored = channel.lock()) {
            String previous = lastLine(channel);
            String line = body + "\t" + PREV + (previous == null ? GENESIS : sha256(previous)) + "\n";
            if (line.length() > MAX_LINE) {
                throw new IOException("audit line longer than " + MAX_LINE + " characters");
            }
            channel.write(ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8)), channel.size());
            channel.force(true);
        }
    }

    /** The last complete line, or null for an empty log; a log not ending in a line break is refused. */
    private static String lastLine(FileChannel channel) throws IOException {
        long size = channel.size();
        if (size == 0) {
            return null;
        }
        int window = (int) Math.min(size, 2L * MAX_LINE);
        ByteBuffer tail = ByteBuffer.allocate(window);
        channel.read(tail, size - window);
        String text = new String(tail.array(), StandardCharsets.UTF_8);
        if (!text.endsWith("\n")) {
            throw new IOException("its last line is incomplete; run `crm audit verify`");
        }
        int start = text.lastIndexOf('\n', text.length() - 2) + 1;
        if (start == 0 && window < size) {
            throw new IOException("its last line is longer than " + MAX_LINE + " characters");
        }
        return text.substring(start, text.length() - 1);
    }

    /**
     * Hadoop file systems: appended where the file system can append, otherwise the log is rewritten whole (object
     * stores) with an atomic replace. There is no lock here: two exports at the same moment can fork the chain.
     */
    private static void appendHadoop(Configuration conf, String log, String body) throws IOException {
        Path path = new Path(log);
        FileSystem fs = path.getFileSystem(conf);
        byte[] existing = new byte[0];
        if (fs.exists(path)) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (InputStream in = fs.open(path)) {
                in.transferTo(bytes);
            }
            existing = bytes.toByteArray();
        }
        List<String> lines = lines(new String(existing, StandardCharsets.UTF_8));
        String line = body + "\t" + PREV + (lines.isEmpty() ? GENESIS : sha256(lines.get(lines.size() - 1))) + "\n";
        byte[] added = line.getBytes(StandardCharsets.UTF_8);
        if (existing.length > 0) {
            try (OutputStream out = fs.append(path)) {
                out.write(added);
                return;
            } catch (UnsupportedOperationException | IOException appendNotSupported) {
                // rewritten below
            }
        }
        byte[] whole = java.util.Arrays.copyOf(existing, existing.length + added.length);
        System.arraycopy(added, 0, whole, existing.length, added.length);
        AtomicFile.write(conf, log, whole);
    }

    private static List<String> lines(String text) {
        if (text.isEmpty()) {
            return List.of();
        }
        List<String> parts = List.of(text.split("\n", -1));
        return text.endsWith("\n") ? parts.subList(0, parts.size() - 1) : parts;
    }

    /** The outcome of {@link #verify}: lines checked, the head line's hash, and the first broken line if any. */
    public record Verification(int lines, String headHash, int brokenLine, String problem) {
        public boolean intact() {
            return brokenLine == 0;
        }
    }

    /**
     * Checks every line's {@code prev} against the hash of the line before it (the first against
     * {@link #GENESIS}) and, when {@code expectedHead} is given, that a line with that hash is still there.
     */
    public static Verification verify(JobContext ctx, String expectedHead) {
        String log = path(ctx);
        Path path = new Path(log);
        String text;
        try {
            FileSystem fs = path.getFileSystem(ctx.spark().sparkContext().hadoopConfiguration());
            if (!fs.exists(path)) {
                throw new UserException("no export audit log at " + log + ": nothing has been exported yet");
            }
            try (InputStream in = fs.open(path)) {
                text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UserException("cannot read the export audit log " + log + ": " + e.getMessage(), e);
        }
        return verifyText(text, expectedHead);
    }

    static Verification verifyText(String text, String expectedHead) {
        List<String> lines = lines(text);
        String previousHash = GENESIS;
        boolean headSeen = expectedHead == null;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            int at = line.lastIndexOf("\t" + PREV);
            if (at < 0) {
                return new Verification(lines.size(), previousHash, i + 1, "it has no prev= field");
            }
            String prev = line.substring(at + 1 + PREV.length());
            if (!prev.equals(previousHash)) {
                return new Verification(lines.size(), previousHash, i + 1, i == 0
                        ? "it does not start the chain (lines before it were deleted, or it was edited)"
                        : "it does not carry the hash of line " + i + " (line " + i + " was edited, or lines "
                                + "between them were deleted)");
            }
            previousHash = sha256(line);
            headSeen |= previousHash.equalsIgnoreCase(expectedHead);
        }
        if (!text.isEmpty() && !text.endsWith("\n")) {
            return new Verification(lines.size(), previousHash, lines.size(), "it is incomplete (no line break)");
        }
        if (!headSeen) {
            return new Verification(lines.size(), previousHash, lines.size() + 1, "the recorded head " + expectedHead
                    + " is not in the log (lines at or before the end were deleted or edited)");
        }
        return new Verification(lines.size(), previousHash, 0, null);
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
