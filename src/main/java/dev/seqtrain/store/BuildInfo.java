package dev.seqtrain.store;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * What was built and what it runs on: seqtrain's version and git commit (written into {@code seqtrain-build.properties}
 * at build time; "unknown" in a build without {@code .git}) and the versions of the libraries on the classpath, read
 * from the {@code pom.properties} Maven puts in every jar, so nothing has to be loaded to ask.
 */
public final class BuildInfo {
    public static final String UNKNOWN = "unknown";
    private static final Properties BUILD = load("/seqtrain-build.properties");

    private BuildInfo() {
    }

    public static String version() {
        return value("version");
    }

    public static String gitCommit() {
        return value("git.commit");
    }

    /** A Maven artifact's version on the classpath, or "unknown". */
    public static String library(String groupId, String artifactId) {
        Properties p = load("/META-INF/maven/" + groupId + "/" + artifactId + "/pom.properties");
        return p.getProperty("version", UNKNOWN);
    }

    private static String value(String key) {
        String v = BUILD.getProperty(key);
        // an unresolved ${...}: the build had no git metadata to fill it in
        return v == null || v.isBlank() || v.startsWith("${") ? UNKNOWN : v;
    }

    private static Properties load(String resource) {
        Properties p = new Properties();
        try (InputStream in = BuildInfo.class.getResourceAsStream(resource)) {
            if (in != null) p.load(in);
        } catch (IOException e) {
            // provenance is a record of what is known; a missing entry reads as unknown
        }
        return p;
    }
}
