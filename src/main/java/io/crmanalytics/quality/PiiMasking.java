package io.crmanalytics.quality;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.regexp_replace;

import io.crmanalytics.core.UserException;
import io.crmanalytics.warehouse.Layer;
import io.crmanalytics.warehouse.PlanTrees;
import io.crmanalytics.warehouse.Warehouse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.AliasIdentifier;
import org.apache.spark.sql.catalyst.analysis.RelationTimeTravel;
import org.apache.spark.sql.catalyst.analysis.UnresolvedRelation;
import org.apache.spark.sql.catalyst.expressions.Alias;
import org.apache.spark.sql.catalyst.expressions.Attribute;
import org.apache.spark.sql.catalyst.expressions.CaseWhen;
import org.apache.spark.sql.catalyst.expressions.ExprId;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.IsNull;
import org.apache.spark.sql.catalyst.expressions.Literal;
import org.apache.spark.sql.catalyst.expressions.NamedExpression;
import org.apache.spark.sql.catalyst.expressions.SubqueryExpression;
import org.apache.spark.sql.catalyst.parser.ParseException;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.catalyst.plans.logical.Project;
import org.apache.spark.sql.catalyst.plans.logical.SubqueryAlias;
import org.apache.spark.sql.catalyst.plans.logical.UnresolvedWith;
import org.apache.spark.sql.execution.datasources.LogicalRelation;
import org.apache.spark.sql.execution.datasources.v2.DataSourceV2Relation;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructField;
import scala.Tuple3;
import scala.jdk.javaapi.CollectionConverters;
import scala.runtime.AbstractPartialFunction;

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
        if (plan instanceof RelationTimeTravel travel && travel.relation() instanceof UnresolvedRelation relation) {
            return masked(relation, plan);
        }
        if (plan instanceof UnresolvedRelation relation) {
            return masked(relation, plan);
        }
        LogicalPlan rewritten = plan.withNewChildren(CollectionConverters.asScala(
                CollectionConverters.asJava(plan.children()).stream().map(this::maskTables).toList()).toSeq());
        if (rewritten instanceof UnresolvedWith with) {
            List<Tuple3<String, SubqueryAlias, scala.Option<Object>>> ctes = new ArrayList<>();
            for (Tuple3<String, SubqueryAlias, scala.Option<Object>> cte : CollectionConverters.asJava(with.cteRelations())) {
                ctes.add(new Tuple3<>(cte._1(), (SubqueryAlias) maskTables(cte._2()), cte._3()));
            }
            rewritten = new UnresolvedWith(with.child(), CollectionConverters.asScala(ctes).toList(),
                    with.allowRecursion());
        }
        return (LogicalPlan) rewritten.transformExpressions(new AbstractPartialFunction<Expression, Expression>() {
            @Override
            public boolean isDefinedAt(Expression e) {
                return e instanceof SubqueryExpression;
            }

            @Override
            public Expression apply(Expression e) {
                SubqueryExpression subquery = (SubqueryExpression) e;
                return subquery.withNewPlan(maskTables(subquery.plan()));
            }
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

    /** Refuses an analyzed plan in which a relation with PII columns is read other than through the mask. */
    public static void requireMasked(LogicalPlan analyzed) {
        requireMasked(analyzed, null);
    }

    private static void requireMasked(LogicalPlan node, LogicalPlan above) {
        if (node instanceof LogicalRelation || node instanceof DataSourceV2Relation) {
            // By expression id: references above carry a table qualifier the relation's own output lacks.
            Set<ExprId> pii = CollectionConverters.asJava(node.output()).stream()
                    .filter(a -> PiiColumns.isPii(a.name())).map(Attribute::exprId).collect(Collectors.toSet());
            if (!pii.isEmpty() && !(above instanceof Project project && masks(project, pii))) {
                throw new UserException("crm sql cannot mask personal data read this way (name tables plainly, "
                        + "e.g. silver.customers), or pass --unmask-pii (audited)");
            }
        }
        // Aliases and projections that only pass attributes through (the analyzer and Delta add some between a
        // table and the projection above it) neither compute on a value nor hide one: look through them.
        LogicalPlan next = node instanceof SubqueryAlias || passesThrough(node) ? above : node;
        CollectionConverters.asJava(node.children()).forEach(child -> requireMasked(child, next));
        List<LogicalPlan> others = PlanTrees.below(node);
        others.removeAll(CollectionConverters.asJava(node.children()));
        others.forEach(plan -> requireMasked(plan, null));
    }

    private static boolean passesThrough(LogicalPlan node) {
        return node instanceof Project project && CollectionConverters.asJava(project.projectList()).stream()
                .allMatch(e -> e instanceof Attribute);
    }

    /** Every expression of the projection that touches a PII attribute is exactly the mask of one. */
    private static boolean masks(Project project, Set<ExprId> pii) {
        for (NamedExpression expression : CollectionConverters.asJava(project.projectList())) {
            boolean touches = CollectionConverters.asJava(((Expression) expression).references().toSeq()).stream()
                    .anyMatch(a -> pii.contains(a.exprId()));
            if (touches && !(expression instanceof Alias alias && isMask(alias.child()))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isMask(Expression expression) {
        if (!(expression instanceof CaseWhen when) || when.branches().size() != 1 || when.elseValue().isEmpty()) {
            return false;
        }
        Expression condition = when.branches().head()._1();
        Expression value = when.branches().head()._2();
        Expression otherwise = when.elseValue().get();
        return condition instanceof IsNull && value instanceof Literal nothing && nothing.value() == null
                && otherwise instanceof Literal mask && mask.value() != null && MASK.equals(mask.value().toString());
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
