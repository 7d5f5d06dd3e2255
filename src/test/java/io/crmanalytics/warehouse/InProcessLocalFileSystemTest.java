package io.crmanalytics.warehouse;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.crmanalytics.testing.SharedSpark;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileContext;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/**
 * The session's local file system does in process what Hadoop's starts a child process for (chmod on create,
 * readlink on rename, ls -ld for a listed file's permission), and leaves the same files with the same permissions
 * and the same view of links as Hadoop's own.
 */
class InProcessLocalFileSystemTest {
    private static final URI LOCAL = URI.create("file:///");

    @Test
    void theSessionUsesItForFileSystemAndFileContext() throws Exception {
        Configuration conf = SharedSpark.session().sparkContext().hadoopConfiguration();
        assertInstanceOf(InProcessLocalFileSystem.class, FileSystem.get(LOCAL, conf));
        assertInstanceOf(InProcessLocalFs.class, FileContext.getFileContext(LOCAL, conf).getDefaultFileSystem());
    }

    /**
     * Delta commits (a temporary file renamed through FileContext), Parquet and checksum files, a table read, and
     * the walk that sizes a warehouse for code generation: none of it starts a process. Before, these steps started
     * one for every file written, every rename and every file walked.
     */
    @Test
    void writingReadingAndSizingDeltaTablesStartsNoProcess() throws Exception {
        SparkSession spark = SharedSpark.session();
        String table = SharedSpark.newWarehouseDir("in-process-fs").resolve("t").toString();
        List<String> started = new ArrayList<>();
        java.nio.file.Path dump = Files.createTempFile("process-start", ".jfr");
        try (Recording recording = new Recording()) {
            recording.enable("jdk.ProcessStart").withStackTrace();
            recording.start();
            for (int i = 0; i < 3; i++) {
                spark.range(0, 10, 1, 2).selectExpr("id", "cast(id as string) as name").write().format("delta")
                        .mode("append").save(table);
            }
            assertEquals(30, spark.read().format("delta").load(table).count());
            assertTrue(CodeGeneration.bytesUnder(spark, table) > 0);
            recording.stop();
            recording.dump(dump);
        }
        for (RecordedEvent event : RecordingFile.readAllEvents(dump)) {
            // Spark itself may ask the OS once for its page size (getconf, for its metrics); what must not
            // happen is a process per file, from Hadoop's file system.
            if (event.getStackTrace() != null && event.getStackTrace().getFrames().stream()
                    .anyMatch(f -> f.getMethod().getType().getName().startsWith("org.apache.hadoop.fs."))) {
                started.add(event.getString("command"));
            }
        }
        Files.delete(dump);
        assertEquals(List.of(), started, "processes Hadoop's file system started");
    }

    /**
     * {@code FileSystem.listFiles} makes a LocatedFileStatus of every file, whose permission Hadoop reads with
     * {@code ls -ld} in a child process (the in-process file system leaves reading a status alone): walking a
     * warehouse that way started a process per file. Our code walks with {@link FileWalk}.
     */
    @Test
    void noCodeListsFilesWithLocatedStatuses() {
        JavaClasses main = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.crmanalytics");
        noClasses().should().callMethod(FileSystem.class, "listFiles", Path.class, boolean.class)
                .orShould().callMethod(FileSystem.class, "listLocatedStatus", Path.class)
                .because("a LocatedFileStatus reads its permission with ls -ld, a process per file; use FileWalk")
                .check(main);
    }

    /** Created files and folders get the permissions Hadoop's own local file system gives them. */
    @Test
    void permissionsAsHadoopsOwn() throws Exception {
        Configuration conf = SharedSpark.session().sparkContext().hadoopConfiguration();
        java.nio.file.Path base = SharedSpark.newWarehouseDir("permissions");
        FileSystem ours = FileSystem.get(LOCAL, conf);
        try (LocalFileSystem hadoops = new LocalFileSystem()) {
            hadoops.initialize(LOCAL, conf);
            for (FileSystem fs : List.of(ours, hadoops)) {
                Path folder = new Path(base.toUri().toString(), fs.getClass().getSimpleName() + "/a/b");
                assertTrue(fs.mkdirs(folder));
                fs.create(new Path(folder, "f"), true).close();
            }
            for (String path : List.of("a", "a/b", "a/b/f", "a/b/.f.crc")) {
                assertEquals(
                        PosixFilePermissions.toString(Files.getPosixFilePermissions(
                                base.resolve(LocalFileSystem.class.getSimpleName()).resolve(path))),
                        PosixFilePermissions.toString(Files.getPosixFilePermissions(
                                base.resolve(InProcessLocalFileSystem.class.getSimpleName()).resolve(path))),
                        path);
            }
            // An explicit permission, which both read back alike.
            Path file = new Path(base.toUri().toString(), "explicit");
            ours.create(file, true).close();
            ours.setPermission(file, new org.apache.hadoop.fs.permission.FsPermission((short) 0640));
            assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(base.resolve("explicit"))));
            assertEquals(hadoops.getFileStatus(file).getPermission(), ours.getFileStatus(file).getPermission());
        }
    }

    /** A symbolic link is still seen as one (with its target), a plain file as none. */
    @Test
    void linksAsHadoopsOwn() throws Exception {
        Configuration conf = SharedSpark.session().sparkContext().hadoopConfiguration();
        java.nio.file.Path base = SharedSpark.newWarehouseDir("links");
        java.nio.file.Path target = Files.writeString(base.resolve("target.txt"), "x");
        java.nio.file.Path link = Files.createSymbolicLink(base.resolve("link.txt"), target);
        FileSystem ours = FileSystem.get(LOCAL, conf);
        try (LocalFileSystem hadoops = new LocalFileSystem()) {
            hadoops.initialize(LOCAL, conf);
            FileSystem raw = ((LocalFileSystem) ours).getRaw();
            FileSystem hadoopsRaw = hadoops.getRaw();
            // Hadoop's own sees a link only by a path without the file: scheme (it runs readlink on the path as
            // written); ours answers as it does either way.
            for (java.nio.file.Path local : List.of(link, target)) {
                for (Path path : List.of(new Path(local.toString()), new Path(local.toUri()))) {
                    assertEquals(hadoopsRaw.getFileLinkStatus(path).isSymlink(),
                            raw.getFileLinkStatus(path).isSymlink(), path.toString());
                    assertEquals(hadoopsRaw.getFileLinkStatus(path).getLen(), raw.getFileLinkStatus(path).getLen());
                    if (raw.getFileLinkStatus(path).isSymlink()) {
                        assertEquals(hadoopsRaw.getFileLinkStatus(path).getSymlink(),
                                raw.getFileLinkStatus(path).getSymlink());
                    }
                }
            }
            assertTrue(raw.getFileLinkStatus(new Path(link.toString())).isSymlink());
            assertFalse(raw.getFileLinkStatus(new Path(target.toString())).isSymlink());
        }
    }
}
