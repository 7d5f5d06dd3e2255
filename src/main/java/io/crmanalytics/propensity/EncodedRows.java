package io.crmanalytics.propensity;

import io.crmanalytics.core.Progress;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.api.java.UDF3;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The two crossings between Spark and the in-memory models. Training: the executors encode the (capped) feature
 * rows with the spec and the driver collects compact {@code double[]} vectors, not wide Spark rows. Scoring: the
 * models are broadcast and every executor encodes and scores its own partitions; only the scores come back as a
 * Spark table.
 */
final class EncodedRows {
    /** Scores written by {@link #score}, after the kept columns. */
    static final String CATEGORY = "product_category";
    static final String MODEL = "model";
    /** The reason's features (indices into the model's layout) and the row's values of them: {@link #withReasons}. */
    static final String REASON_FEATURES = "reason_features";
    static final String REASON_VALUES = "reason_values";
    /** The reason's text, made by {@link #withReasons}. */
    static final String REASON = "reason";

    /**
     * One encoded row.
     *
     * @param tags the categories bought in the label window (warehouse mode), or {"1"} for a positive label
     */
    record Encoded(String id, double[] x, String[] tags) implements Serializable {
        int label(String tag) {
            for (String t : tags) {
                if (t.equals(tag)) {
                    return 1;
                }
            }
            return 0;
        }
    }

    static final String POSITIVE = "1";

    private EncodedRows() {
    }

    /**
     * Encodes rows on the executors and brings them to the driver.
     *
     * @param tagsColumn an array of strings (tags as they are) or a 0/1 number ({@link #POSITIVE} when 1)
     */
    static List<Encoded> collect(Dataset<Row> rows, FeatureSpec spec, String idColumn, String tagsColumn) {
        StructType schema = rows.schema();
        int[] positions = spec.positions(schema);
        int id = schema.fieldIndex(idColumn);
        int tags = schema.fieldIndex(tagsColumn);
        boolean array = schema.fields()[tags].dataType() instanceof org.apache.spark.sql.types.ArrayType;
        return rows.javaRDD().mapPartitions((Iterator<Row> it) -> {
            List<Encoded> out = new ArrayList<>();
            while (it.hasNext()) {
                Row r = it.next();
                String[] t;
                if (r.isNullAt(tags)) {
                    t = new String[0];
                } else if (array) {
                    t = r.<String>getList(tags).toArray(String[]::new);
                } else {
                    t = ((Number) r.get(tags)).doubleValue() == 1.0 ? new String[] {POSITIVE} : new String[0];
                }
                out.add(new Encoded(r.isNullAt(id) ? null : r.get(id).toString(), spec.encode(r, positions), t));
            }
            return out.iterator();
        }).collect();
    }

    /** Labelled rows for one tag (a category key, or {@link #POSITIVE}). */
    static ModelSearch.Rows labelled(List<Encoded> rows, String tag) {
        double[][] x = new double[rows.size()][];
        int[] y = new int[rows.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = rows.get(i).x();
            y[i] = rows.get(i).label(tag);
        }
        return new ModelSearch.Rows(x, y);
    }

