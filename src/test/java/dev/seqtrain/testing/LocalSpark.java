package dev.seqtrain.testing;

import org.apache.spark.sql.SparkSession;

/**
 * The one SparkSession of a test JVM: {@code local[2]}, UI off, Kryo as in production, few shuffle partitions.
 * Created on first use and stopped when the JVM exits, so every test class shares it (Surefire reuses one fork).
 * Tests that change its Hadoop configuration restore it.
 */
public final class LocalSpark {
    private static SparkSession session;

    private LocalSpark() {
    }

    /**
     * The test settings every session shares (loopback, UI off, production Kryo, few shuffle partitions), for
     * {@code master} with {@code parallelism} slots: {@link #session()} and the {@code local-cluster} fixture.
     */
    public static SparkSession.Builder builder(String master, String appName, int parallelism) {
        return SparkSession.builder()
                .master(master)
                .appName(appName)
                .config("spark.ui.enabled", "false")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.sql.shuffle.partitions", "4")
                .config("spark.default.parallelism", String.valueOf(parallelism))
                .config("spark.serializer", "org.apache.spark.serializer.KryoSerializer")
                .config("spark.kryo.registrator", dev.seqtrain.spark.SeqtrainKryoRegistrator.class.getName())
                .config("spark.sql.warehouse.dir", System.getProperty("java.io.tmpdir") + "/" + appName + "-warehouse");
    }

    public static synchronized SparkSession session() {
        if (session == null) {
            session = builder("local[2]", "seqtrain-tests", 2).getOrCreate();
            SparkSession started = session;
            Runtime.getRuntime().addShutdownHook(new Thread(started::stop, "stop-local-spark"));
        }
        return session;
    }
}
