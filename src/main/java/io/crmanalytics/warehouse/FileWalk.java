package io.crmanalytics.warehouse;

import java.io.IOException;
import java.util.function.Predicate;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The files under a folder, through {@link FileSystem#listStatus} rather than {@link FileSystem#listFiles}. On the
 * local file system without Hadoop's native library (Spark ships none), {@code listFiles} makes a
 * {@code LocatedFileStatus} of every file, and that copies the file's permission and owner, which Hadoop reads by
 * running {@code ls -ld} in a child process: one process per file. A {@code crm sql} on the sample run's warehouse
 * started 548 of them just to sum its bytes (bench/results/nightly.md). {@code listStatus} reads the same names,
 * sizes and times, and the permission only if asked.
 */
public final class FileWalk {
    private FileWalk() {
    }

    /**
     * Shows {@code visitor} the files (not the folders) under {@code root}, or {@code root} itself if it is a file,
     * depth first, until it returns false.
     *
     * @return false if the visitor stopped the walk
     */
    public static boolean files(FileSystem fs, Path root, Predicate<FileStatus> visitor) throws IOException {
        FileStatus status = fs.getFileStatus(root);
        return status.isDirectory() ? walk(fs, root, visitor) : visitor.test(status);
    }

    private static boolean walk(FileSystem fs, Path folder, Predicate<FileStatus> visitor) throws IOException {
        for (FileStatus entry : fs.listStatus(folder)) {
            boolean go = entry.isDirectory() ? walk(fs, entry.getPath(), visitor) : visitor.test(entry);
            if (!go) {
                return false;
            }
        }
        return true;
    }
}
