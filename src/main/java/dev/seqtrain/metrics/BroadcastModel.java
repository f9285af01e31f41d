package dev.seqtrain.metrics;

import dev.seqtrain.store.ModelZip;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

import java.io.Serializable;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A network shipped to the executors once, as model.zip bytes without updater state (inference needs none), and
 * restored there lazily. Restored networks are pooled per JVM: a task borrows one for its whole partition and gives it
 * back, so a JVM restores at most as many networks as it runs tasks at once, however many partitions it scores. A
 * network is never shared by two tasks at the same time (DL4J's {@code output} is not thread-safe).
 */
public final class BroadcastModel implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The pool of the newest broadcast model in this JVM; an older model's networks are dropped. */
    private static long pooledId = -1;
    private static final Deque<MultiLayerNetwork> IDLE = new ArrayDeque<>();
    private static final AtomicInteger RESTORES = new AtomicInteger();

    private final Broadcast<byte[]> bytes;

    private BroadcastModel(Broadcast<byte[]> bytes) {
        this.bytes = bytes;
    }

    public static BroadcastModel of(JavaSparkContext jsc, MultiLayerNetwork network) {
        return new BroadcastModel(jsc.broadcast(ModelZip.write(network, false)));
    }

    /** A network for the calling task only: from the pool, else restored from the broadcast bytes. */
    public MultiLayerNetwork borrow() {
        synchronized (IDLE) {
            if (pooledId != bytes.id()) {
                IDLE.clear();
                pooledId = bytes.id();
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
            if (pooledId == bytes.id()) IDLE.addFirst(network);
        }
    }

    /** Releases the broadcast bytes once scoring is done, and this JVM's pooled networks (the driver's, in local mode). */
    public void destroy() {
        synchronized (IDLE) {
            if (pooledId == bytes.id()) IDLE.clear();
        }
        bytes.destroy();
    }

    /** Networks restored from broadcast bytes in this JVM so far (tests check that it is per task, not per row). */
    public static int restores() {
        return RESTORES.get();
    }
}
