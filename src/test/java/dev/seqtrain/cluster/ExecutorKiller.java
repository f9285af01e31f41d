package dev.seqtrain.cluster;

import org.apache.spark.ExecutorLostFailure;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerExecutorAdded;
import org.apache.spark.scheduler.SparkListenerStageSubmitted;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.SparkListenerTaskStart;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Kills (SIGKILL) the executor JVM that runs the first task of the first stage whose name starts with
 * {@code stagePrefix}, a few seconds into that task, once. Records what followed: tasks lost with the executor and
 * executors added afterwards.
 */
final class ExecutorKiller extends SparkListener {
    private final String stagePrefix;
    private final Map<String, Long> pids;
    private final long delayMillis;
    private final Map<Integer, String> stageNames = new ConcurrentHashMap<>();
    private final AtomicReference<String> killed = new AtomicReference<>();
    private final AtomicInteger tasksLostWithExecutor = new AtomicInteger();
    private final Set<String> executorsAdded = new ConcurrentSkipListSet<>();

    /** {@code pids}: executor id → pid of its JVM. */
    ExecutorKiller(String stagePrefix, Map<String, Long> pids, long delayMillis) {
        this.stagePrefix = stagePrefix;
        this.pids = pids;
        this.delayMillis = delayMillis;
    }

    @Override
    public void onStageSubmitted(SparkListenerStageSubmitted event) {
        stageNames.put(event.stageInfo().stageId(), event.stageInfo().name());
    }

    @Override
    public void onTaskStart(SparkListenerTaskStart event) {
        String stage = stageNames.getOrDefault(event.stageId(), "");
        String executor = event.taskInfo().executorId();
        if (stage.startsWith(stagePrefix) && pids.containsKey(executor) && killed.compareAndSet(null, executor)) {
            long pid = pids.get(executor);
            Thread kill = new Thread(() -> {
                LocalCluster.sleep(delayMillis);
                ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
            }, "kill-executor-" + executor);
            kill.setDaemon(true);
            kill.start();
        }
    }

    @Override
    public void onTaskEnd(SparkListenerTaskEnd event) {
        if (event.reason() instanceof ExecutorLostFailure) {
            tasksLostWithExecutor.incrementAndGet();
        }
    }

    @Override
    public void onExecutorAdded(SparkListenerExecutorAdded event) {
        executorsAdded.add(event.executorId());
    }

    /** The executor id killed, or null when no matching task started. */
    String killed() {
        return killed.get();
    }

    int tasksLostWithExecutor() {
        return tasksLostWithExecutor.get();
    }

    Set<String> executorsAdded() {
        return executorsAdded;
    }
}
