package io.crmanalytics.warehouse;

import io.crmanalytics.core.UserException;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.analysis.PlanWithUnresolvedIdentifier;
import org.apache.spark.sql.catalyst.analysis.RelationTimeTravel;
import org.apache.spark.sql.catalyst.analysis.ResolvedTable;
import org.apache.spark.sql.catalyst.analysis.UnresolvedRelation;
import org.apache.spark.sql.catalyst.analysis.UnresolvedTable;
import org.apache.spark.sql.catalyst.analysis.UnresolvedTableOrView;
import org.apache.spark.sql.catalyst.catalog.CatalogTable;
import org.apache.spark.sql.catalyst.expressions.CallMethodViaReflection;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.TryReflect;
import org.apache.spark.sql.catalyst.parser.ParseException;
import org.apache.spark.sql.catalyst.plans.logical.Command;
import org.apache.spark.sql.catalyst.plans.logical.DescribeColumn;
import org.apache.spark.sql.catalyst.plans.logical.DescribeFunction;
import org.apache.spark.sql.catalyst.plans.logical.DescribeNamespace;
import org.apache.spark.sql.catalyst.plans.logical.DescribeRelation;
import org.apache.spark.sql.catalyst.plans.logical.InsertIntoDir;
import org.apache.spark.sql.catalyst.plans.logical.InsertIntoStatement;
import org.apache.spark.sql.catalyst.plans.logical.LeafNode;
import org.apache.spark.sql.catalyst.plans.logical.LocalRelation;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.catalyst.plans.logical.OneRowRelation;
import org.apache.spark.sql.catalyst.plans.logical.ParsedStatement;
import org.apache.spark.sql.catalyst.plans.logical.Range;
import org.apache.spark.sql.catalyst.plans.logical.ScriptTransformation;
import org.apache.spark.sql.catalyst.plans.logical.ShowColumns;
import org.apache.spark.sql.catalyst.plans.logical.ShowCreateTable;
import org.apache.spark.sql.catalyst.plans.logical.ShowFunctions;
import org.apache.spark.sql.catalyst.plans.logical.ShowTableProperties;
import org.apache.spark.sql.catalyst.plans.logical.ShowTables;
import org.apache.spark.sql.catalyst.plans.logical.ShowTablesExtended;
import org.apache.spark.sql.catalyst.plans.logical.ShowViews;
import org.apache.spark.sql.execution.CommandExecutionMode;
import org.apache.spark.sql.execution.command.DescribeQueryCommand;
import org.apache.spark.sql.execution.command.ExplainCommand;
import org.apache.spark.sql.execution.datasources.LogicalRelation;
import org.apache.spark.sql.execution.datasources.v2.DataSourceV2Relation;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The read-only door of {@code crm sql}: a statement is accepted only if it is a query (SELECT, WITH, VALUES,
 * TABLE) or an inspection (SHOW, DESCRIBE, EXPLAIN of a query) over the warehouse's tables. Decided on Spark's
 * own plans, never on the text: the statement must parse as a query ({@code parseQuery}) or be one of the
 * inspection plans; no node may write (commands, INSERT, INSERT OVERWRITE DIRECTORY), run a program
 * ({@code TRANSFORM ... USING}) or call Java ({@code reflect}, {@code java_method}); and after analysis every
 * relation it reads must be a catalog table of a warehouse layer whose files lie under the warehouse root, so
 * path sources ({@code csv.`/etc/passwd`}, {@code delta.`/x`}) and tables elsewhere are refused even when they
 * arrive through {@code IDENTIFIER(...)} or a CTE.
 */
public final class ReadOnlySql {
    private static final Set<String> DATABASES = new TreeSet<>(
            Arrays.stream(Layer.values()).map(Layer::dirName).toList());
    private static final List<Class<?>> INSPECTIONS = List.of(ShowTables.class, ShowTablesExtended.class,
            ShowColumns.class, ShowFunctions.class, ShowViews.class, ShowCreateTable.class, ShowTableProperties.class,
            DescribeRelation.class, DescribeColumn.class, DescribeNamespace.class, DescribeFunction.class);
    private static final String ALLOWED = "crm sql is read-only: it runs queries (SELECT, WITH, SHOW, DESCRIBE, "
            + "EXPLAIN) over bronze.x, silver.x, quarantine.x and gold.x";

