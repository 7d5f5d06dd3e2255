package io.crmanalytics.warehouse;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.attribute.PosixFilePermissions;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.permission.FsPermission;

/**
 * Hadoop's local file system ({@code file:}, with its checksum files) doing in this process what Hadoop, without its
 * native library (Spark ships none), does by starting a child process: {@code chmod} for every file and folder it
 * creates, and {@code readlink} on both sides of every rename. A Delta commit writes a temporary file and renames
 * it, and every data file and checksum file is created with a permission, so the quick sample nightly started
 * 1,612 processes, from a JVM of several GB, most of them on the driver's path between two commits
 * (bench/results/nightly.md). Here the permission is set with {@link Files#setPosixFilePermissions} and a link is
 * looked for with {@link Files#isSymbolicLink}; what is written and read is unchanged. Set for local mode by
 * {@link SparkSessions}, for FileSystem ({@code fs.file.impl}) and, through {@link InProcessLocalFs}, for
 * FileContext, through which Delta's log store commits.
 */
public class InProcessLocalFileSystem extends LocalFileSystem {
    public InProcessLocalFileSystem() {
        super(new Raw());
    }

    /** The raw local file system under the checksums, with the two operations done in process. */
    static final class Raw extends RawLocalFileSystem {
        @Override
        public void setPermission(Path p, FsPermission permission) throws IOException {
            if (permission.getStickyBit()) {
                super.setPermission(p, permission); // "rwxrwxrwt" is no POSIX permission string
                return;
            }
            try {
                Files.setPosixFilePermissions(pathToFile(p).toPath(),
                        PosixFilePermissions.fromString(permission.toString()));
            } catch (NoSuchFileException e) {
                throw new FileNotFoundException("File " + p + " does not exist");
            } catch (UnsupportedOperationException e) {
                super.setPermission(p, permission); // a file system without POSIX permissions
            }
        }

        /** As Hadoop's: the file's status, or for a symbolic link the link's; only a link needs {@code readlink}. */
        @Override
        public FileStatus getFileLinkStatus(Path f) throws IOException {
            if (Files.isSymbolicLink(pathToFile(f).toPath())) {
                return super.getFileLinkStatus(f);
            }
            return getFileStatus(f);
        }
    }
}
