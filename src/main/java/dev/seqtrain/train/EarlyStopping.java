package dev.seqtrain.train;

import dev.seqtrain.errors.ExitCode;
import dev.seqtrain.errors.SeqtrainException;
import dev.seqtrain.errors.SpecException;
import dev.seqtrain.job.TrainingSpec.EarlyStoppingSpec;
import dev.seqtrain.model.Task;

import java.util.Locale;

/**
 * Keras' {@code EarlyStopping} callback, epoch by epoch: the monitored value improves when it beats the best so far by
 * more than {@code min_delta} (lower is better for losses, higher for accuracy); training stops once it has not
 * improved for {@code patience} epochs in a row (never after the first epoch, as in Keras). Pure bookkeeping: the
 * trainer keeps the best weights, and a resumed job replays the history to get the same state back.
 */
public final class EarlyStopping {
    private final EarlyStoppingSpec spec;
    private final boolean higherIsBetter;
    private double best;
    private int bestEpoch;
    private int wait;
    private boolean stop;

    private EarlyStopping(EarlyStoppingSpec spec) {
        this.spec = spec;
        this.higherIsBetter = spec != null && spec.monitor().higherIsBetter();
        this.best = higherIsBetter ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
    }

    /** {@code null} (no {@code training.early_stopping}): never stops, restores nothing. */
    public static EarlyStopping of(EarlyStoppingSpec spec) {
        return new EarlyStopping(spec);
    }

    /**
     * Rejects a monitor the task does not compute (val_mse for a classifier, val_accuracy for a regression) before
     * training starts; {@code spec} null passes.
     */
    public static void checkMonitor(EarlyStoppingSpec spec, Task task) {
        if (spec == null) return;
        EarlyStoppingSpec.Monitor monitor = spec.monitor();
        if (task == Task.REGRESSION ? monitor.classificationOnly() : monitor.regressionOnly()) {
            throw new SpecException("training.early_stopping.monitor: " + monitor + " is not computed for a "
                    + task.name().toLowerCase(Locale.ROOT) + " model; use val_loss or loss"
                    + (task == Task.REGRESSION ? ", val_mse or val_mae" : ", or val_accuracy"));
        }
    }

    public boolean enabled() {
        return spec != null;
    }

    /** Records an epoch; returns true when it is the new best. */
    public boolean observe(EpochRecord r) {
        if (spec == null) return false;
        double current = r.monitored(spec.monitor().toString());
        if (Double.isNaN(current)) {
            throw new SeqtrainException(ExitCode.USAGE, "training.early_stopping.monitor: " + spec.monitor()
                    + " is not computed for this model's task; use val_loss or loss");
        }
        wait++;
        if (improves(current)) {
            best = current;
            bestEpoch = r.epoch();
            wait = 0;
            return true;
        }
        if (wait >= spec.patience() && r.epoch() > 1) stop = true;
        return false;
    }

    private boolean improves(double current) {
        return higherIsBetter ? current - spec.minDelta() > best : current + spec.minDelta() < best;
    }

    /** True once patience has run out. */
    public boolean shouldStop() {
        return stop;
    }

    /** The epoch with the best monitored value so far; 0 before any or when disabled. */
    public int bestEpoch() {
        return bestEpoch;
    }

    public double best() {
        return best;
    }

    public String monitor() {
        return spec == null ? null : spec.monitor().toString();
    }

    /** Whether stopping early should bring back the best epoch's weights (Keras: only when it stops early). */
    public boolean restoresBestWeights() {
        return spec != null && spec.restoreBestWeights();
    }

    public String describe() {
        return String.format(Locale.ROOT, "%s has not improved by more than %s for %d epoch(s); best %.4f at epoch %d",
                spec.monitor(), spec.minDelta(), Math.max(spec.patience(), 1), best, bestEpoch);
    }
}