    private final SparkSession spark;
    private final Warehouse warehouse;
    private final Map<String, Instant> awaitingPurge;

    public ReadOnlySql(Warehouse warehouse) {
        this(warehouse, Map.of());
    }

    /**
     * @param awaitingPurge tables ({@code layer.table}) whose older versions still hold rows an erasure deleted,
     *                      with when their purge falls due: no statement may read them as of an earlier version
     */
    public ReadOnlySql(Warehouse warehouse, Map<String, Instant> awaitingPurge) {
        this.spark = warehouse.spark();
        this.warehouse = warehouse;
        this.awaitingPurge = awaitingPurge;
    }

    /** Parses one statement and refuses, in one line, anything that is not a read-only statement. */
    public LogicalPlan parse(String sql) {
        LogicalPlan parsed;
        try {
            parsed = spark.sessionState().sqlParser().parsePlan(sql);
        } catch (ParseException e) {
            throw new UserException("not valid SQL: " + e.getMessage().strip().split("\\R", 2)[0]);
        }
        if (parsed instanceof ExplainCommand explain) {
            requireQueryNodes(explain.logicalPlan());
            PlanTrees.forEach(explain.logicalPlan(), ReadOnlySql::requireWarehouseName);
        } else if (parsed instanceof DescribeQueryCommand describe) {
            requireQueryNodes(describe.plan());
            PlanTrees.forEach(describe.plan(), ReadOnlySql::requireWarehouseName);
        } else if (INSPECTIONS.stream().noneMatch(kind -> kind.isInstance(parsed))) {
            requireQuery(sql, parsed);
        }
        PlanTrees.forEach(parsed, ReadOnlySql::requireWarehouseName);
        if (!awaitingPurge.isEmpty()) {
            LogicalPlan query = parsed instanceof ExplainCommand explain ? explain.logicalPlan()
                    : parsed instanceof DescribeQueryCommand describe ? describe.plan() : parsed;
            PlanTrees.forEach(query, this::requireNoTravelBeforeErasure);
        }
        return pinnedToLedger(parsed);
    }

    /**
     * Time travel ({@code VERSION AS OF}, {@code TIMESTAMP AS OF}, or the same as relation options) on a table an
     * erasure without {@code --now} deleted from would read the erased rows back until its purge: refused. Where the
     * table is named through {@code IDENTIFIER(...)} it cannot be told before analysis, so travel is refused there.
     */
    private void requireNoTravelBeforeErasure(LogicalPlan node) {
        String table = null;
        if (node instanceof RelationTimeTravel travel) {
            table = travel.relation() instanceof UnresolvedRelation relation ? qualifiedName(relation) : "";
        } else if (node instanceof UnresolvedRelation relation && relation.options().keySet().stream()
                .anyMatch(k -> k.equalsIgnoreCase("versionAsOf") || k.equalsIgnoreCase("timestampAsOf"))) {
            table = qualifiedName(relation);
        }
        if (table == null || !(table.isEmpty() || awaitingPurge.containsKey(table))) {
            return;
        }
        String which = table.isEmpty() ? "a table named through IDENTIFIER(...)" : table;
        String due = table.isEmpty() ? String.join(", ", awaitingPurge.keySet())
                : table + " until " + awaitingPurge.get(table);
        throw new UserException("time travel on " + which + " is refused: an erasure (crm forget without --now) "
                + "deleted rows whose older versions are kept until their purge (" + due + "); read the current "
                + "version, or run `crm forget --complete-due` once it is due");
    }

