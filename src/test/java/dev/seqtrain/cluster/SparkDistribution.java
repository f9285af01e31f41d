package dev.seqtrain.cluster;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A Spark installation assembled from the project's Maven jars (no Spark download exists here): {@code jars/} links the
 * jars the dependency plugin listed in the files named by {@code -Dseqtrain.spark.classpath.files} (pom.xml,
 * "spark-distribution-*": Spark's runtime closure, without DL4J, ND4J or seqtrain), and {@code bin/} holds
 * {@code spark-class} and {@code spark-submit} scripts that run Spark's own launcher, as a download's do.
 */
final class SparkDistribution {
    static final String CLASSPATH_FILES = "seqtrain.spark.classpath.files";

    private final Path home;

    private SparkDistribution(Path home) {
        this.home = home;
    }

    static SparkDistribution assemble(Path home) throws IOException {
        String files = System.getProperty(CLASSPATH_FILES);
        if (files == null) {
            throw new IllegalStateException("-D" + CLASSPATH_FILES + " is not set (pom.xml sets it for Failsafe)");
        }
        Path jars = Files.createDirectories(home.resolve("jars"));
        for (String file : files.split(",")) {
            for (String entry : Files.readString(Path.of(file.strip())).strip().split(File.pathSeparator)) {
                Path jar = Path.of(entry.strip());
                Path link = jars.resolve(jar.getFileName());
                if (!Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    Files.createSymbolicLink(link, jar);
                }
            }
        }
        Files.createDirectories(home.resolve("conf"));
        Path bin = Files.createDirectories(home.resolve("bin"));
        for (String script : List.of("spark-class", "spark-submit")) {
            try (InputStream in = SparkDistribution.class.getResourceAsStream(script)) {
                if (in == null) throw new IllegalStateException("test resource " + script + " missing");
                Files.copy(in, bin.resolve(script), StandardCopyOption.REPLACE_EXISTING);
            }
            Files.setPosixFilePermissions(bin.resolve(script), PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        return new SparkDistribution(home);
    }

    Path home() {
        return home;
    }

    List<String> jarNames() throws IOException {
        try (Stream<Path> s = Files.list(home.resolve("jars"))) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /** {@code bin/spark-class CLASS ARGS}: how sbin/start-master.sh and start-worker.sh start the daemons. */
    List<String> sparkClass(String mainClass, List<String> args) {
        List<String> command = new ArrayList<>(List.of("bash", home.resolve("bin/spark-class").toString(), mainClass));
        command.addAll(args);
        return command;
    }

    /**
     * What every process of this installation gets: its home, the Scala version (the launcher otherwise looks for a
     * source build), loopback only, and scratch space under {@code localDirs} (shuffle files, fetched jars).
     */
    Map<String, String> environment(Path localDirs) {
        return Map.of("SPARK_HOME", home.toString(), "SPARK_SCALA_VERSION", "2.12", "SPARK_LOCAL_IP", "127.0.0.1",
                "SPARK_LOCAL_DIRS", localDirs.toString());
    }
}
