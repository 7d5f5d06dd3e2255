package io.crmanalytics.core;

/**
 * The operating-system account running this process, for the audit logs (exports, unmasking, erasures). Read
 * from the OS ({@code getpwuid} of the process's uid through the JDK's {@code UnixSystem}), not from the
 * {@code user.name} system property, which anyone can set with {@code -Duser.name=}. Where the JDK module is
 * missing or the OS is not Unix, the {@code USER}/{@code USERNAME} environment variable is used and the uid says
 * so ({@code uid=env}): that name is as forgeable as the environment.
 */
public record OsUser(String name, String uid) {
    public static OsUser current() {
        try {
            com.sun.security.auth.module.UnixSystem unix = new com.sun.security.auth.module.UnixSystem();
            if (unix.getUsername() != null) {
                return new OsUser(unix.getUsername(), Long.toString(unix.getUid()));
            }
        } catch (LinkageError | RuntimeException notUnix) {
            // jdk.security.auth absent, or no native support: fall back to the environment, marked as such
        }
        String env = System.getenv("USER") != null ? System.getenv("USER") : System.getenv("USERNAME");
        return new OsUser(env == null ? "unknown" : env, "env");
    }
}