    /**
     * The statement with every read of a gold table whose Delta log is ahead of the run ledger (a job still
     * running, or killed between its tables) pinned to the ledger's version: the catalog relation gets a
     * {@code VERSION AS OF} spec, as if the user had written it, so it stays a catalog table that {@link #analyze}
     * accepts, and path reads stay refused. A user's own {@code VERSION AS OF} on such a table may not go past
     * the ledger's version; reads the rewrite cannot see ({@code IDENTIFIER(...)}, relation options) are refused.
     */
    private LogicalPlan pinnedToLedger(LogicalPlan parsed) {
        Map<String, Long> pinned = warehouse.pinnedVersions();
        if (pinned.isEmpty()) {
            return parsed;
        }
        if (parsed instanceof ExplainCommand explain) {
            return new ExplainCommand(pin(explain.logicalPlan(), pinned), explain.mode());
        }
        if (parsed instanceof DescribeQueryCommand describe) {
            return new DescribeQueryCommand(describe.queryText(), pin(describe.plan(), pinned));
        }
        if (parsed instanceof DescribeRelation || parsed instanceof DescribeColumn || parsed instanceof ShowColumns
                || parsed instanceof ShowCreateTable || parsed instanceof ShowTableProperties) {
            return inspectionAtLedger(parsed, pinned);
        }
        return pin(parsed, pinned);
    }

    /**
     * DESCRIBE and SHOW of one table read the catalog's newest schema, not a version: for a table ahead of the
     * ledger, the schema of the unfinished job's writes. A plain DESCRIBE becomes DESCRIBE QUERY of the table at the
     * ledger's version (the same three columns: col_name, data_type, comment); the other inspections are refused
     * for such a table, in one line that says what works.
     */
    private LogicalPlan inspectionAtLedger(LogicalPlan inspection, Map<String, Long> pinned) {
        List<String> parts = new ArrayList<>();
        if (inspection instanceof ShowColumns show && show.namespace().isDefined()) {
            parts.addAll(CollectionConverters.asJava(show.namespace().get()));
        }
        parts.addAll(nameParts(inspection.children().apply(0)));
        String table = qualifiedName(parts);
        Long version = pinned.get(table);
        if (version == null) {
            return inspection;
        }
        if (inspection instanceof DescribeRelation describe && !describe.isExtended()
                && describe.partitionSpec().isEmpty()) {
            String atLedger = "DESCRIBE QUERY SELECT * FROM " + table + " VERSION AS OF " + version;
            try {
                return spark.sessionState().sqlParser().parsePlan(atLedger);
            } catch (ParseException e) {
                throw new IllegalStateException("cannot parse our own statement: " + atLedger, e);
            }
        }
        throw new UserException(notFinished(pinned) + "; " + inspection.nodeName() + " of " + table + " would show "
                + "the schema of those writes: DESCRIBE " + table + " shows the columns readers see");
    }

    private static LogicalPlan pin(LogicalPlan plan, Map<String, Long> pinned) {
        return PlanTrees.rewrite(plan, node -> {
            if (node instanceof PlanWithUnresolvedIdentifier) {
                throw new UserException(notFinished(pinned) + "; a table named through IDENTIFIER(...) cannot be "
                        + "held to the run ledger's version: name the table plainly, e.g. gold.customer_value");
            }
            if (node instanceof RelationTimeTravel travel && travel.relation() instanceof UnresolvedRelation relation) {
                Long version = pinned.get(qualifiedName(relation));
                if (version != null && (relation.options().size() > 0 || travel.version().isEmpty()
                        || !travel.version().get().matches("\\d{1,18}")
                        || Long.parseLong(travel.version().get()) > version)) {
                    throw new UserException(notFinished(pinned) + "; " + qualifiedName(relation) + " may be read "
                            + "as of version " + version + " or earlier (VERSION AS OF n, n <= " + version + ")");
                }
                return Optional.of(node);
            }
            if (node instanceof UnresolvedRelation relation) {
                Long version = pinned.get(qualifiedName(relation));
                if (version == null) {
                    return Optional.of(node);
                }
                if (relation.options().size() > 0) {
                    throw new UserException(notFinished(pinned) + "; options on " + qualifiedName(relation)
                            + " are refused");
                }
                return Optional.of(new RelationTimeTravel(relation, scala.Option.empty(),
                        scala.Option.apply(String.valueOf(version))));
            }
            return Optional.empty();
        });
    }

    private static String notFinished(Map<String, Long> pinned) {
        return String.join(", ", pinned.keySet()) + " hold(s) writes of a job that has not finished, which readers "
                + "do not see";
    }

