package io.crmanalytics.cli;

import picocli.CommandLine.IVersionProvider;

/** The version from the jar manifest, written by Maven at package time. */
final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = Main.class.getPackage().getImplementationVersion();
        return new String[] {"crm-analytics " + (version == null ? "(development build)" : version)
                + ", Spark " + org.apache.spark.package$.MODULE$.SPARK_VERSION()};
    }
}
