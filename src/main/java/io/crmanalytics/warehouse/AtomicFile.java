package io.crmanalytics.warehouse;

import io.crmanalytics.core.UserException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The one way this project writes a single file that others read (reports, summaries, CSV exports, pointers):
 * the bytes go to a hidden temporary name in the target's folder, and only a complete file is renamed onto the
 * target, so a reader sees the old file or the new one, never half of one. Between {@link #open} and
 * {@link #commit} a caller may do what must happen before the file becomes visible (the export audit line);
 * closing without committing deletes the temporary file, so a failure leaves nothing behind.
 *
 * <p>On a local file system the rename is {@code rename(2)} with replacement (atomic); on Hadoop file systems,
 * whose rename does not replace, the old file is deleted first, so a reader may briefly find no file there but
 * never a partial one.
 */
public final class AtomicFile implements AutoCloseable {
    /** Writes the content of one file. */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    private final FileSystem fs;
    private final Path target;
    private final Path temporary;
    private boolean committed;

    private AtomicFile(FileSystem fs, Path target) {
        this.fs = fs;
        this.target = target;
        this.temporary = new Path(target.getParent(), "." + target.getName() + "." + UUID.randomUUID() + ".tmp");
    }

    /** Writes {@code content} to {@code target} and renames it into place in one step. */
    public static void write(Configuration conf, String target, Content content) {
        try (AtomicFile file = open(conf, target, content)) {
            file.commit();
        }
    }

    public static void write(Configuration conf, String target, byte[] bytes) {
        write(conf, target, out -> out.write(bytes));
    }

    /**
     * Writes {@code content} to a hidden temporary file beside {@code target} (creating the folder); the target
     * is untouched until {@link #commit}. A failure is one line naming the target.
     */
    public static AtomicFile open(Configuration conf, String target, Content content) {
        Path path = new Path(target);
        AtomicFile file;
        try {
            file = new AtomicFile(rawIfLocal(path.getFileSystem(conf)), path);
            file.fs.mkdirs(path.getParent());
        } catch (IOException e) {
            throw new UserException("cannot write " + target + ": " + e.getMessage(), e);
        }
        try {
            try (OutputStream out = file.fs.create(file.temporary, false)) {
                content.writeTo(out);
            }
            return file;
        } catch (IOException | RuntimeException e) {
            file.close();
            if (e instanceof UserException user) {
                throw user;
            }
            throw new UserException("cannot write " + target + ": " + e.getMessage(), e);
        }
    }

    /** The checksummed local file system would leave .crc files beside every export; the raw one does not. */
    private static FileSystem rawIfLocal(FileSystem fs) {
        return fs instanceof LocalFileSystem local ? local.getRawFileSystem() : fs;
    }

    /** The path readers will see once committed. */
    public String target() {
        return target.toString();
    }

    /** Makes the written file visible under its target name, replacing any file there. */
    public void commit() {
        try {
            URI uri = fs.makeQualified(target).toUri();
            if ("file".equals(uri.getScheme())) {
                Files.move(Paths.get(fs.makeQualified(temporary).toUri()), Paths.get(uri),
                        StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                // A checksum left by an older, checksummed write would no longer match and fail every read.
                Files.deleteIfExists(Paths.get(uri).resolveSibling("." + target.getName() + ".crc"));
            } else {
                fs.delete(target, false);
                if (!fs.rename(temporary, target)) {
                    throw new IOException("rename from " + temporary + " failed");
                }
            }
            committed = true;
        } catch (IOException e) {
            throw new UserException("cannot write " + target + ": " + e.getMessage(), e);
        }
    }

    /** Deletes the temporary file unless it was committed. */
    @Override
    public void close() {
        if (committed) {
            return;
        }
        try {
            fs.delete(temporary, false);
        } catch (IOException ignored) {
            // a hidden leftover with a unique name; nothing reads it
        }
    }
}
