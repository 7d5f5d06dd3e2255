package io.crmanalytics.warehouse;

import io.crmanalytics.core.UserException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Collection;
import java.util.HexFormat;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The erased customers, {@code <warehouse>/_erasure/}: {@code suppressed} holds one salted SHA-256 hash per erased
 * customer id (never the id), {@code salt} the warehouse's random salt. Ingest quarantines any later row of such a
 * customer, so a resent old file cannot bring an erased customer back. The salt stops a dictionary of ids built
 * elsewhere from being matched against the list; anyone who can read the warehouse can still test a guessed id,
 * which is what ingest itself must do.
 */
public final class SuppressionList {
    public static final String FOLDER = "_erasure";
    private final Warehouse warehouse;

    public SuppressionList(Warehouse warehouse) {
        this.warehouse = warehouse;
    }

    /** The hex salted hashes of the erased ids; empty when nobody was ever erased. */
    public Set<String> hashes() {
        Path file = new Path(warehouse.folder(FOLDER), "suppressed");
        String text = readText(file);
        Set<String> hashes = new TreeSet<>();
        if (text != null) {
            text.lines().map(String::trim).filter(l -> !l.isEmpty()).forEach(hashes::add);
        }
        return hashes;
    }

    /** The salt; created (32 random bytes, hex) the first time it is asked for. */
    public String salt() {
        Path file = new Path(warehouse.folder(FOLDER), "salt");
        String salt = readText(file);
        if (salt == null) {
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            salt = HexFormat.of().formatHex(random);
            writeText(file, salt + "\n");
        }
        return salt.trim();
    }

    /** sha256(salt + id) as lower-case hex: the same value Spark's {@code sha2(concat(salt, id), 256)} gives. */
    public static String hash(String salt, String id) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest((salt + id).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Adds the ids' hashes (idempotent) and returns them. */
    public Set<String> add(Collection<String> ids) {
        String salt = salt();
        Set<String> all = hashes();
        Set<String> added = new TreeSet<>();
        for (String id : ids) {
            added.add(hash(salt, id));
        }
        all.addAll(added);
        writeText(new Path(warehouse.folder(FOLDER), "suppressed"), String.join("\n", all) + "\n");
        return added;
    }

    private String readText(Path file) {
        try {
            FileSystem fs = warehouse.fileSystem(file);
            if (!fs.exists(file)) {
                return null;
            }
            try (InputStream in = fs.open(file)) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UserException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Through a hidden file and a rename: a reader sees the old list or the new one. */
    private void writeText(Path file, String text) {
        Path hidden = new Path(file.getParent(), "." + file.getName() + "-" + UUID.randomUUID());
        try {
            FileSystem fs = warehouse.fileSystem(file);
            fs.mkdirs(file.getParent());
            try (OutputStream out = fs.create(hidden, false)) {
                out.write(text.getBytes(StandardCharsets.UTF_8));
            }
            fs.delete(file, false);
            if (!fs.rename(hidden, file)) {
                throw new IOException("rename failed");
            }
        } catch (IOException e) {
            throw new UserException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
