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

    /**
     * @param units      the analysis units (see {@link EncodedUnits#encode} for the columns read)
     * @param dimensions the dimensions to explain by, in dimension-name order
     */
    public static List<Finding> explain(Dataset<Row> units, List<String> dimensions, Reasons reasons,
                                        int maxFactors, double minSupport, double alpha, Progress progress) {
        try (EncodedUnits encoded = EncodedUnits.encode(units, dimensions, reasons, maxFactors)) {
            progress.info("    shipments encoded: %d factor terms", encoded.dictionary().size());
            List<Finding> tested = new ExplanationSearch(reasons, maxFactors, minSupport)
                    .run(encoded.levelCounter(), level -> progress.info("    level %d counted", level));
            List<Finding> adjusted = Confounding.adjust(encoded, reasons, tested, alpha);
            progress.info("    confounders adjusted");
            return Ranking.rank(adjusted, alpha);
        }
    }
}
