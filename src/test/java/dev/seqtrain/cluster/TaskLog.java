package dev.seqtrain.cluster;

import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerStageSubmitted;
import org.apache.spark.scheduler.SparkListenerTaskEnd;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.atomic.AtomicInteger;

/** Which executors ran tasks, and which stages ran: what a test needs to tell that work left the driver. */
final class TaskLog extends SparkListener {
    private final Map<String, AtomicInteger> tasksByExecutor = new ConcurrentHashMap<>();
    private final Set<String> stageNames = new ConcurrentSkipListSet<>();

    @Override
    public void onStageSubmitted(SparkListenerStageSubmitted event) {
        stageNames.add(event.stageInfo().name());
    }

    @Override
    public void onTaskEnd(SparkListenerTaskEnd event) {
        tasksByExecutor.computeIfAbsent(event.taskInfo().executorId(), k -> new AtomicInteger()).incrementAndGet();
    }

    Map<String, AtomicInteger> tasksByExecutor() {
        return tasksByExecutor;
    }

    Set<String> stageNames() {
        return stageNames;
    }
}
