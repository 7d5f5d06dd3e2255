package io.crmanalytics.rootcause;

import io.crmanalytics.core.Progress;
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

    /**
     * @param units      one row per shipment: the dimension columns ({@code categories}, an array of strings, standing
     *                   for category) and {@code reasons}, the array of the shipment's complaint reasons
     * @param dimensions the dimensions to explain by, in dimension-name order
     */
    public static List<Finding> explain(Dataset<Row> units, List<String> dimensions, Reasons reasons,
                                        int maxFactors, double minSupport, double alpha, Progress progress) {
        try (EncodedUnits encoded = EncodedUnits.encode(units, dimensions, reasons, maxFactors)) {
            progress.info("    shipments encoded: %d factor terms", encoded.dictionary().size());
            return explain(encoded, maxFactors, minSupport, alpha, progress);
        }
    }

    static List<Finding> explain(EncodedUnits units, int maxFactors, double minSupport, double alpha,
                                 Progress progress) {
        List<Finding> tested = new ExplanationSearch(units.reasons(), maxFactors, minSupport)
                .run(units.levelCounter(), level -> progress.info("    level %d counted", level));
        List<Finding> adjusted = Confounding.adjust(units, units.reasons(), tested, alpha);
        progress.info("    confounders adjusted");
        return Ranking.rank(adjusted, alpha);
    }
}
