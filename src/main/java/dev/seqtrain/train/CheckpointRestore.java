package dev.seqtrain.train;

import dev.seqtrain.errors.ExitCode;
import dev.seqtrain.errors.SeqtrainException;
import org.deeplearning4j.nn.api.Updater;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.slf4j.LoggerFactory;

/**
 * Moves a checkpoint's state into a network built from the current spec: weights, optimizer state and the
 * iteration/epoch counters (Adam's bias correction depends on them). Building from the spec, not taking the
 * checkpoint's network as is, lets a resumed job change the optimizer's settings, e.g. a lower learning rate after
 * a divergence; the layers must be the same.
 */
final class CheckpointRestore {
    private CheckpointRestore() {
    }

    static void transplant(MultiLayerNetwork saved, MultiLayerNetwork target, String checkpoint) {
        if (saved.numParams() != target.numParams() || saved.getnLayers() != target.getnLayers()) {
            throw new SeqtrainException(ExitCode.USAGE, String.format("%s: the checkpoint has %d layers and %,d "
                            + "parameters, model.layers now describes %d and %,d: the model changed since; rerun without --resume",
                    checkpoint, saved.getnLayers(), saved.numParams(), target.getnLayers(), target.numParams()));
        }
        for (int i = 0; i < target.getnLayers(); i++) {
            // the same counts with another layer class (a checkpoint written before seqtrain's own embedding or
            // recurrent engine) lays the same numbers out differently: copying them would scramble the weights
            String was = layerClass(saved, i);
            String now = layerClass(target, i);
            if (!was.equals(now)) {
                throw new SeqtrainException(ExitCode.USAGE, String.format("%s: layer %d of the checkpoint is %s, the "
                        + "network built now has %s there (a checkpoint from an earlier seqtrain version, or "
                        + "implementation changed): rerun without --resume", checkpoint, i, was, now));
            }
        }
        target.setParams(saved.params());
        Updater from = saved.getUpdater(false);
        Updater to = target.getUpdater(true);
        INDArray state = from == null ? null : from.getStateViewArray();
        INDArray into = to == null ? null : to.getStateViewArray();
        if (state != null && into != null && state.length() == into.length()) {
            into.assign(state.reshape(into.shape()));
        } else if (state != null && state.length() > 0) {
            LoggerFactory.getLogger("seqtrain").info("--resume: model.optimizer changed since the checkpoint; its "
                    + "optimizer state does not fit and starts anew");
        }
        target.setIterationCount(saved.getIterationCount());
        target.setEpochCount(saved.getEpochCount());
    }

    /** The configured layer's class, unwrapped from DL4J's frozen wrapper (trainable may change on resume). */
    private static String layerClass(MultiLayerNetwork network, int i) {
        org.deeplearning4j.nn.conf.layers.Layer layer = network.getLayerWiseConfigurations().getConf(i).getLayer();
        if (layer instanceof org.deeplearning4j.nn.conf.layers.misc.FrozenLayerWithBackprop frozen) {
            layer = frozen.getUnderlying();
        }
        return layer.getClass().getSimpleName();
    }
}
