package dev.seqtrain.model.rnn;

import java.util.Collection;
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
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Configuration of a recurrent layer computed by seqtrain's {@link RnnEngine}: Keras' SimpleRNN, LSTM or GRU with
 * Keras' options, defaults, weight layout and parameter counts ({@link RecurrentParamInitializer}). The runtime layer is
 * {@link RecurrentLayer}. Serialised by DL4J's Jackson mapper through its fields and by Java serialisation, so it
 * travels in {@code MultiLayerConfiguration} JSON and to Spark executors.
 */
public class Recurrent extends BaseRecurrentLayer {

    private static final long serialVersionUID = 1L;

    private CellType cell = CellType.LSTM;
    private Nonlinearity cellActivation = Nonlinearity.TANH;
    private Nonlinearity gateActivation = Nonlinearity.SIGMOID;
    private boolean useBias = true;
    /** Shared with the legacy {@code model.gru.GRU}, whose saved configurations name it {@code resetAfter} too. */
    protected boolean resetAfter;
    private boolean unitForgetBias = true;
    private boolean returnSequences = true;
    private double inputDropout;
    private double recurrentDropout;

    /** For Jackson. */
    protected Recurrent() {
    }

    /** For subclasses with their own options (the legacy GRU): DL4J's common settings only. */
    protected Recurrent(BaseRecurrentLayer.Builder<?> builder) {
        super(builder);
        initializeConstraints(builder);
    }

    protected Recurrent(Builder builder) {
        super(builder);
        initializeConstraints(builder);
        this.cell = builder.cell;
        this.cellActivation = builder.cellActivation;
        this.gateActivation = builder.gateActivation;
        this.useBias = builder.useBias;
        this.resetAfter = builder.resetAfter == null ? builder.cell == CellType.GRU : builder.resetAfter;
        this.unitForgetBias = builder.unitForgetBias;
        this.returnSequences = builder.returnSequences;
        this.inputDropout = checkRate("dropout", builder.inputDropout);
        this.recurrentDropout = checkRate("recurrent_dropout", builder.recurrentDropout);
        spec();
    }

    private static double checkRate(String name, double rate) {
        if (rate < 0 || rate >= 1) {
            throw new IllegalArgumentException(name + " must be in [0, 1), got " + rate);
        }
        return rate;
    }

    public CellType getCell() {
        return cell;
    }

    public Nonlinearity getCellActivation() {
        return cellActivation;
    }

    public Nonlinearity getGateActivation() {
        return gateActivation;
    }

    public boolean isUseBias() {
        return useBias;
    }

    public boolean isResetAfter() {
        return resetAfter;
    }

    public boolean isUnitForgetBias() {
        return unitForgetBias;
    }

    /** Keras {@code return_sequences}: false returns the final state [mb, u] instead of [mb, u, T]. */
    public boolean isReturnSequences() {
        return returnSequences;
    }

    /** Keras {@code dropout}: the rate of the input mask drawn once per sequence and reused at every step. */
    public double getInputDropout() {
        return inputDropout;
    }

    /** Keras {@code recurrent_dropout}: the rate of the state mask drawn once per sequence. */
    public double getRecurrentDropout() {
        return recurrentDropout;
    }

    /** The engine's view of this layer; DL4J's own masked-output convention (0 at padded steps). */
    public RnnSpec spec() {
        return new RnnSpec(cell, (int) nIn, (int) nOut, cellActivation, gateActivation, useBias, resetAfter, false,
                MaskedOutput.ZERO);
    }

    /** How the parameter table maps to the engine's weights: Keras' layout, the views themselves. */
    public ParamLayout paramLayout() {
        return ParamLayout.KERAS;
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType inputType) {
        InputType sequence = super.getOutputType(layerIndex, inputType);
        return returnSequences ? sequence : InputType.feedForward(nOut);
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> trainingListeners,
            int layerIndex, INDArray layerParamsView, boolean initializeParams, DataType networkDataType) {
        LayerValidation.assertNInNOutSet("Recurrent", getLayerName(), layerIndex, getNIn(), getNOut());
        RecurrentLayer layer = new RecurrentLayer(conf, networkDataType);
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
        return RecurrentParamInitializer.getInstance();
    }

