package io.crmanalytics.warehouse;

import io.crmanalytics.core.UserException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.DataFrameReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The warehouse folder: where each table lives ({@code <root>/<layer>/<table>}), whether it exists, and
 * the SQL names ({@code silver.orders}) that make it queryable. The root may be a local folder or any
 * Hadoop file system URI (hdfs://, s3a://), so the same code runs locally and on a cluster.
 */
public final class Warehouse {
    private final SparkSession spark;
    private final String root;

    public Warehouse(SparkSession spark, String root) {
        this.spark = spark;
        this.root = absolute(root);
    }

    private static String absolute(String root) {
        URI uri = URI.create(root.replace('\\', '/'));
        if (uri.getScheme() == null || uri.getScheme().length() == 1) {
            return Paths.get(root).toAbsolutePath().normalize().toUri().toString().replaceAll("/$", "");
        }
        return root.replaceAll("/$", "");
    }

    public String root() {
        return root;
    }

    public SparkSession spark() {
        return spark;
    }

    public String path(Layer layer, String table) {
        return root + "/" + layer.dirName() + "/" + table;
    }

    /** A folder beside the layers, e.g. {@code models}, {@code exports}, {@code reports}, {@code audit}. */
    public String folder(String name) {
        return root + "/" + name;
    }

    /**
     * Whether the table exists for readers: a gold table that only a job which never finished has written (no
     * run ledger entry names it) does not; see {@link RunLedger}.
     */
    public boolean exists(Layer layer, String table) {
        return isDeltaTable(path(layer, table)) && ledger().visible(layer, table);
    }

    /** The warehouse's run ledger: job atomicity and the never-backwards check. */
    public RunLedger ledger() {
        return new RunLedger(this);
    }

    /**
     * The table's newest Delta version from its log's file names (no Spark job); -1 when it has no commit.
     * Commit files are only ever added, and log clean-up keeps the newest, so the highest one is the version.
     */
    public long logVersion(Layer layer, String table) {
        Path log = new Path(path(layer, table), "_delta_log");
        try {
            FileSystem fs = fileSystem(log);
            if (!fs.exists(log)) {
                return -1;
            }
            long newest = -1;
            for (FileStatus file : fs.listStatus(log)) {
                String name = file.getPath().getName();
                if (name.length() == 25 && name.endsWith(".json") && name.chars().limit(20).allMatch(Character::isDigit)) {
                    newest = Math.max(newest, Long.parseLong(name.substring(0, 20)));
                }
            }
            return newest;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public boolean isDeltaTable(String tablePath) {
        try {
            Path log = new Path(tablePath, "_delta_log");
            return fileSystem(log).exists(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads a table, or fails with a message telling the user what produces it. */
    public Dataset<Row> read(Layer layer, String table) {
        if (!exists(layer, table)) {
            throw new UserException(qualifiedName(layer, table) + " does not exist in " + root + ": "
                    + whatProduces(layer, table));
        }
        OptionalLong version = ledger().readVersion(layer, table);
        DataFrameReader reader = spark.read().format("delta");
        if (version.isPresent()) {
            // A newer version exists that no committed job owns (a job still running, or killed): not ours to see.
            reader = reader.option("versionAsOf", version.getAsLong());
        }
        return reader.load(path(layer, table));
    }

    private static String whatProduces(Layer layer, String table) {
        return switch (layer) {
            case BRONZE, SILVER, QUARANTINE ->
                    "run `crm ingest` with an input folder that has a " + table + " file";
            case GOLD -> "run the job that writes gold." + table + " first (see `crm run`)";
        };
    }

    public static String qualifiedName(Layer layer, String table) {
        return layer.dirName() + "." + table;
    }

    /** Every Delta table readers may see (see {@link #exists}), layer by layer, in name order. */
    public List<TableRef> tables() {
        RunLedger ledger = ledger();
        return allTables().stream().filter(t -> ledger.visible(t.layer(), t.name())).toList();
    }

    /** Every Delta table in the warehouse, including gold tables of a job that never finished. */
    public List<TableRef> allTables() {
        List<TableRef> found = new ArrayList<>();
        for (Layer layer : Layer.values()) {
            Path dir = new Path(root + "/" + layer.dirName());
            try {
                FileSystem fs = fileSystem(dir);
                if (!fs.exists(dir)) {
                    continue;
                }
                FileStatus[] children = fs.listStatus(dir);
                java.util.Arrays.sort(children, (a, b) -> a.getPath().getName().compareTo(b.getPath().getName()));
                for (FileStatus child : children) {
                    if (child.isDirectory() && fs.exists(new Path(child.getPath(), "_delta_log"))) {
                        found.add(new TableRef(layer, child.getPath().getName()));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return found;
    }

    /**
     * Makes every table queryable in Spark SQL as {@code layer.table}: a catalog table over its Delta folder (the
     * session's in-memory catalog: nothing outside the warehouse folder is written). A catalog table shows the
     * newest version; {@code crm sql} pins reads of the tables in {@link #pinnedVersions} to the ledger's version
     * in the statement's plan ({@link ReadOnlySql}).
     */
    public void registerTables() {
        registerTables(ref -> true);
    }

    /**
     * As {@link #registerTables()}, for the named tables only ({@code layer.table}, any case; names of no table are
     * ignored). Opening a Delta table reads its log, about 0.2 s each on 2 cores, and a warehouse has dozens, so
     * {@code crm sql} registers just the tables its statement names.
     */
    public void registerTables(Set<String> qualifiedNames) {
        Set<String> wanted = new java.util.HashSet<>();
        qualifiedNames.forEach(n -> wanted.add(n.toLowerCase(java.util.Locale.ROOT)));
        registerTables(ref -> wanted.contains(ref.qualifiedName().toLowerCase(java.util.Locale.ROOT)));
    }

    private void registerTables(java.util.function.Predicate<TableRef> which) {
        for (Layer layer : Layer.values()) {
            spark.sql("CREATE DATABASE IF NOT EXISTS " + layer.dirName());
            forgetOtherWarehouses(layer);
        }
        RunLedger ledger = ledger();
        for (TableRef ref : tables()) {
            if (!which.test(ref)) {
                continue;
            }
            String name = ref.qualifiedName();
            // A table whose log went backwards is refused in one line here, before Delta is asked to open it (with
            // its only commit gone, Delta would fail on the missing log instead).
            ledger.readVersion(ref.layer(), ref.name());
            if (spark.catalog().tableExists(name) && isView(name)) {
                spark.sql("DROP VIEW " + name); // registered by an older version of this code in the same session
            }
            spark.sql("CREATE TABLE IF NOT EXISTS " + name + " USING delta LOCATION '"
                    + path(ref.layer(), ref.name()).replace("'", "\\'") + "'");
        }
    }

    /**
     * The visible tables whose Delta log is ahead of the run ledger (a job still running, or killed, wrote them),
     * as {@code layer.table -> the version readers must see}; empty when every table is read at its newest.
     */
    public Map<String, Long> pinnedVersions() {
        RunLedger ledger = ledger();
        Map<String, Long> pinned = new TreeMap<>();
        for (TableRef ref : tables()) {
            OptionalLong version = ledger.readVersion(ref.layer(), ref.name());
            if (version.isPresent()) {
                pinned.put(ref.qualifiedName(), version.getAsLong());
            }
        }
        return pinned;
    }

    private boolean isView(String name) {
        try {
            return "VIEW".equals(spark.catalog().getTable(name).tableType());
        } catch (org.apache.spark.sql.AnalysisException e) {
            return false;
        }
    }

    /**
     * Whether a local path lies inside this warehouse's folder, symbolic links resolved: exports must not land
     * there (an export named {@code <warehouse>/audit/exports.log} would replace the audit log).
     */
    public boolean contains(java.nio.file.Path local) {
        URI uri = URI.create(root);
        if (!"file".equals(uri.getScheme())) {
            return false;
        }
        return resolved(local).startsWith(resolved(Paths.get(uri)));
    }

    /** The real path of the longest existing ancestor, with the rest of the path appended. */
    private static java.nio.file.Path resolved(java.nio.file.Path path) {
        java.nio.file.Path absolute = path.toAbsolutePath().normalize();
        java.nio.file.Path existing = absolute;
        while (existing != null && !java.nio.file.Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return absolute;
        }
        try {
            return existing.toRealPath().resolve(existing.relativize(absolute));
        } catch (IOException e) {
            return absolute;
        }
    }

    /**
     * A session that served another warehouse before (tests, notebooks) still has its tables registered; those
     * names would read the other warehouse. Their catalog entries are dropped: the tables are external, so
     * dropping the entry leaves their files alone.
     */
    private void forgetOtherWarehouses(Layer layer) {
        var catalog = spark.sessionState().catalog();
        try {
            for (Object name : scala.jdk.javaapi.CollectionConverters.asJava(catalog.listTables(layer.dirName()))) {
                var identifier = (org.apache.spark.sql.catalyst.TableIdentifier) name;
                String location = catalog.getTableMetadata(identifier).location().toString();
                if (!new Path(location).equals(new Path(path(layer, identifier.table())))) {
                    catalog.dropTable(identifier, true, false);
                }
            }
        } catch (Exception e) {
            // the database was created just before; a table vanishing meanwhile is another session's doing
            throw new IllegalStateException("cannot list the tables of database " + layer.dirName(), e);
        }
    }

    public FileSystem fileSystem(Path path) throws IOException {
        return path.getFileSystem(spark.sparkContext().hadoopConfiguration());
    }

    /** A table's layer and name. */
    public record TableRef(Layer layer, String name) {
        public String qualifiedName() {
            return Warehouse.qualifiedName(layer, name);
        }
    }
}
