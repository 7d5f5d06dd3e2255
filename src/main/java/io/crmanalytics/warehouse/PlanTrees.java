package io.crmanalytics.warehouse;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import scala.jdk.javaapi.CollectionConverters;

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
}
