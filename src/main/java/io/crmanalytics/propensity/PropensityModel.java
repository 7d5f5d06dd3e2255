package io.crmanalytics.propensity;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.crmanalytics.core.UserException;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * A fitted propensity model, self-contained: the feature layout (columns, imputation means, category levels), the
 * Smile classifier, the isotonic calibration map and the explainer. Serializable, so a job broadcasts it and every
 * executor scores its own partitions; nothing per customer passes through the driver.
 *
 * <p>On disk (a folder; local, HDFS or any Hadoop file system) it is two files:
 * <ul>
 *   <li>{@code model.json}: {@code format_version}, the family and parameters, the feature layout, the calibration
 *       map, the explainer and the training details (metrics, cut-offs, columns), readable without Java;</li>
 *   <li>{@code classifier.bin}: the classifier in Java serialization: Smile's logistic regression (Smile
 *       {@value #SMILE_VERSION}) or the boosted forest as plain arrays ({@link BoostedForest}).</li>
 * </ul>
 * A reader refuses a {@code format_version} it does not know, with one clear line.
 */
public final class PropensityModel implements Serializable {
    static final String INFO = "model.json";
    static final String CLASSIFIER = "classifier.bin";
    /** Bumped whenever model.json or classifier.bin change incompatibly (2: trees grown by XGBoost, kept as arrays). */
    static final int FORMAT_VERSION = 2;
    static final String SMILE_VERSION = "3.1.1";

    /** What model.json holds. */
    public record Info(@JsonProperty("format_version") int formatVersion, @JsonProperty("smile_version") String smile,
                       @JsonProperty("model") String family, @JsonProperty("params") String params,
                       @JsonProperty("features") FeatureSpec spec, @JsonProperty("calibration") Calibration calibration,
                       @JsonProperty("explainer") Explainer explainer,
                       @JsonProperty("details") Map<String, Object> details) implements Serializable {
    }

    private final Info info;
    private final Classifier classifier;

    PropensityModel(Classifier classifier, FeatureSpec spec, Calibration calibration, Explainer explainer,
                    String params, Map<String, Object> details) {
        this(new Info(FORMAT_VERSION, SMILE_VERSION, classifier.family(), params, spec, calibration, explainer,
                details), classifier);
    }

    private PropensityModel(Info info, Classifier classifier) {
        this.info = info;
        this.classifier = classifier;
    }

    public Info info() {
        return info;
    }

    public FeatureSpec spec() {
        return info.spec();
    }

    /** The classifier's score (ranking) of an encoded row. */
    double raw(double[] x) {
        return classifier.score(x);
    }

    /** The calibrated probability for a raw score. */
    double propensity(double raw) {
        return info.calibration().apply(raw);
    }

    public void save(Configuration hadoop, String dir) {
        try {
            FileSystem fs = new Path(dir).getFileSystem(hadoop);
            try (ObjectOutputStream out = new ObjectOutputStream(fs.create(new Path(dir, CLASSIFIER), true))) {
                out.writeObject(classifier);
            }
            try (OutputStream out = fs.create(new Path(dir, INFO), true)) {
                mapper().writeValue(out, info);
            }
        } catch (IOException e) {
            throw new UserException("cannot save the model to " + dir + ": " + e.getMessage(), e);
        }
    }

    public static PropensityModel load(Configuration hadoop, String dir) {
        Path infoPath = new Path(dir, INFO);
        try {
            FileSystem fs = infoPath.getFileSystem(hadoop);
            if (!fs.exists(infoPath)) {
                throw new UserException("no propensity model in " + dir + " (missing " + INFO
                        + "): train one with `crm propensity train`");
            }
            JsonNode tree;
            try (InputStream in = fs.open(infoPath)) {
                tree = mapper().readTree(in);
            }
            int version = tree.path("format_version").asInt(0);
            if (version != FORMAT_VERSION) {
                throw new UserException(dir + " holds a propensity model of format version " + version
                        + "; this crm reads version " + FORMAT_VERSION + ": retrain it with this crm");
            }
            Info info = mapper().treeToValue(tree, Info.class);
            Classifier classifier;
            try (ObjectInputStream in = new ObjectInputStream(fs.open(new Path(dir, CLASSIFIER)))) {
                classifier = (Classifier) in.readObject();
            }
            return new PropensityModel(info, classifier);
        } catch (IOException | ClassNotFoundException | ClassCastException e) {
            throw new UserException("cannot read the model in " + dir + ": " + e.getMessage(), e);
        }
    }

    private static ObjectMapper mapper() {
        return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    }
}
