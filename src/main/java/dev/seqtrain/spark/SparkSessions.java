package dev.seqtrain.spark;

import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * The SparkSession every job uses. The master comes from spark-submit ({@code spark.master}); without one (the local
 * launcher, an IDE) it is {@code local[*]}. Kryo with ND4J's registrator serialises DataSets and INDArrays compactly.
 */
public final class SparkSessions {
    private SparkSessions() {
    }

    public static SparkSession getOrCreate(String appName) {
        return getOrCreate(appName, java.util.Map.of());
    }

    /**
     * With Hadoop settings for the driver and the executors alike (as {@code spark.hadoop.*}), unless spark-submit or
     * spark-defaults.conf set them already. A session that exists keeps its owner's settings.
     */
    public static SparkSession getOrCreate(String appName, java.util.Map<String, String> hadoopSettings) {
        SparkConf conf = new SparkConf(true);
        hadoopSettings.forEach((k, v) -> conf.setIfMissing("spark.hadoop." + k, v));
        conf.setIfMissing("spark.master", "local[*]");
        conf.setIfMissing("spark.app.name", appName);
        conf.setIfMissing("spark.serializer", "org.apache.spark.serializer.KryoSerializer");
        conf.setIfMissing("spark.kryo.registrator", SeqtrainKryoRegistrator.class.getName());
        conf.setIfMissing("spark.ui.showConsoleProgress", "false");
        conf.setIfMissing("spark.sql.shuffle.partitions", String.valueOf(Math.max(4, 2 * Runtime.getRuntime().availableProcessors())));
        conf.setIfMissing("spark.executorEnv.OMP_NUM_THREADS", "1");
        SparkSession spark = SparkSession.builder().config(conf).getOrCreate();
        BackendReport.logOnce(spark.sparkContext());
        return spark;
    }

    /**
     * The Hadoop Configuration the session would use (spark.hadoop.* from spark-submit and spark-defaults.conf),
     * without starting one: for the checks that run before Spark does.
     */
    public static org.apache.hadoop.conf.Configuration hadoopConfiguration() {
        return SparkSession.getDefaultSession().isDefined()
                ? new org.apache.hadoop.conf.Configuration(SparkSession.getDefaultSession().get().sparkContext().hadoopConfiguration())
                : org.apache.spark.deploy.SparkHadoopUtil.get().newConfiguration(new SparkConf(true));
    }
}
