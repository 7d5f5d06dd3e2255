package io.crmanalytics.warehouse;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.ChecksumFs;
import org.apache.hadoop.fs.DelegateToFileSystem;
import org.apache.hadoop.fs.FsServerDefaults;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.local.LocalConfigKeys;

/**
 * {@link InProcessLocalFileSystem} as Hadoop's FileContext sees the local file system
 * ({@code fs.AbstractFileSystem.file.impl}), in place of Hadoop's {@code LocalFs}: Delta's log store writes each
 * commit through FileContext. The same checksums over the same raw file system; only the child processes go.
 */
public class InProcessLocalFs extends ChecksumFs {
    public InProcessLocalFs(URI uri, Configuration conf) throws IOException, URISyntaxException {
        super(new Raw(uri, conf));
    }

    /** As Hadoop's {@code RawLocalFs}, over {@link InProcessLocalFileSystem.Raw}. */
    static final class Raw extends DelegateToFileSystem {
        Raw(URI uri, Configuration conf) throws IOException, URISyntaxException {
            super(uri, new InProcessLocalFileSystem.Raw(), conf, "file", false);
        }

        @Override
        public int getUriDefaultPort() {
            return -1; // file:/// has no port
        }

        @Override
        public FsServerDefaults getServerDefaults(Path f) throws IOException {
            return LocalConfigKeys.getServerDefaults();
        }

        @Override
        @Deprecated
        public FsServerDefaults getServerDefaults() throws IOException {
            return LocalConfigKeys.getServerDefaults();
        }

        @Override
        public boolean isValidName(String src) {
            return true; // a local name may hold ':'
        }
    }
}
