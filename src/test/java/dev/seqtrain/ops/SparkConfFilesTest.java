package dev.seqtrain.ops;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * conf/*.conf as Spark reads them (java.util.Properties): Kryo with seqtrain's registrator, one BLAS thread per task,
 * and ND4J's off-heap limits that fit in the memory the cluster grants the executor.
 */
class SparkConfFilesTest {
    static final Path CONF = Paths.get(System.getProperty("user.dir"), "conf");

    static Properties load(String env) throws Exception {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(CONF.resolve(env + ".conf"))) {
            p.load(r);
        }
        return p;
    }

    /** Spark's size syntax (4g, 6656m) in MiB. */
    static long mib(String size) {
        Matcher m = Pattern.compile("(\\d+)([kmgt]?)b?").matcher(size.trim().toLowerCase());
        assertTrue(m.matches(), size);
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "k" -> n / 1024;
            case "g" -> n * 1024;
            case "t" -> n * 1024 * 1024;
            default -> n;
        };
    }

    static long javaOption(String options, String name) {
        Matcher m = Pattern.compile("-D" + Pattern.quote(name) + "=(\\S+)").matcher(options);
        assertTrue(m.find(), name + " missing in " + options);
        return mib(m.group(1));
    }

    @ParameterizedTest
    @ValueSource(strings = {"local", "standalone", "yarn", "k8s", "yarn-gpu", "k8s-gpu"})
    void kryoWithSeqtrainsRegistratorAndOneBlasThread(String env) throws Exception {
        Properties p = load(env);
        assertEquals("org.apache.spark.serializer.KryoSerializer", p.getProperty("spark.serializer"));
        String registrator = p.getProperty("spark.kryo.registrator");
        assertEquals(dev.seqtrain.spark.SeqtrainKryoRegistrator.class, Class.forName(registrator));
        assertEquals("1", p.getProperty("spark.executorEnv.OMP_NUM_THREADS"));
        assertNotNull(p.getProperty("spark.master"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"standalone", "yarn", "k8s", "yarn-gpu", "k8s-gpu"})
    void offHeapLimitsFitTheExecutorsMemory(String env) throws Exception {
        Properties p = load(env);
        String options = p.getProperty("spark.executor.extraJavaOptions");
        assertNotNull(options, env);
        long heap = mib(p.getProperty("spark.executor.memory"));
        long overhead = mib(p.getProperty("spark.executor.memoryOverhead"));
        long maxBytes = javaOption(options, "org.bytedeco.javacpp.maxbytes");
        long maxPhysical = javaOption(options, "org.bytedeco.javacpp.maxphysicalbytes");
        // the overhead holds ND4J's off-heap arrays plus the JVM's own native memory (at least 512 MiB)
        assertTrue(overhead >= maxBytes + 512, env + ": memoryOverhead " + overhead + " < maxbytes " + maxBytes + " + 512");
        // JavaCPP refuses an allocation (a clear OutOfMemoryError) before the container limit kills the executor
        assertTrue(maxPhysical >= heap + maxBytes, env + ": maxphysicalbytes below heap + maxbytes");
        assertTrue(maxPhysical < heap + overhead, env + ": maxphysicalbytes not below the container's heap + overhead");
    }

    @ParameterizedTest
    @ValueSource(strings = {"yarn-gpu", "k8s-gpu"})
    void gpuExecutorsRunOneTaskOnOneGpu(String env) throws Exception {
        Properties p = load(env);
        assertEquals("1", p.getProperty("spark.executor.resource.gpu.amount"));
        assertEquals("1", p.getProperty("spark.task.resource.gpu.amount"));
        assertEquals(p.getProperty("spark.executor.cores"), p.getProperty("spark.task.cpus"));
        assertTrue(p.getProperty("spark.executor.resource.gpu.discoveryScript").endsWith("/getGpusResources.sh"));
        assertTrue(Files.isExecutable(CONF.resolve("getGpusResources.sh")));
    }
}
