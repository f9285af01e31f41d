package dev.seqtrain.bench.oldgru;

import java.util.Collection;
import java.util.Map;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import dev.seqtrain.model.gru.GRU;

/**
 * The benchmark baseline "today's seqtrain GRU" before the engine: the legacy {@link GRU} configuration computed by
 * the old per-step implementation ({@link GRULayer}, {@link GRUComputation}), kept in test scope only.
 */
public class OldGru extends GRU {

    private static final long serialVersionUID = 1L;

    private OldGru(Builder builder) {
        super(builder);
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> trainingListeners,
            int layerIndex, INDArray layerParamsView, boolean initializeParams, DataType networkDataType) {
        GRULayer layer = new GRULayer(conf, networkDataType);
        layer.setListeners(trainingListeners);
        layer.setIndex(layerIndex);
        layer.setParamsViewArray(layerParamsView);
        Map<String, INDArray> paramTable = initializer().init(conf, layerParamsView, initializeParams);
        layer.setParamTable(paramTable);
        layer.setConf(conf);
        return layer;
    }

    /** {@code new OldGru.Builder().nIn(100).nOut(64).build()}. */
    public static class Builder extends GRU.Builder {
        @Override
        public OldGru build() {
            return new OldGru(this);
        }
    }
}