    @Override
    public LayerMemoryReport getMemoryReport(InputType inputType) {
        InputType outputType = getOutputType(-1, inputType);
        long numParams = initializer().numParams(this);
        long updaterStateSize = getIUpdater() == null ? 0 : getIUpdater().stateSize(numParams);
        long steps = inputType instanceof InputType.InputTypeRecurrent
                ? Math.max(1, ((InputType.InputTypeRecurrent) inputType).getTimeSeriesLength()) : 1;
        long width = (long) spec().width();
        // per example and step: gates and states (+ cell states), and in training their gradients and the input copy
        long inference = (width + 3 * nOut) * steps;
        long training = (2 * width + 4 * nOut + nIn) * steps;
        return new LayerMemoryReport.Builder(layerName, Recurrent.class, inputType, outputType)
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
            addConstraints(recurrent.getRecurrentConstraints(), RecurrentParamInitializer.RECURRENT_WEIGHT_KEY);
            addConstraints(recurrent.getInputWeightConstraints(), RecurrentParamInitializer.WEIGHT_KEY);
        }
    }

    private void addConstraints(java.util.List<LayerConstraint> given, String paramKey) {
        if (given == null) {
            return;
        }
        for (LayerConstraint constraint : given) {
            LayerConstraint copy = constraint.clone();
            copy.setParams(java.util.Collections.singleton(paramKey));
            if (constraints == null) {
                constraints = new java.util.ArrayList<>();
            }
            constraints.add(copy);
        }
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Recurrent) || !super.equals(o)) {
            return false;
        }
        Recurrent other = (Recurrent) o;
        return cell == other.cell && cellActivation == other.cellActivation && gateActivation == other.gateActivation
                && useBias == other.useBias && resetAfter == other.resetAfter && unitForgetBias == other.unitForgetBias
                && returnSequences == other.returnSequences && inputDropout == other.inputDropout
                && recurrentDropout == other.recurrentDropout;
    }

    @Override
    protected boolean canEqual(Object other) {
        return other instanceof Recurrent;
    }

    @Override
    public int hashCode() {
        return Objects.hash(super.hashCode(), cell, cellActivation, gateActivation, useBias, resetAfter,
                unitForgetBias, returnSequences, inputDropout, recurrentDropout);
    }

    @Override
    public String toString() {
        return "Recurrent(" + cell + ", nIn=" + nIn + ", nOut=" + nOut + ", activation=" + cellActivation
                + ", recurrentActivation=" + gateActivation + ", useBias=" + useBias + ", resetAfter=" + resetAfter
                + ", unitForgetBias=" + unitForgetBias + ", returnSequences=" + returnSequences + ", dropout="
                + inputDropout + ", recurrentDropout=" + recurrentDropout + ", name=" + layerName + ")";
    }

    /** Builder: {@code new Recurrent.Builder(CellType.LSTM).nIn(100).nOut(64).build()}; Keras defaults. */
    public static class Builder extends BaseRecurrentLayer.Builder<Builder> {

        private final CellType cell;
        private Nonlinearity cellActivation = Nonlinearity.TANH;
        private Nonlinearity gateActivation = Nonlinearity.SIGMOID;
        private boolean useBias = true;
        private Boolean resetAfter;
        private boolean unitForgetBias = true;
        private boolean returnSequences = true;
        private double inputDropout;
        private double recurrentDropout;

        public Builder(CellType cell) {
            this.cell = Objects.requireNonNull(cell, "cell");
            // Keras' kernel default; DL4J's network-wide defaults would otherwise fill it in
            this.weightInitFn = new WeightInitXavierUniform();
            this.activationFn = new ActivationTanH();
        }

        /** Keras {@code activation}. */
        public Builder cellActivation(Nonlinearity value) {
            this.cellActivation = Objects.requireNonNull(value);
            return this;
        }

        /** Keras {@code recurrent_activation}. */
        public Builder gateActivation(Nonlinearity value) {
            this.gateActivation = Objects.requireNonNull(value);
            return this;
        }

        /** Keras {@code use_bias}. */
        public Builder useBias(boolean value) {
            this.useBias = value;
            return this;
        }

        /** Keras {@code reset_after} (GRU only; default true). */
        public Builder resetAfter(boolean value) {
            this.resetAfter = value;
            return this;
        }

        /** Keras {@code unit_forget_bias} (LSTM only; default true): the forget gate's bias starts at 1. */
        public Builder unitForgetBias(boolean value) {
            this.unitForgetBias = value;
            return this;
        }

        /** Keras {@code return_sequences} (default true here, as DL4J's layers: [mb, u, T] out). */
        public Builder returnSequences(boolean value) {
            this.returnSequences = value;
            return this;
        }

        /** Keras {@code dropout}: one input mask [mb, nIn] per sequence, training only. */
        public Builder inputDropout(double rate) {
            this.inputDropout = rate;
            return this;
        }

        /** Keras {@code recurrent_dropout}: one state mask [mb, u] per sequence, training only. */
        public Builder recurrentDropout(double rate) {
            this.recurrentDropout = rate;
            return this;
        }

        @Override
        public Recurrent build() {
            return new Recurrent(this);
        }
    }
}
