package io.crmanalytics.rootcause;

import io.crmanalytics.job.Progress;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The explanation engine over analysis units ({@link AnalysisUnits}): the Apriori search with its statistics,
 * the confounder adjustment of single factors, and the ranking. Returns every tested group; those with
 * {@link Finding#reported()} make gold.complaint_root_causes.
 */
public final class ExplanationEngine {
    private ExplanationEngine() {
    }

    public static List<Finding> explain(Dataset<Row> units, Reasons reasons, int maxFactors, double minSupport,
                                        double alpha, Progress progress) {
        List<Finding> tested = new ExplanationSearch(reasons, maxFactors, minSupport)
                .run(new SparkLevelCounter(units, reasons), level -> progress.info("    level %d counted", level));
        List<Finding> adjusted = Confounding.adjust(units, reasons, tested, alpha);
        progress.info("    confounders adjusted");
        return Ranking.rank(adjusted, alpha);
    }
}
