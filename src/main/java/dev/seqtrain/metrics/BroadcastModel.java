package dev.seqtrain.metrics;

import dev.seqtrain.store.ModelZip;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A network shipped to the executors once, as model.zip bytes without updater state (inference needs none), and
 * restored there lazily. Restored networks are pooled per JVM under the SHA-256 of the configuration and weights: a task borrows one for
 * its whole partition and gives it back, so a JVM restores a model at most as many times as it runs tasks at once,
 * however many partitions, jobs or broadcasts of the same weights it scores. A network is never shared by two tasks
 * at the same time (DL4J's {@code output} is not thread-safe). The pool holds the newest model only: another model
 * (e.g. the next epoch's weights) replaces it.
 */
public final class BroadcastModel implements Serializable {
    private static final long serialVersionUID = 1L;

    private static String pooledKey;
    private static final Deque<MultiLayerNetwork> IDLE = new ArrayDeque<>();
    private static final AtomicInteger RESTORES = new AtomicInteger();

    private final Broadcast<byte[]> bytes;
    private final String key;

    private BroadcastModel(Broadcast<byte[]> bytes, String key) {
        this.bytes = bytes;
        this.key = key;
    }

    public static BroadcastModel of(JavaSparkContext jsc, MultiLayerNetwork network) {
        return new BroadcastModel(jsc.broadcast(ModelZip.write(network, false)), weightsKey(network));
    }

    /** A network for the calling task only: from the pool, else restored from the broadcast bytes. */
    public MultiLayerNetwork borrow() {
        synchronized (IDLE) {
            if (!key.equals(pooledKey)) {
                IDLE.clear();
                pooledKey = key;
            }
            MultiLayerNetwork idle = IDLE.pollFirst();
            if (idle != null) return idle;
        }
        MultiLayerNetwork net = ModelZip.read(bytes.value(), "the broadcast network", false);
        RESTORES.incrementAndGet();
        return net;
    }

    /** Returns a borrowed network to the pool for the next partition on this JVM. */
    public void giveBack(MultiLayerNetwork network) {
        synchronized (IDLE) {
            if (key.equals(pooledKey)) IDLE.addFirst(network);
        }
    }

    /** Releases the broadcast bytes once scoring is done; the pooled networks stay for the same weights' next job. */
    public void destroy() {
        bytes.destroy();
    }

    /** Networks restored from broadcast bytes in this JVM so far (tests check that it is per task slot, not per row). */
    public static int restores() {
        return RESTORES.get();
    }

    /** The configuration and parameters' SHA-256: the zip's bytes carry timestamps, so equal weights differ there. */
    private static String weightsKey(MultiLayerNetwork network) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(network.getLayerWiseConfigurations().toJson().getBytes(StandardCharsets.UTF_8));
            sha.update(network.params().dup().data().asBytes());
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
