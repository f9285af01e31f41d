package dev.seqtrain.bench;

import com.sun.management.GarbageCollectionNotificationInfo;

import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Peak Java heap of this JVM during one phase. Two numbers: the highest heap occupancy sampled every 10 ms (live
 * objects plus garbage not yet collected: what the -Xmx limit has to hold) and the highest occupancy right after a
 * garbage collection (from the JVM's GC notifications: the live set plus what that collection did not reclaim). In
 * Spark local mode the executor tasks run in this JVM, so both include them, Spark's block manager and shuffle
 * buffers, not only the driver's own objects.
 */
public final class HeapMeter implements AutoCloseable {
    private final Set<String> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(p -> p.getType() == java.lang.management.MemoryType.HEAP)
            .map(java.lang.management.MemoryPoolMXBean::getName).collect(Collectors.toSet());
    private final List<GarbageCollectorMXBean> collectors = ManagementFactory.getGarbageCollectorMXBeans();
    private final NotificationListener listener = this::onGc;
    private final Thread sampler;
    private volatile boolean running = true;
    private volatile long peakUsed;
    private volatile long peakAfterGc;
    private volatile long collections;

    private HeapMeter() {
        for (GarbageCollectorMXBean gc : collectors) {
            ((NotificationEmitter) gc).addNotificationListener(listener, null, null);
        }
        sampler = new Thread(this::sample, "heap-meter");
        sampler.setDaemon(true);
        sampler.start();
    }

    public static HeapMeter start() {
        return new HeapMeter();
    }

    private void sample() {
        while (running) {
            long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            if (used > peakUsed) peakUsed = used;
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private synchronized void onGc(Notification n, Object handback) {
        if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) return;
        GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
        long after = 0;
        for (var e : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
            if (heapPools.contains(e.getKey())) after += ((MemoryUsage) e.getValue()).getUsed();
        }
        collections++;
        if (after > peakAfterGc) peakAfterGc = after;
    }

    /** Highest sampled heap occupancy, bytes. */
    public long peakUsed() {
        return peakUsed;
    }

    /** Highest heap occupancy right after a collection, bytes (0 if no collection ran). */
    public long peakAfterGc() {
        return peakAfterGc;
    }

    public long collections() {
        return collections;
    }

    public static long maxHeap() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getMax();
    }

    @Override
    public void close() {
        running = false;
        sampler.interrupt();
        for (GarbageCollectorMXBean gc : collectors) {
            try {
                ((NotificationEmitter) gc).removeNotificationListener(listener);
            } catch (ListenerNotFoundException ignored) {
                // never added: nothing to remove
            }
        }
    }
}