    /** {@code layer.table} of a one-, two- or three-part name, lower case (the catalog's names are). */
    private static String qualifiedName(UnresolvedRelation relation) {
        return qualifiedName(CollectionConverters.asJava(relation.multipartIdentifier()));
    }

    /** {@code layer.table} of a name's parts (its last two), lower case; empty for a one-part name. */
    private static String qualifiedName(List<String> parts) {
        int n = parts.size();
        return n < 2 ? "" : (parts.get(n - 2) + "." + parts.get(n - 1)).toLowerCase(Locale.ROOT);
    }

    /**
     * The warehouse tables ({@code layer.table}, lower case) a statement {@link #parse} accepted names, or empty when
     * it may read any: SHOW TABLES and SHOW VIEWS list them all, and a table named through {@code IDENTIFIER(...)}
     * is known only on analysis. One-part names are CTEs (a warehouse table needs its layer).
     */
    public static Optional<Set<String>> tablesNamed(LogicalPlan statement) {
        LogicalPlan plan = statement instanceof ExplainCommand explain ? explain.logicalPlan()
                : statement instanceof DescribeQueryCommand describe ? describe.plan() : statement;
        Set<String> names = new TreeSet<>();
        boolean[] any = {false};
        PlanTrees.forEach(plan, node -> {
            if (node instanceof ShowTables || node instanceof ShowTablesExtended || node instanceof ShowViews
                    || node instanceof PlanWithUnresolvedIdentifier) {
                any[0] = true;
            }
            String name = qualifiedName(nameParts(node));
            if (!name.isEmpty()) {
                names.add(name);
            }
        });
        return any[0] ? Optional.empty() : Optional.of(names);
    }

    /** The grammar decides what a query is: a statement the parser's query rule does not accept is refused. */
    private void requireQuery(String sql, LogicalPlan parsed) {
        try {
            spark.sessionState().sqlParser().parseQuery(sql);
        } catch (ParseException notAQuery) {
            throw refused(parsed);
        }
        requireQueryNodes(parsed);
    }

    private static void requireQueryNodes(LogicalPlan plan) {
        PlanTrees.forEach(plan, node -> {
            if (node instanceof Command || node instanceof ParsedStatement || node instanceof InsertIntoStatement
                    || node instanceof InsertIntoDir) {
                throw refused(node);
            }
            if (node instanceof ScriptTransformation) {
                throw new UserException(ALLOWED + "; TRANSFORM ... USING (an external program) is refused");
            }
        });
    }

    private static UserException refused(LogicalPlan node) {
        return new UserException(ALLOWED + "; " + node.nodeName() + " is refused");
    }

    /** A named table must be {@code layer.table} (or {@code spark_catalog.layer.table}); one part may name a CTE. */
    private static void requireWarehouseName(LogicalPlan node) {
        List<String> parts = nameParts(node);
        boolean warehouseTable = (parts.size() == 2 && DATABASES.contains(parts.get(0).toLowerCase(Locale.ROOT)))
                || (parts.size() == 3 && parts.get(0).equalsIgnoreCase("spark_catalog")
                        && DATABASES.contains(parts.get(1).toLowerCase(Locale.ROOT)));
        if (parts.size() > 1 && !warehouseTable) {
            throw new UserException(ALLOWED + "; " + quoted(parts) + " is not a warehouse table");
        }
    }

    /**
     * The name a parsed read or inspection target gives, as written (empty for any other node). VERSION AS OF, the
     * user's or the ledger pin, holds its relation as a field, not as a child.
     */
    private static List<String> nameParts(LogicalPlan node) {
        if (node instanceof RelationTimeTravel travel) {
            return nameParts(travel.relation());
        }
        if (node instanceof UnresolvedRelation relation) {
            return CollectionConverters.asJava(relation.multipartIdentifier());
        }
        if (node instanceof UnresolvedTableOrView relation) {
            return CollectionConverters.asJava(relation.multipartIdentifier());
        }
        if (node instanceof UnresolvedTable relation) {
            return CollectionConverters.asJava(relation.multipartIdentifier());
        }
        return List.of();
    }

