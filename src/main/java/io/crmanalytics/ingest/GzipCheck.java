package io.crmanalytics.ingest;

import io.crmanalytics.core.UserException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.sql.SparkSession;

/**
 * Every gzipped input file must decompress to its end before anything is read or written. A truncated or
 * corrupt {@code .gz} otherwise failed the ingest midway, in a Spark task, with a bare {@code EOFException} and
 * a stack trace. Each file is read through in its own Spark task (one pass of gunzip, nothing kept), so many or
 * large files are checked in parallel, and every broken file is named in one line.
 */
final class GzipCheck {
    private GzipCheck() {
    }

    static void requireComplete(SparkSession spark, List<EntitySource> sources) {
        List<String> files = new ArrayList<>();
        for (EntitySource source : sources) {
            source.files().stream().filter(f -> f.toLowerCase(Locale.ROOT).endsWith(".gz")).forEach(files::add);
        }
        if (files.isEmpty()) {
            return;
        }
        List<String> problems = JavaSparkContext.fromSparkContext(spark.sparkContext())
                .parallelize(files, files.size()).map(new Problem(HadoopSettings.of(spark.sparkContext().hadoopConfiguration()))).filter(p -> !p.isEmpty()).collect();
        if (!problems.isEmpty()) {
            throw new UserException("input rejected, nothing was written: " + String.join("; ", problems));
        }
    }

    /** What is wrong with one gzipped file, or "" when it decompresses to its end. Runs in a Spark task. */
    private static final class Problem implements Function<String, String> {
        private final HadoopSettings settings;

        Problem(HadoopSettings settings) {
            this.settings = settings;
        }

        @Override
        public String call(String file) {
            Configuration conf = settings.configuration();
            byte[] buffer = new byte[64 * 1024];
            try (InputStream in = CsvReader.open(conf, file)) {
                while (in.read(buffer) >= 0) {
                    // read through: only the end of the stream tells whether it is whole
                }
                return "";
            } catch (IOException e) {
                return new Path(file).getName() + " is not a complete gzip file (" + e.getMessage() + ")";
            }
        }
    }
}
