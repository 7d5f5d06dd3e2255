package io.crmanalytics.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/**
 * The version Maven wrote at build time: the jar manifest when running from the app jar, else the filtered
 * {@code version.properties} next to this class (bin/crm runs from target/classes, which has no manifest).
 */
final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        return new String[] {"crm-analytics " + version() + ", Spark " + org.apache.spark.package$.MODULE$.SPARK_VERSION()};
    }

    static String version() {
        String version = Main.class.getPackage().getImplementationVersion();
        if (version != null) {
            return version;
        }
        try (InputStream in = VersionProvider.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                Properties properties = new Properties();
                properties.load(in);
                return properties.getProperty("version", "(development build)");
            }
        } catch (IOException e) {
            return "(development build)";
        }
        return "(development build)";
    }
}
