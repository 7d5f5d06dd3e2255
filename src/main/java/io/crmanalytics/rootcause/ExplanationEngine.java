package io.crmanalytics.rootcause;

import io.crmanalytics.core.Progress;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The explanation engine over analysis units ({@link AnalysisUnits}): the Apriori search with its statistics
 * ({@link ExplanationSearch}), equivalent itemsets merged ({@link Aliases}), q-values and the reporting rule, the
 * confounder adjustment of single factors ({@link Confounding}), and the conditional ranking
 * ({@link ConditionalRanking}). Returns every hypothesis tested (one per set of equivalent itemsets); those with
 * {@link Finding#reported()} make gold.complaint_root_causes.
 */
public final class ExplanationEngine {
    private ExplanationEngine() {
    }

    /**
     * @param units         one row per shipment: the dimension columns ({@code categories}, an array of strings,
     *                      standing for category) and {@code reasons}, the array of the shipment's complaint reasons
     * @param dimensions    the dimensions to explain by, in dimension-name order
     * @param minShipments  exposure floor per group; 0 for the power-calculated floor of each reason
     * @param minComplaints reporting threshold, applied after the tests
     */
    public static List<Finding> explain(Dataset<Row> units, List<String> dimensions, Reasons reasons,
                                        int maxFactors, long minShipments, long minComplaints, double alpha,
                                        Progress progress) {
        try (EncodedUnits encoded = EncodedUnits.encode(units, dimensions, reasons, maxFactors)) {
            progress.info("    shipments encoded: %d factor terms", encoded.dictionary().size());
            return explain(encoded, maxFactors, minShipments, minComplaints, alpha, progress);
        }
    }

    static List<Finding> explain(EncodedUnits units, int maxFactors, long minShipments, long minComplaints,
                                 double alpha, Progress progress) {
        ExplanationSearch.Result search = new ExplanationSearch(units.reasons(), maxFactors, minShipments)
                .run(units.levelCounter(), level -> progress.info("    level %d counted", level));
        List<Finding> merged = Aliases.merge(search, units);
        progress.info("    equivalent groups merged: %d hypotheses of %d", merged.size(), search.tested().size());
        List<Finding> judged = ExplanationSearch.judge(merged, search.tested(), minComplaints);
        List<Finding> adjusted = Confounding.adjust(units, units.reasons(), judged, alpha);
        progress.info("    confounders adjusted");
        return ConditionalRanking.rank(adjusted, units, alpha);
    }
}
