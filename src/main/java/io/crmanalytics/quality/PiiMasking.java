package io.crmanalytics.quality;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.regexp_replace;

import io.crmanalytics.core.UserException;
import io.crmanalytics.warehouse.Layer;
import io.crmanalytics.warehouse.PlanTrees;
import io.crmanalytics.warehouse.Warehouse;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.AliasIdentifier;
import org.apache.spark.sql.catalyst.analysis.PlanWithUnresolvedIdentifier;
import org.apache.spark.sql.catalyst.analysis.RelationTimeTravel;
import org.apache.spark.sql.catalyst.analysis.UnresolvedRelation;
import org.apache.spark.sql.catalyst.parser.ParseException;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.catalyst.plans.logical.Project;
import org.apache.spark.sql.catalyst.plans.logical.SubqueryAlias;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructField;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Masking for {@code crm sql}: personal data never reaches the output unless {@code --unmask-pii} (audited) asks.
 * <ol>
 *   <li>Every warehouse table with PII columns ({@link PiiColumns}) is replaced in the parsed plan by a projection
 *       that shows those columns as {@value #MASK}, so filters, joins, aggregates and aliases downstream only
 *       ever see the mask ({@code SELECT email AS e}, {@code concat(email, '')} and CTEs included).</li>
 *   <li>After analysis, every relation with PII columns must sit under such a projection; a path the rewrite
 *       could not see (e.g. {@code IDENTIFIER('silver.customers')}) is refused, not run.</li>
 *   <li>E-mail addresses and phone numbers inside any text the query returns ({@link PiiValues}: free-text notes,
 *       raw quarantined rows) are replaced by {@value #MASK}.</li>
 * </ol>
 * What it does not stop: inference by someone who can run many queries (counting rows {@code WHERE} a masked
 * column equals a guess is not possible, but text columns without a PII name, such as names written into notes,
 * are not recognised). See docs/security.md.
 */
public final class PiiMasking {
    public static final String MASK = "***";

    private final Warehouse warehouse;

    public PiiMasking(Warehouse warehouse) {
        this.warehouse = warehouse;
    }

    /** The parsed plan with every warehouse table that has PII columns read through the masking projection. */
    public LogicalPlan maskTables(LogicalPlan plan) {
        return PlanTrees.rewrite(plan, node -> {
            // A table named through IDENTIFIER(...) is only known after analysis, where the rewrite cannot reach it.
            if (node instanceof PlanWithUnresolvedIdentifier) {
                throw new UserException("crm sql cannot mask personal data read this way (IDENTIFIER(...)): name "
                        + "the table plainly, e.g. silver.customers, or pass --unmask-pii (audited)");
            }
            if (node instanceof RelationTimeTravel travel && travel.relation() instanceof UnresolvedRelation relation) {
                return Optional.of(masked(relation, node));
            }
            if (node instanceof UnresolvedRelation relation) {
                return Optional.of(masked(relation, node));
            }
            return Optional.empty();
        });
    }

    private LogicalPlan masked(UnresolvedRelation relation, LogicalPlan read) {
        List<String> parts = CollectionConverters.asJava(relation.multipartIdentifier());
        if (parts.size() < 2) {
            return read; // a CTE name, or a table outside the warehouse (refused on analysis)
        }
        String database = parts.get(parts.size() - 2).toLowerCase(Locale.ROOT);
        String table = parts.get(parts.size() - 1);
        Layer layer = java.util.Arrays.stream(Layer.values()).filter(l -> l.dirName().equals(database)).findFirst()
                .orElse(null);
        if (layer == null || !warehouse.exists(layer, table)) {
            return read;
        }
        String[] columns = warehouse.read(layer, table).columns();
        if (PiiColumns.find(columns).isEmpty()) {
            return read;
        }
        String select = java.util.Arrays.stream(columns).map(c -> {
            String name = "`" + c.replace("`", "``") + "`";
            return PiiColumns.isPii(c) ? "CASE WHEN " + name + " IS NULL THEN NULL ELSE '" + MASK + "' END AS " + name
                    : name;
        }).collect(Collectors.joining(", "));
        Project projection;
        try {
            projection = (Project) warehouse.spark().sessionState().sqlParser().parseQuery("SELECT " + select
                    + " FROM masked_source");
        } catch (ParseException e) {
            throw new IllegalStateException("masking projection did not parse", e);
        }
        LogicalPlan masked = new Project(projection.projectList(), read);
        return new SubqueryAlias(new AliasIdentifier(table, CollectionConverters.asScala(
                List.of("spark_catalog", database)).toList()), masked);
    }

    /** The result with e-mail addresses and phone numbers inside its text columns replaced by the mask. */
    public static Dataset<Row> redactValues(Dataset<Row> result) {
        StructField[] fields = result.schema().fields();
        String[] positional = new String[fields.length];
        for (int i = 0; i < fields.length; i++) {
            positional[i] = "c" + i; // output names may repeat; positions do not
        }
        Dataset<Row> renamed = result.toDF(positional);
        Column[] columns = new Column[fields.length];
        for (int i = 0; i < fields.length; i++) {
            Column value = col(positional[i]);
            if (fields[i].dataType() instanceof StringType) {
                value = regexp_replace(regexp_replace(value, lit(PiiValues.EMAIL), lit(MASK)), lit(PiiValues.PHONE),
                        lit(MASK));
            }
            columns[i] = value.as(fields[i].name());
        }
        return renamed.select(columns);
    }
}
