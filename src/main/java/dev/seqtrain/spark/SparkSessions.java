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
        SparkConf conf = new SparkConf(true);
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
}
