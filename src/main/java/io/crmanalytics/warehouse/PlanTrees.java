package io.crmanalytics.warehouse;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.SubqueryExpression;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.catalyst.plans.logical.SubqueryAlias;
import org.apache.spark.sql.catalyst.plans.logical.UnresolvedWith;
import scala.Tuple3;
import scala.jdk.javaapi.CollectionConverters;
import scala.runtime.AbstractPartialFunction;

/** Walks Spark logical plans from Java: children, the plans inside subquery expressions, and inner children (CTEs). */
public final class PlanTrees {
    private PlanTrees() {
    }

    /** The plans directly below {@code plan}, subqueries and CTE definitions included. */
    public static List<LogicalPlan> below(LogicalPlan plan) {
        List<LogicalPlan> below = new ArrayList<>(CollectionConverters.asJava(plan.children()));
        below.addAll(CollectionConverters.asJava(plan.subqueries()));
        for (Object inner : CollectionConverters.asJava(plan.innerChildren())) {
            if (inner instanceof LogicalPlan logical) {
                below.add(logical);
            }
        }
        return below;
    }

    /** Visits {@code plan} and everything {@link #below} it, top down. */
    public static void forEach(LogicalPlan plan, Consumer<LogicalPlan> visit) {
        visit.accept(plan);
        below(plan).forEach(child -> forEach(child, visit));
    }

    /**
     * Rewrites a parsed plan top down: where {@code replace} returns a plan, that plan takes the node's place and
     * is not descended into; elsewhere the children, the CTE definitions of a WITH and the plans of subquery
     * expressions are rewritten the same way, so no read of a table escapes (used to pin and to mask reads).
     */
    public static LogicalPlan rewrite(LogicalPlan plan, Function<LogicalPlan, Optional<LogicalPlan>> replace) {
        Optional<LogicalPlan> replaced = replace.apply(plan);
        if (replaced.isPresent()) {
            return replaced.get();
        }
        LogicalPlan rewritten = plan.withNewChildren(CollectionConverters.asScala(
                CollectionConverters.asJava(plan.children()).stream().map(c -> rewrite(c, replace)).toList()).toSeq());
        if (rewritten instanceof UnresolvedWith with) {
            List<Tuple3<String, SubqueryAlias, scala.Option<Object>>> ctes = new ArrayList<>();
            for (Tuple3<String, SubqueryAlias, scala.Option<Object>> cte : CollectionConverters.asJava(with.cteRelations())) {
                ctes.add(new Tuple3<>(cte._1(), (SubqueryAlias) rewrite(cte._2(), replace), cte._3()));
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
                return subquery.withNewPlan(rewrite(subquery.plan(), replace));
            }
        });
    }
}