    /**
     * Scores every row with every model, on the executors: the models are broadcast once, a row is encoded once
     * per distinct feature layout. One output row per input row and model: the kept columns, then
     * {@code product_category} (the model's name), {@code raw_score}, {@code propensity} and {@code model}
     * (family); with {@code reasons}, also the features of the row's reason ({@link Explainer#strongest}) as
     * {@link #REASON_FEATURES} and {@link #REASON_VALUES}. The reason's text is left to {@link #withReasons}: most
     * rows are never shown with one, and the text is most of the cost.
     */
    static Dataset<Row> score(Dataset<Row> rows, List<String> keep, Map<String, PropensityModel> models,
                              boolean reasons, Progress progress) {
        StructType schema = rows.schema();
        int[] kept = keep.stream().mapToInt(schema::fieldIndex).toArray();
        List<String> names = new ArrayList<>(models.keySet());
        List<PropensityModel> list = new ArrayList<>(models.values());
        List<int[]> positions = list.stream().map(m -> m.spec().positions(schema)).toList();
        Broadcast<List<PropensityModel>> shared = JavaSparkContext.fromSparkContext(rows.sparkSession().sparkContext())
                .broadcast(list);
        StructType out = new StructType();
        for (String k : keep) {
            StructField f = schema.apply(k);
            out = out.add(f.name(), f.dataType(), true);
        }
        out = out.add(CATEGORY, DataTypes.StringType, false).add(Evaluation.RAW, DataTypes.DoubleType, false)
                .add(Evaluation.PROPENSITY, DataTypes.DoubleType, false).add(MODEL, DataTypes.StringType, false);
        if (reasons) {
            out = out.add(REASON_FEATURES, DataTypes.createArrayType(DataTypes.IntegerType, false), false)
                    .add(REASON_VALUES, DataTypes.createArrayType(DataTypes.DoubleType, false), false);
        }
        int width = out.size();
        progress.info("  scoring with %d model(s), broadcast to the executors", list.size());
        return rows.sparkSession().createDataFrame(rows.javaRDD().mapPartitions((Iterator<Row> it) -> {
            List<PropensityModel> m = shared.value();
            List<Row> result = new ArrayList<>();
            while (it.hasNext()) {
                Row r = it.next();
                double[] x = null;
                FeatureSpec encodedWith = null;
                for (int k = 0; k < m.size(); k++) {
                    PropensityModel model = m.get(k);
                    // Models of one job share one layout instance (also after the broadcast): encode once.
                    if (encodedWith != model.spec()) {
                        x = model.spec().encode(r, positions.get(k));
                        encodedWith = model.spec();
                    }
                    double raw = model.raw(x);
                    Object[] values = new Object[width];
                    for (int c = 0; c < kept.length; c++) {
                        values[c] = r.get(kept[c]);
                    }
                    values[kept.length] = names.get(k);
                    values[kept.length + 1] = raw;
                    values[kept.length + 2] = model.propensity(raw);
                    values[kept.length + 3] = model.info().family();
                    if (reasons) {
                        int[] features = model.info().explainer().strongest(x);
                        double[] featureValues = new double[features.length];
                        for (int f = 0; f < features.length; f++) {
                            featureValues[f] = x[features[f]];
                        }
                        values[kept.length + 4] = features;
                        values[kept.length + 5] = featureValues;
                    }
                    result.add(RowFactory.create(values));
                }
            }
            return result.iterator();
        }), out);
    }

    /**
     * Replaces {@link #REASON_FEATURES} and {@link #REASON_VALUES} by the reason's text ({@link Explainer#describe}
     * of the model named in {@code categoryColumn}), as a column {@code reason} in their place.
     */
    static Dataset<Row> withReasons(Dataset<Row> rows, String categoryColumn, Map<String, PropensityModel> models) {
        Map<String, Explainer> explainers = new java.util.HashMap<>();
        models.forEach((name, model) -> explainers.put(name, model.info().explainer()));
        UserDefinedFunction text = functions.udf((UDF3<String, scala.collection.Seq<Integer>,
                scala.collection.Seq<Double>, String>) (category, features, values) -> {
            int[] f = new int[features.size()];
            double[] v = new double[f.length];
            for (int k = 0; k < f.length; k++) {
                f[k] = features.apply(k);
                v[k] = values.apply(k);
            }
            return explainers.get(category).describe(f, v);
        }, DataTypes.StringType);
        List<org.apache.spark.sql.Column> columns = new ArrayList<>();
        for (String c : rows.columns()) {
            if (c.equals(REASON_FEATURES)) {
                columns.add(text.apply(functions.col(categoryColumn), functions.col(REASON_FEATURES),
                        functions.col(REASON_VALUES)).as(REASON));
            } else if (!c.equals(REASON_VALUES)) {
                columns.add(functions.col(c));
            }
        }
        return rows.select(columns.toArray(org.apache.spark.sql.Column[]::new));
    }
}
