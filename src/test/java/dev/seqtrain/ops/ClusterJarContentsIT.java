package dev.seqtrain.ops;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * target/seqtrain-cluster.jar, which every package builds (Failsafe runs this after package): Spark, Scala and Hadoop
 * left to the cluster, ND4J's ServiceLoader files merged, no signatures, only linux-x86_64 natives.
 */
class ClusterJarContentsIT {
    static final Path JAR = Paths.get(System.getProperty("seqtrain.cluster.jar", "target/seqtrain-cluster.jar")).toAbsolutePath();

    @Test
    void clusterJarHoldsSeqtrainAndNd4jButNotSpark() throws IOException {
        assertTrue(Files.isRegularFile(JAR), "no " + JAR + ": 'mvn -DskipTests package' builds it");
        try (JarFile jar = new JarFile(JAR.toFile())) {
            List<String> names = jar.stream().map(ZipEntry::getName).toList();
            for (String absent : List.of("org/apache/spark/SparkContext.class", "scala/Predef.class",
                    "org/apache/hadoop/fs/FileSystem.class", "io/netty/channel/Channel.class", "module-info.class")) {
                assertTrue(!names.contains(absent), absent + " must be left to the cluster / stripped");
            }
            assertTrue(names.stream().noneMatch(n -> n.matches("META-INF/[^/]+\\.(SF|DSA|RSA)")), "signature files left");
            assertTrue(names.stream().noneMatch(n -> n.matches(".*/(windows|macosx|android|ios|linux-arm64|linux-ppc64le)-[^/]*/.+\\.(so|dll|dylib)")),
                    "natives for another platform");
            assertTrue(names.contains("dev/seqtrain/cli/Main.class"));
            assertTrue(names.contains("org/deeplearning4j/spark/impl/multilayer/SparkDl4jMultiLayer.class"));
            assertTrue(names.contains("org/nd4j/linalg/cpu/nativecpu/bindings/linux-x86_64/libnd4jcpu.so"));
            // spark-stats.html (training.collect_stats): DL4J's page template, its chart code, FreeMarker, the clock
            for (String statsPage : List.of("org/deeplearning4j/ui/standalone/staticpage.ftl", "assets/dl4j-ui.js",
                    "freemarker/template/Template.class", "org/deeplearning4j/spark/time/SystemClockTimeSource.class")) {
                assertTrue(names.contains(statsPage), statsPage + " missing");
            }

            // merged, not overwritten: the backend entry sits beside other modules' entries of the same service
            String backends = read(jar, "META-INF/services/org.nd4j.linalg.factory.Nd4jBackend");
            assertTrue(backends.contains("org.nd4j.linalg.cpu.nativecpu.CpuBackend"), backends);
            // nd4j-native and nd4j-native-api both register compressors: both must survive the merge
            String compressors = read(jar, "META-INF/services/org.nd4j.linalg.compression.NDArrayCompressor");
            assertTrue(compressors.contains("org.nd4j.linalg.cpu.nativecpu.compression.CpuThreshold")
                    && compressors.contains("org.nd4j.compression.impl.Gzip"), compressors);

            Manifest manifest = jar.getManifest();
            assertEquals("dev.seqtrain.cli.Main", manifest.getMainAttributes().getValue("Main-Class"));
        }
    }

    static String read(JarFile jar, String name) throws IOException {
        ZipEntry e = jar.getEntry(name);
        assertNotNull(e, name + " missing");
        try (InputStream in = jar.getInputStream(e)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
