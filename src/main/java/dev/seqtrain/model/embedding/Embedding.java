package dev.seqtrain.model.embedding;

import java.util.Collection;
import java.util.Map;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.LayerValidation;
import org.deeplearning4j.nn.conf.memory.LayerMemoryReport;
import org.deeplearning4j.nn.conf.memory.MemoryReport;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Configuration of seqtrain's embedding layer (Keras' {@code Embedding}, no bias, no activation), the replacement for
 * DL4J's {@code EmbeddingSequenceLayer} in new networks with the same contract: input ids [mb, T] or [mb, 1, T],
 * output [mb, output_dim, T], masked steps 0, parameter {@code W} [input_dim, output_dim]. The runtime layer is
 * {@link EmbeddingLayer}; the table is row-major ({@link EmbeddingParamInitializer}).
 */
public class Embedding extends FeedForwardLayer {

    private static final long serialVersionUID = 1L;

    /** For Jackson. */
    protected Embedding() {
    }

    protected Embedding(Builder builder) {
        super(builder);
        initializeConstraints(builder);
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> trainingListeners,
            int layerIndex, INDArray layerParamsView, boolean initializeParams, DataType networkDataType) {
        LayerValidation.assertNInNOutSet("Embedding", getLayerName(), layerIndex, getNIn(), getNOut());
        EmbeddingLayer layer = new EmbeddingLayer(conf, networkDataType);
        layer.setListeners(trainingListeners);
        layer.setIndex(layerIndex);
        layer.setParamsViewArray(layerParamsView);
        Map<String, INDArray> paramTable = initializer().init(conf, layerParamsView, initializeParams);
        layer.setParamTable(paramTable);
        layer.setConf(conf);
        return layer;
    }

    @Override
    public ParamInitializer initializer() {
        return EmbeddingParamInitializer.getInstance();
    }

    /** Ids [mb, T] come in as feed-forward of size T, [mb, 1, T] as a sequence of size 1: both give [mb, D, T]. */
    @Override
    public InputType getOutputType(int layerIndex, InputType inputType) {
        if (inputType instanceof InputType.InputTypeRecurrent r) {
            return InputType.recurrent(nOut, r.getTimeSeriesLength());
        }
        if (inputType instanceof InputType.InputTypeFeedForward f) {
            return InputType.recurrent(nOut, f.getSize());
        }
        throw new IllegalStateException("embedding " + layerName + ": expected ids as feed-forward or recurrent "
                + "input, got " + inputType);
    }

    /** input_dim is the vocabulary, not the input's width: never inferred from the input type. */
    @Override
    public void setNIn(InputType inputType, boolean override) {
    }

    @Override
    public InputPreProcessor getPreProcessorForInputType(InputType inputType) {
        return null;
    }

    @Override
    public boolean isPretrainParam(String paramName) {
        return false;
    }

    @Override
    public LayerMemoryReport getMemoryReport(InputType inputType) {
        InputType outputType = getOutputType(-1, inputType);
        long numParams = initializer().numParams(this);
        long updaterStateSize = getIUpdater() == null ? 0 : getIUpdater().stateSize(numParams);
        return new LayerMemoryReport.Builder(layerName, Embedding.class, inputType, outputType)
                .standardMemory(numParams, updaterStateSize)
                .workingMemory(0, 0, 0, 0)
                .cacheMemory(MemoryReport.CACHE_MODE_ALL_ZEROS, MemoryReport.CACHE_MODE_ALL_ZEROS)
                .build();
    }

    @Override
    protected boolean canEqual(Object other) {
        return other instanceof Embedding;
    }

    @Override
    public String toString() {
        return "Embedding(nIn=" + nIn + ", nOut=" + nOut + ", name=" + layerName + ")";
    }

    /** Builder: {@code new Embedding.Builder().nIn(vocabulary).nOut(dim).build()}. */
    public static class Builder extends FeedForwardLayer.Builder<Builder> {

        public Builder() {
            // an embedding has no activation; DL4J's network-wide default would otherwise fill one in
            this.activationFn = new ActivationIdentity();
        }

        @Override
        public Embedding build() {
            return new Embedding(this);
        }
    }
}
