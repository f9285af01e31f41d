package dev.seqtrain.spark;

import org.apache.spark.SparkContext;
import org.apache.spark.SparkEnv;
import org.apache.spark.api.java.JavaSparkContext;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Logs, once per Spark application, which ND4J backend and device the driver and every executor run on: a GPU job
 * that silently fell back to the CPU backend (or a worker without CUDA) shows in the first lines of the log.
 * Executors log their own line (in their log) and send it back so the driver's log lists them all.
 */
public final class BackendReport {
    private static final Logger LOG = LoggerFactory.getLogger("seqtrain");
    private static final Set<String> REPORTED_APPS = ConcurrentHashMap.newKeySet();
    private static final AtomicBoolean EXECUTOR_LOGGED = new AtomicBoolean();

    private BackendReport() {
    }

    public static void logOnce(SparkContext sc) {
        if (!REPORTED_APPS.add(sc.applicationId())) return;
        LOG.info("ND4J on the driver: {}", describe());
        if (sc.isLocal()) return; // local mode: the executors are the driver's JVM
        try {
            int slots = Math.max(1, sc.defaultParallelism());
            List<Integer> ids = IntStream.range(0, slots).boxed().collect(Collectors.toList());
            List<String> lines = JavaSparkContext.fromSparkContext(sc).parallelize(ids, slots)
                    .mapPartitions(ignored -> List.of(executorLine()).iterator())
                    .collect();
            new LinkedHashSet<>(lines).forEach(LOG::info);
        } catch (RuntimeException e) {
            // the report must not change the job's outcome; the job itself fails with its own error if it must
            LOG.warn("could not ask the executors for their ND4J backend: {}", e.toString());
        }
    }

    private static String executorLine() throws Exception {
        ExecutorLogging.adoptShippedConfiguration();
        String line = "ND4J on executor " + SparkEnv.get().executorId() + " ("
                + InetAddress.getLocalHost().getHostName() + "): " + describe();
        if (EXECUTOR_LOGGED.compareAndSet(false, true)) LOG.info(line);
        return line;
    }

    /** e.g. {@code CpuBackend, backend=CPU, blas.vendor=OPENBLAS, omp.threads=1, cores=2, device 0 of 1}. */
    public static String describe() {
        Properties env = Nd4j.getExecutioner().getEnvironmentInformation();
        List<String> parts = new ArrayList<>();
        parts.add(Nd4j.getBackend().getClass().getSimpleName());
        for (String key : List.of("backend", "blas.vendor", "omp.threads", "cores", "cuda.availableDevices")) {
            if (env.get(key) != null) parts.add(key + "=" + env.get(key));
        }
        if (env.get("cuda.devicesInformation") instanceof List<?> devices) {
            parts.add("gpus=" + devices.stream()
                    .map(d -> d instanceof Map<?, ?> m ? String.valueOf(m.get("cuda.deviceName")) : String.valueOf(d))
                    .collect(Collectors.joining("|")));
        }
        parts.add("device " + Nd4j.getAffinityManager().getDeviceForCurrentThread()
                + " of " + Nd4j.getAffinityManager().getNumberOfDevices());
        return String.join(", ", parts);
    }
}
