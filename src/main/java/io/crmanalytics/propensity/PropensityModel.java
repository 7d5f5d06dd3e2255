package io.crmanalytics.propensity;

import static org.apache.spark.sql.functions.col;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.crmanalytics.core.UserException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.ml.Model;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.regression.IsotonicRegressionModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * A fitted propensity model: one MLlib pipeline (feature stages, the chosen classifier, the isotonic calibrator)
 * saved with MLlib's writer under {@code <dir>/pipeline}, and beside it {@code <dir>/model.json} with what a
 * reader needs to trust and explain it (model family, hyper-parameters, feature spec, explainer, metrics).
 */
public final class PropensityModel {
    static final String PIPELINE = "pipeline";
    static final String INFO = "model.json";

    /** What model.json holds. */
    public record Info(@JsonProperty("model") String family, @JsonProperty("params") String params,
                       @JsonProperty("features") FeatureSpec spec, @JsonProperty("explainer") Explainer explainer,
                       @JsonProperty("details") Map<String, Object> details) {
    }

    private final PipelineModel pipeline;
    private final Info info;

    private PropensityModel(PipelineModel pipeline, Info info) {
        this.pipeline = pipeline;
        this.info = info;
    }

    /** Chains fitted stages into one pipeline model; Pipeline.fit with no estimator left only links them. */
    static PropensityModel assemble(PipelineModel prep, Model<?> classifier, IsotonicRegressionModel calibrator,
                                    Dataset<Row> schemaSource, Info info) {
        List<PipelineStage> stages = new ArrayList<>(Arrays.asList(prep.stages()));
        stages.add(classifier);
        stages.add(calibrator);
        PipelineModel chained = new Pipeline().setStages(stages.toArray(PipelineStage[]::new)).fit(schemaSource);
        return new PropensityModel(chained, info);
    }

    public Info info() {
        return info;
    }

    /** The rows with {@code features}, {@code raw_score} (the classifier's probability) and {@code propensity}. */
    public Dataset<Row> score(Dataset<Row> rows) {
        return withRawScore(pipeline.transform(rows));
    }

    static Dataset<Row> withRawScore(Dataset<Row> transformed) {
        return transformed.withColumn(Evaluation.RAW,
                org.apache.spark.ml.functions.vector_to_array(col("probability"), "float64").getItem(1));
    }

    public void save(SparkSession spark, String dir) {
        try {
            pipeline.write().overwrite().save(dir + "/" + PIPELINE);
            Path path = new Path(dir + "/" + INFO);
            FileSystem fs = path.getFileSystem(spark.sparkContext().hadoopConfiguration());
            try (OutputStream out = fs.create(path, true)) {
                mapper().writeValue(out, info);
            }
        } catch (IOException e) {
            throw new UserException("cannot save the model to " + dir + ": " + e.getMessage(), e);
        }
    }

    public static PropensityModel load(SparkSession spark, String dir) {
        Path path = new Path(dir + "/" + INFO);
        try {
            FileSystem fs = path.getFileSystem(spark.sparkContext().hadoopConfiguration());
            if (!fs.exists(path)) {
                throw new UserException("no propensity model in " + dir + " (missing " + INFO
                        + "): train one with `crm propensity train`");
            }
            Info info;
            try (InputStream in = fs.open(path)) {
                info = mapper().readValue(in, Info.class);
            }
            return new PropensityModel(PipelineModel.load(dir + "/" + PIPELINE), info);
        } catch (IOException e) {
            throw new UserException("cannot read the model in " + dir + ": " + e.getMessage(), e);
        }
    }

    Transformer pipeline() {
        return pipeline;
    }

    private static ObjectMapper mapper() {
        return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    }
}