    private static String quoted(List<String> parts) {
        return String.join(".", parts.stream().map(p -> p.matches("[A-Za-z_][A-Za-z0-9_]*") ? p : "`" + p + "`")
                .toList());
    }

    /** A statement's analyzed plan (of the query inside EXPLAIN) and the warehouse tables it reads, as layer.table. */
    public record Analysis(LogicalPlan analyzed, List<String> tables) {
    }

    /**
     * Analyzes the (possibly rewritten) plan without running it; refuses any source but warehouse tables and any
     * call into Java.
     */
    public Analysis analyze(LogicalPlan plan) {
        if (plan instanceof ExplainCommand explain) {
            return analyze(explain.logicalPlan());
        }
        if (plan instanceof DescribeQueryCommand describe) {
            return analyze(describe.plan());
        }
        LogicalPlan analyzed;
        try {
            analyzed = spark.sessionState().executePlan(plan, CommandExecutionMode.SKIP()).analyzed();
        } catch (Exception e) {
            if (e instanceof org.apache.spark.sql.AnalysisException mistake) {
                // a user's mistake (unknown table or column): one line, no stack-trace hint
                throw new UserException("SQL error: " + mistake.getSimpleMessage().strip().split("\\R", 2)[0], e);
            }
            throw e;
        }
        Set<String> tables = new TreeSet<>();
        PlanTrees.forEach(analyzed, node -> {
            for (Expression expression : CollectionConverters.asJava(node.expressions())) {
                if (expression.find(e -> e instanceof CallMethodViaReflection || e instanceof TryReflect).isDefined()) {
                    throw new UserException(ALLOWED + "; calling Java methods (reflect, java_method) is refused");
                }
            }
            if (node instanceof LeafNode) {
                String table = warehouseTable(node);
                if (table != null) {
                    tables.add(table);
                }
            }
        });
        return new Analysis(analyzed, List.copyOf(tables));
    }

    /** Runs a statement {@link #parse} accepted (commands such as SHOW run here, queries when read). */
    public Dataset<Row> run(LogicalPlan plan) {
        return org.apache.spark.sql.classic.Dataset$.MODULE$.ofRows(
                (org.apache.spark.sql.classic.SparkSession) spark, plan);
    }

    /** The leaf's warehouse table, null for a leaf that reads no data, or a refusal. */
    private String warehouseTable(LogicalPlan leaf) {
        if (leaf instanceof LogicalRelation relation) {
            if (relation.catalogTable().isDefined()) {
                CatalogTable table = relation.catalogTable().get();
                String database = table.identifier().database().getOrElse(() -> "");
                if (DATABASES.contains(database) && insideWarehouse(table.location())) {
                    return database + "." + table.identifier().table();
                }
            }
            throw new UserException(ALLOWED + "; " + relation.relation() + " is not a warehouse table");
        }
        if (leaf instanceof DataSourceV2Relation relation && relation.identifier().isDefined()) {
            String[] namespace = relation.identifier().get().namespace();
            if (namespace.length == 1 && DATABASES.contains(namespace[0])) {
                return namespace[0] + "." + relation.identifier().get().name();
            }
        }
        if (leaf instanceof ResolvedTable table) {
            String[] namespace = table.identifier().namespace();
            if (namespace.length == 1 && DATABASES.contains(namespace[0])) {
                return namespace[0] + "." + table.identifier().name();
            }
        }
        if (leaf instanceof LocalRelation || leaf instanceof OneRowRelation || leaf instanceof Range
                || leaf.getClass().getSimpleName().startsWith("CTERelationRef")
                || leaf.getClass().getSimpleName().startsWith("ResolvedNamespace")
                || leaf.getClass().getSimpleName().endsWith("Func")
                || leaf instanceof Command) {
            return null;
        }
        throw new UserException(ALLOWED + "; " + leaf.nodeName() + " is not a warehouse table");
    }

    private boolean insideWarehouse(URI location) {
        String root = warehouse.root() + "/";
        String path = location.toString();
        return path.startsWith(root) || path.replaceFirst("^file:///", "file:/").startsWith(root
                .replaceFirst("^file:///", "file:/"));
    }
}
