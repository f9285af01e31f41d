package dev.seqtrain.store;

import org.apache.hadoop.conf.Configuration;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Hadoop client settings that bound every remote filesystem call by {@code io.timeout_seconds}. Hadoop's own
 * defaults never give up on a NameNode that accepts connections and does not answer (the IPC client pings it
 * forever), retry a refused connection 10 times a second apart, and one that times out 45 times.
 */
public final class IoTimeouts {
    private IoTimeouts() {
    }

    /** Hadoop key -> value, for a Configuration or (prefixed with {@code spark.hadoop.}) for executors. */
    public static Map<String, String> settings(int timeoutSeconds) {
        String ms = String.valueOf(timeoutSeconds * 1000L);
        Map<String, String> s = new LinkedHashMap<>();
        // HDFS NameNode (Hadoop IPC). rpc-timeout is what ends a call to a NameNode that accepts and never answers:
        // without it Hadoop 3.3.4 pings that NameNode forever (measured: still waiting after 40 s; with it, 2.0 s)
        s.put("ipc.client.rpc-timeout.ms", ms);
        s.put("ipc.client.connect.timeout", ms);
        s.put("ipc.client.connect.max.retries", "1");
        s.put("ipc.client.connect.max.retries.on.timeouts", "0");
        // HDFS DataNodes: reading and writing blocks
        s.put("dfs.client.socket-timeout", ms);
        s.put("dfs.datanode.socket.write.timeout", ms);
        // S3A (milliseconds in Hadoop 3.3); each request tried at most twice
        s.put("fs.s3a.connection.establish.timeout", ms);
        s.put("fs.s3a.connection.timeout", ms);
        s.put("fs.s3a.attempts.maximum", "1");
        s.put("fs.s3a.retry.limit", "1");
        return s;
    }

    /** Sets the timeouts on {@code conf}, except keys the user set there (spark.hadoop.*, core-site.xml). */
    public static Configuration apply(Configuration conf, int timeoutSeconds) {
        settings(timeoutSeconds).forEach((k, v) -> {
            if (!isSetByUser(conf, k)) conf.set(k, v);
        });
        return conf;
    }

    private static boolean isSetByUser(Configuration conf, String key) {
        String[] sources = conf.getPropertySources(key);
        if (sources == null) return false;
        for (String s : sources) {
            if (!s.endsWith("-default.xml") && !s.equals("programmatically")) return true;
        }
        return false;
    }
}
