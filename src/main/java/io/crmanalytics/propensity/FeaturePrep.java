package io.crmanalytics.propensity;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.feature.Imputer;
import org.apache.spark.ml.feature.OneHotEncoder;
import org.apache.spark.ml.feature.SQLTransformer;
import org.apache.spark.ml.feature.StringIndexer;
import org.apache.spark.ml.feature.VectorAssembler;

/**
 * The feature stages in front of every classifier, built from a {@link FeatureSpec}: one SQL step that casts
 * numbers (a value that is not a number becomes missing instead of failing) and maps rare, unseen and missing
 * string levels to {@code __other__}/{@code __missing__}; then string indexing and one-hot encoding (unknown
 * indexes kept), mean imputation of missing numbers, and assembly into {@code features}. All stages are part of
 * the saved pipeline, so a scoring file goes through exactly what the training rows went through.
 */
final class FeaturePrep {
    static final String FEATURES = "features";
    static final String OTHER = "__other__";
    static final String MISSING = "__missing__";
    private static final String NUM = "num__";
    private static final String STR = "str__";
    private static final String IDX = "idx__";
    private static final String VEC = "vec__";
    private static final String IMP = "imp__";

    private FeaturePrep() {
    }

    static List<PipelineStage> stages(FeatureSpec spec) {
        Set<String> used = new HashSet<>();
        List<String> numericOut = new ArrayList<>();
        List<String> stringOut = new ArrayList<>();
        StringBuilder sql = new StringBuilder("SELECT *");
        for (String name : spec.numeric()) {
            String safe = unique(safe(name), used);
            numericOut.add(safe);
            sql.append(", TRY_CAST(").append(FeatureSpec.quote(name)).append(" AS DOUBLE) AS ").append(NUM).append(safe);
        }
        for (Map.Entry<String, List<String>> entry : spec.levels().entrySet()) {
            String safe = unique(safe(entry.getKey()), used);
            stringOut.add(safe);
            String value = "CAST(" + FeatureSpec.quote(entry.getKey()) + " AS STRING)";
            sql.append(", CASE WHEN ").append(value).append(" IS NULL THEN '").append(MISSING).append("'");
            if (!entry.getValue().isEmpty()) {
                sql.append(" WHEN ").append(value).append(" IN (");
                for (int i = 0; i < entry.getValue().size(); i++) {
                    sql.append(i == 0 ? "" : ", ").append(literal(entry.getValue().get(i)));
                }
                sql.append(") THEN ").append(value);
            }
            sql.append(" ELSE '").append(OTHER).append("' END AS ").append(STR).append(safe);
        }
        sql.append(" FROM __THIS__");

        List<PipelineStage> stages = new ArrayList<>();
        stages.add(new SQLTransformer().setStatement(sql.toString()));
        List<String> assembled = new ArrayList<>();
        if (!numericOut.isEmpty()) {
            String[] in = numericOut.stream().map(s -> NUM + s).toArray(String[]::new);
            String[] out = numericOut.stream().map(s -> IMP + s).toArray(String[]::new);
            stages.add(new Imputer().setInputCols(in).setOutputCols(out).setStrategy("mean"));
            assembled.addAll(List.of(out));
        }
        if (!stringOut.isEmpty()) {
            String[] in = stringOut.stream().map(s -> STR + s).toArray(String[]::new);
            String[] idx = stringOut.stream().map(s -> IDX + s).toArray(String[]::new);
            String[] vec = stringOut.stream().map(s -> VEC + s).toArray(String[]::new);
            stages.add(new StringIndexer().setInputCols(in).setOutputCols(idx).setHandleInvalid("keep")
                    .setStringOrderType("frequencyDesc"));
            stages.add(new OneHotEncoder().setInputCols(idx).setOutputCols(vec).setHandleInvalid("keep")
                    .setDropLast(true));
            assembled.addAll(List.of(vec));
        }
        stages.add(new VectorAssembler().setInputCols(assembled.toArray(String[]::new)).setOutputCol(FEATURES)
                .setHandleInvalid("keep"));
        return stages;
    }

    /** A readable feature name from an assembled attribute name: the internal prefix goes. */
    static String displayName(String attributeName) {
        if (attributeName.startsWith(IMP)) {
            return attributeName.substring(IMP.length());
        }
        if (attributeName.startsWith(VEC)) {
            String rest = attributeName.substring(VEC.length());
            int cut = rest.indexOf('_' + OTHER);
            // "region___other__" reads better as "region=other".
            if (cut >= 0) {
                return rest.substring(0, cut) + "=other";
            }
            cut = rest.indexOf('_' + MISSING);
            if (cut >= 0) {
                return rest.substring(0, cut) + "=missing";
            }
            return rest;
        }
        return attributeName;
    }

    private static String safe(String name) {
        String s = name.replaceAll("[^A-Za-z0-9_]+", "_");
        return s.isEmpty() ? "col" : s;
    }

    private static String unique(String name, Set<String> used) {
        String candidate = name;
        for (int i = 2; !used.add(candidate); i++) {
            candidate = name + "_" + i;
        }
        return candidate;
    }

    private static String literal(String value) {
        return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
}
