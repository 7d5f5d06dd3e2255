package io.crmanalytics.ingest;

import java.io.Serializable;
import java.util.HashMap;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;

/**
 * The driver's Hadoop settings carried into Spark tasks that open input files themselves (CSV scanning, gzip and
 * Parquet footer checks): Hadoop's Configuration is not serializable, so its entries travel as a map and are set
 * again in the task, and file systems such as S3 see the same credentials and options there.
 */
final class HadoopSettings implements Serializable {
    private static final long serialVersionUID = 1L;

    private final Map<String, String> entries;

    private HadoopSettings(Map<String, String> entries) {
        this.entries = entries;
    }

    static HadoopSettings of(Configuration conf) {
        Map<String, String> entries = new HashMap<>();
        conf.iterator().forEachRemaining(e -> entries.put(e.getKey(), e.getValue()));
        return new HadoopSettings(entries);
    }

    /** A Configuration holding exactly these settings (no defaults loaded from the task's classpath). */
    Configuration configuration() {
        Configuration conf = new Configuration(false);
        entries.forEach(conf::set);
        return conf;
    }
}
