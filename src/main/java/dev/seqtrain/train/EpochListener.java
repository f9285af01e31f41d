package dev.seqtrain.train;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

import java.util.List;

/** Called after each completed (finite-loss, validated) epoch, e.g. to write a checkpoint. */
@FunctionalInterface
public interface EpochListener {
    EpochListener NONE = (network, history, stopping) -> { };

    void epochEnded(MultiLayerNetwork network, List<EpochRecord> history, EarlyStopping stopping);
}
