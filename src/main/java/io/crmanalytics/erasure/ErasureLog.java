package io.crmanalytics.erasure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.crmanalytics.core.OsUser;
import io.crmanalytics.core.UserException;
import io.crmanalytics.warehouse.Warehouse;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * {@code <warehouse>/audit/erasures.log}: one JSON line per {@code crm forget} with when, by whom (the OS account),
 * how many customers (as their salted hashes, never the ids), and what was deleted and rewritten; and, for an
 * erasure without {@code --now}, a later line when {@code crm forget --complete-due} has vacuumed its tables.
 */
final class ErasureLog {
    static final String FILE = "erasures.log";
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Warehouse warehouse;

    ErasureLog(Warehouse warehouse) {
        this.warehouse = warehouse;
    }

    void append(Erasure.Result result, boolean now, double retentionHours) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("at", Instant.now().toString());
        putUser(line);
        line.put("customers", result.customers());
        line.put("customer_hashes", result.hashes());
        line.put("orders", result.orders());
        line.put("purged_now", now);
        line.put("retention_hours", now ? 0 : retentionHours);
        line.put("rows_deleted", result.rowsDeleted());
        line.put("tables_rewritten", result.rewritten());
        line.put("files_scrubbed", result.filesScrubbed());
        line.put("files_still_naming", result.filesStillNaming().size());
        write(line);
    }

    /** Records that the purge of the erasure logged at {@code erasedAt} is done: its tables were vacuumed. */
    void appendCompletion(Instant erasedAt, List<String> tablesVacuumed) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("at", Instant.now().toString());
        putUser(line);
        line.put("completes", erasedAt.toString());
        line.put("tables_vacuumed", tablesVacuumed);
        write(line);
    }

    /** An erasure without {@code --now} whose purge has not been completed yet. */
    record Pending(Instant erasedAt, double retentionHours, List<String> tables) {
        /** When VACUUM with the erasure's retention removes the files its DELETEs left behind. */
        Instant due() {
            return Erasure.dueAfter(erasedAt, retentionHours);
        }
    }

    /** The erasures without {@code --now} that no later line completes, oldest first. */
    List<Pending> pending() {
        Map<Instant, Pending> open = new LinkedHashMap<>();
        for (JsonNode line : lines()) {
            if (line.has("completes")) {
                open.remove(Instant.parse(line.get("completes").asText()));
            } else if (line.has("purged_now") && !line.get("purged_now").asBoolean()) {
                List<String> tables = new ArrayList<>();
                line.path("rows_deleted").fieldNames().forEachRemaining(tables::add);
                Instant at = Instant.parse(line.get("at").asText());
                open.put(at, new Pending(at, line.get("retention_hours").asDouble(), tables));
            }
        }
        return new ArrayList<>(open.values());
    }

    private List<JsonNode> lines() {
        Path file = file();
        try {
            FileSystem fs = warehouse.fileSystem(file);
            if (!fs.exists(file)) {
                return List.of();
            }
            String text;
            try (var in = fs.open(file)) {
                text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            List<JsonNode> lines = new ArrayList<>();
            for (String line : text.split("\n")) {
                if (!line.isBlank()) {
                    lines.add(JSON.readTree(line));
                }
            }
            return lines;
        } catch (IOException e) {
            throw new UserException("cannot read the erasure log " + file + ": " + e.getMessage(), e);
        }
    }

    private static void putUser(Map<String, Object> line) {
        // The OS account, not the user.name property that -Duser.name= in CRM_JAVA_OPTS sets to anything.
        OsUser user = OsUser.current();
        line.put("user", user.name());
        line.put("uid", user.uid());
    }

    private Path file() {
        return new Path(warehouse.folder("audit"), FILE);
    }

    private void write(Map<String, Object> line) {
        Path file = file();
        try {
            FileSystem fs = warehouse.fileSystem(file);
            fs.mkdirs(file.getParent());
            byte[] bytes = (JSON.writeValueAsString(line) + "\n").getBytes(StandardCharsets.UTF_8);
            // Hadoop's local file system cannot append to a checksummed file: rewrite it whole.
            byte[] previous = new byte[0];
            if (fs.exists(file)) {
                try (var in = fs.open(file)) {
                    previous = in.readAllBytes();
                }
            }
            try (OutputStream out = fs.create(file, true)) {
                out.write(previous);
                out.write(bytes);
            }
        } catch (IOException e) {
            throw new UserException("cannot write the erasure log " + file + ": " + e.getMessage(), e);
        }
    }
}
