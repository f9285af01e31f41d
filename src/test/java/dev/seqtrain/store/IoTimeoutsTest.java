package dev.seqtrain.store;

import org.apache.hadoop.conf.Configuration;
import org.apache.spark.SparkConf;
import org.apache.spark.deploy.SparkHadoopUtil;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** io.timeout_seconds becomes Hadoop's client timeouts, except where the user set a key through Spark or Hadoop. */
class IoTimeoutsTest {

    @Test
    void timeoutsAreSetAndAnExplicitSparkHadoopKeyWins() {
        Configuration conf = SparkHadoopUtil.get().newConfiguration(new SparkConf(false)
                .set("spark.hadoop.dfs.client.socket-timeout", "123000"));
        IoTimeouts.apply(conf, 7);
        assertEquals("7000", conf.get("ipc.client.rpc-timeout.ms"));
        assertEquals("7000", conf.get("ipc.client.connect.timeout"));
        assertEquals("0", conf.get("ipc.client.connect.max.retries.on.timeouts"));
        assertEquals("7000", conf.get("fs.s3a.connection.timeout"));
        assertEquals("123000", conf.get("dfs.client.socket-timeout"), "spark.hadoop.* set by the user wins");
        // a second job in the same JVM with another timeout replaces seqtrain's own values
        IoTimeouts.apply(conf, 3);
        assertEquals("3000", conf.get("ipc.client.rpc-timeout.ms"));
    }
}
