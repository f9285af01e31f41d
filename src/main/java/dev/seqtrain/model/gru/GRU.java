package dev.seqtrain.model.gru;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.api.layers.LayerConstraint;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BaseRecurrentLayer;
import org.deeplearning4j.nn.conf.layers.LayerValidation;
import org.deeplearning4j.nn.conf.memory.LayerMemoryReport;
import org.deeplearning4j.nn.conf.memory.MemoryReport;
import org.deeplearning4j.nn.weights.WeightInitXavierUniform;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Configuration of a gated recurrent unit layer with the semantics of Keras' {@code GRU}: gate order update (z),
 * reset (r), candidate (h); {@code reset_after} chooses between the cuDNN/PyTorch formulation (Keras' default, two bias
 * rows) and the original one (one bias row). See {@link GRULayer} for the equations.
 *
 * <p>Defaults follow Keras, not DL4J: activation tanh, gate activation sigmoid, kernel glorot uniform, recurrent kernel
 * orthogonal ({@link OrthogonalInit}), zero bias. A global {@code weightInit} on the network builder does not override
 * the kernel default; set it on this layer's builder instead.
 *
 * <p>Serialised by DL4J's Jackson mapper through its fields (like DL4J's own layer configurations) and by Java
 * serialisation, so it travels inside {@code MultiLayerConfiguration} JSON and to Spark executors.
 */
public class GRU extends BaseRecurrentLayer {

    private static final long serialVersionUID = 1L;

    private IActivation gateActivationFn = new ActivationSigmoid();
    private boolean resetAfter = true;
    private boolean hasBias = true;

    /** For Jackson. */
    private GRU() {
    }

    protected GRU(Builder builder) {
        super(builder);
        this.gateActivationFn = builder.gateActivationFn;
        this.resetAfter = builder.resetAfter;
        this.hasBias = builder.hasBias;
        initializeConstraints(builder);
    }

    public IActivation getGateActivationFn() {
        return gateActivationFn;
    }

    public boolean isResetAfter() {
        return resetAfter;
    }

    public boolean isHasBias() {
        return hasBias;
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> trainingListeners,
            int layerIndex, INDArray layerParamsView, boolean initializeParams, DataType networkDataType) {
        LayerValidation.assertNInNOutSet("GRU", getLayerName(), layerIndex, getNIn(), getNOut());
        GRULayer layer = new GRULayer(conf, networkDataType);
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
        return GRUParamInitializer.getInstance();
    }

    @Override
    public LayerMemoryReport getMemoryReport(InputType inputType) {
        InputType outputType = getOutputType(-1, inputType);
        long numParams = initializer().numParams(this);
        long updaterStateSize = getIUpdater() == null ? 0 : getIUpdater().stateSize(numParams);
        long steps = inputType instanceof InputType.InputTypeRecurrent
                ? Math.max(1, ((InputType.InputTypeRecurrent) inputType).getTimeSeriesLength()) : 1;
        // Per example: gate activations (3u) and states (u) per step for inference; training also keeps the
        // candidate's recurrent part (u) and the gate gradients (3u, or 6u with reset_after).
        long inference = 4 * nOut * steps;
        long training = (resetAfter ? 11 : 8) * nOut * steps + nIn * steps;
        return new LayerMemoryReport.Builder(layerName, GRU.class, inputType, outputType)
                .standardMemory(numParams, updaterStateSize)
                .workingMemory(0, inference, 0, training)
                .cacheMemory(MemoryReport.CACHE_MODE_ALL_ZEROS, MemoryReport.CACHE_MODE_ALL_ZEROS)
                .build();
    }

    /** Input-weight and recurrent-weight constraints of the recurrent builder apply to {@code W} and {@code RW}. */
    @Override
    protected void initializeConstraints(org.deeplearning4j.nn.conf.layers.Layer.Builder<?> builder) {
        super.initializeConstraints(builder);
        if (builder instanceof BaseRecurrentLayer.Builder) {
            BaseRecurrentLayer.Builder<?> recurrent = (BaseRecurrentLayer.Builder<?>) builder;
            addConstraints(recurrent.getRecurrentConstraints(), GRUParamInitializer.RECURRENT_WEIGHT_KEY);
            addConstraints(recurrent.getInputWeightConstraints(), GRUParamInitializer.WEIGHT_KEY);
        }
    }

    private void addConstraints(List<LayerConstraint> given, String paramKey) {
        if (given == null) {
            return;
        }
        for (LayerConstraint constraint : given) {
            LayerConstraint copy = constraint.clone();
            copy.setParams(Collections.singleton(paramKey));
            if (constraints == null) {
                constraints = new ArrayList<>();
            }
            constraints.add(copy);
        }
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof GRU) || !super.equals(o)) {
            return false;
        }
        GRU other = (GRU) o;
        return resetAfter == other.resetAfter && hasBias == other.hasBias
                && Objects.equals(gateActivationFn, other.gateActivationFn);
    }

    @Override
    protected boolean canEqual(Object other) {
        return other instanceof GRU;
    }

    @Override
    public int hashCode() {
        return Objects.hash(super.hashCode(), gateActivationFn, resetAfter, hasBias);
    }

    @Override
    public String toString() {
        return "GRU(nIn=" + nIn + ", nOut=" + nOut + ", activation=" + activationFn + ", gateActivation="
                + gateActivationFn + ", resetAfter=" + resetAfter + ", hasBias=" + hasBias + ", rnnDataFormat="
                + rnnDataFormat + ", name=" + layerName + ")";
    }

    /** Builder: {@code new GRU.Builder().nIn(100).nOut(64).build()}. */
    public static class Builder extends BaseRecurrentLayer.Builder<Builder> {

        private IActivation gateActivationFn = new ActivationSigmoid();
        private boolean resetAfter = true;
        private boolean hasBias = true;

        public Builder() {
            // Keras defaults; DL4J's network-wide defaults (sigmoid, Xavier normal) would otherwise fill these in.
            this.activationFn = new ActivationTanH();
            this.weightInitFn = new WeightInitXavierUniform();
        }

        /** Activation of the update and reset gates (Keras {@code recurrent_activation}); default sigmoid. */
        public Builder gateActivationFunction(Activation activation) {
            return gateActivationFunction(activation.getActivationFunction());
        }

        /** Activation of the update and reset gates (Keras {@code recurrent_activation}); default sigmoid. */
        public Builder gateActivationFunction(IActivation activation) {
            this.gateActivationFn = Objects.requireNonNull(activation, "gate activation");
            return this;
        }

        /**
         * Keras {@code reset_after}: true (default) applies the reset gate after the recurrent matrix product and has
         * separate input and recurrent biases; false applies it to the state before the product, with one bias.
         */
        public Builder resetAfter(boolean resetAfter) {
            this.resetAfter = resetAfter;
            return this;
        }

        /** Keras {@code use_bias}. */
        public Builder hasBias(boolean hasBias) {
            this.hasBias = hasBias;
            return this;
        }

        @Override
        public GRU build() {
            return new GRU(this);
        }
    }
}
