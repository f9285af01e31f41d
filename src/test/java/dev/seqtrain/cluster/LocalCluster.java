package dev.seqtrain.cluster;

import dev.seqtrain.testing.LocalSpark;
import org.apache.spark.SparkEnv;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;

/**
 * A Spark {@code local-cluster}: a standalone master and workers inside this JVM, each executor a JVM of its own
 * started from {@code SPARK_HOME} (Surefire sets it; its {@code jars/} stays empty because the executors get this
 * JVM's classpath). The session is the default session, so the CLI reuses it and leaves it running.
 */
final class LocalCluster {
    static final int EXECUTORS = 2;

    private LocalCluster() {
    }

    static SparkSession start() throws IOException {
        String sparkHome = System.getenv("SPARK_HOME");
        if (sparkHome == null) {
            throw new IllegalStateException("SPARK_HOME is not set (pom.xml sets it for Surefire)");
        }
        Files.createDirectories(Path.of(sparkHome, "jars"));
        SparkSession spark = LocalSpark.builder("local-cluster[" + EXECUTORS + ",1,1024]", "seqtrain-cluster-tests", EXECUTORS)
                .config("spark.executor.extraClassPath", System.getProperty("java.class.path"))
                .config("spark.executorEnv.OMP_NUM_THREADS", "1")
                .getOrCreate();
        awaitExecutors(spark, EXECUTORS, Duration.ofMinutes(2));
        return spark;
    }

    /** Waits until {@code count} executors have registered (the driver is listed too). */
    static void awaitExecutors(SparkSession spark, int count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (spark.sparkContext().statusTracker().getExecutorInfos().length < count + 1) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("executors did not register within " + timeout);
            }
            sleep(200);
        }
    }

    /**
     * Executor id → pid of its JVM, from tasks that ran there. Enough small tasks that every executor gets some: one
     * core each, and each task waits a little so no executor takes them all.
     */
    static Map<String, Long> executorPids(SparkSession spark) {
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        List<Integer> slots = new ArrayList<>();
        IntStream.range(0, 8 * EXECUTORS).forEach(slots::add);
        List<String> seen = sc.parallelize(slots, slots.size()).map(i -> {
            Thread.sleep(100);
            return SparkEnv.get().executorId() + "=" + ProcessHandle.current().pid();
        }).distinct().collect();
        Map<String, Long> pids = new TreeMap<>();
        for (String s : seen) {
            String[] kv = s.split("=");
            pids.put(kv[0], Long.parseLong(kv[1]));
        }
        return Collections.unmodifiableMap(pids);
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
