package dev.seqtrain.train;

import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;

import java.util.Locale;
import java.util.function.Consumer;

/**
 * A progress line within an epoch, at most every {@code training.progress_seconds}:
 * {@code epoch 3/10  42% (21/50 batches)  31 s elapsed, ETA 43 s}. Registered on the driver's SparkContext during
 * training; every finished task is a chance to print. The count is of mini-batches the workers have fitted
 * ({@link FittedBatches}); the expected number is the epoch's batch count with exact averaging rounds (all of them are
 * fitted), and with DL4J's own splits the previous epoch's count or, first, an estimate from the row count; the line
 * never says 100% before the epoch's fit returns.
 */
final class EpochProgress extends SparkListener {
    private final FittedBatches fitted;
    private final int epochs;
    private final long throttleNanos;
    private final Consumer<String> log;

    private boolean active;
    private int epoch;
    private long countAtStart;
    private long expected;
    private long startNanos;
    private long lastLineNanos;

    EpochProgress(FittedBatches fitted, int epochs, double throttleSeconds, Consumer<String> log) {
        this.fitted = fitted;
        this.epochs = epochs;
        this.throttleNanos = (long) (throttleSeconds * 1e9);
        this.log = log;
    }

    synchronized void begin(int epoch, long expectedBatches) {
        this.epoch = epoch;
        this.expected = expectedBatches;
        this.countAtStart = fitted.total();
        this.startNanos = System.nanoTime();
        this.lastLineNanos = startNanos;
        this.active = true;
    }

    /** Ends the epoch; returns the batches fitted in it. */
    synchronized long end() {
        active = false;
        return fitted.total() - countAtStart;
    }

    @Override
    public void onTaskEnd(SparkListenerTaskEnd taskEnd) {
        lineIfDue(System.nanoTime());
    }

    private synchronized void lineIfDue(long now) {
        if (!active || throttleNanos <= 0 || now - lastLineNanos < throttleNanos) return;
        lastLineNanos = now;
        log.accept(line(epoch, epochs, fitted.total() - countAtStart, expected, (now - startNanos) / 1e9));
    }

    /**
     * {@code expected} is an estimate: the shown total is never below {@code done}, and the percentage stops at 99
     * until the epoch ends. The ETA extrapolates the epoch's own pace.
     */
    static String line(int epoch, int epochs, long done, long expected, double elapsedSeconds) {
        long total = Math.max(expected, done);
        int percent = total == 0 ? 0 : (int) Math.min(99, 100 * done / total);
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "epoch %d/%d  %d%% (%d/%d batches)  %.0f s elapsed",
                epoch, epochs, percent, done, total, elapsedSeconds));
        if (done > 0) {
            sb.append(String.format(Locale.ROOT, ", ETA %.0f s", elapsedSeconds * (total - done) / done));
        }
        return sb.toString();
    }
}
