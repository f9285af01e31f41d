package dev.seqtrain.train;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.List;
import java.util.function.IntFunction;

/**
 * Where the epoch loop begins: a new network and no history, or a checkpoint's network (with updater state) and the
 * history up to it. {@code paramsOfEpoch} gives an earlier epoch's weights (from its checkpoint) for early stopping's
 * {@code restore_best_weights}; null for a fresh start.
 */
public record TrainingStart(MultiLayerNetwork network, List<EpochRecord> history, IntFunction<INDArray> paramsOfEpoch) {

    public TrainingStart {
        history = List.copyOf(history);
    }

    public static TrainingStart fresh(MultiLayerNetwork network) {
        return new TrainingStart(network, List.of(), null);
    }

    /** The last epoch already trained (0 for a fresh start). */
    public int epochsDone() {
        return history.isEmpty() ? 0 : history.get(history.size() - 1).epoch();
    }
}
