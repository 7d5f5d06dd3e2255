package io.crmanalytics.erasure;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.crmanalytics.core.OsUser;
import io.crmanalytics.core.UserException;
import io.crmanalytics.warehouse.Warehouse;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * {@code <warehouse>/audit/erasures.log}: one JSON line per {@code crm forget} with when, by whom (the OS account),
 * how many customers (as their salted hashes, never the ids), and what was deleted and rewritten.
 */
final class ErasureLog {
    static final String FILE = "erasures.log";
    private final Warehouse warehouse;

    ErasureLog(Warehouse warehouse) {
        this.warehouse = warehouse;
    }

    void append(Erasure.Result result, boolean now, double retentionHours) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("at", Instant.now().toString());
        // The OS account, not the user.name property that -Duser.name= in CRM_JAVA_OPTS sets to anything.
        OsUser user = OsUser.current();
        line.put("user", user.name());
        line.put("uid", user.uid());
        line.put("customers", result.customers());
        line.put("customer_hashes", result.hashes());
        line.put("orders", result.orders());
        line.put("purged_now", now);
        line.put("retention_hours", now ? 0 : retentionHours);
        line.put("rows_deleted", result.rowsDeleted());
        line.put("tables_rewritten", result.rewritten());
        line.put("files_scrubbed", result.filesScrubbed());
        line.put("files_still_naming", result.filesStillNaming().size());
        Path file = new Path(warehouse.folder("audit"), FILE);
        try {
            FileSystem fs = warehouse.fileSystem(file);
            fs.mkdirs(file.getParent());
            byte[] bytes = (new ObjectMapper().writeValueAsString(line) + "\n").getBytes(StandardCharsets.UTF_8);
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
