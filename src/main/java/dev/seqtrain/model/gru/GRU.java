package dev.seqtrain.model.gru;

import java.util.Objects;

import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.layers.BaseRecurrentLayer;
import org.deeplearning4j.nn.weights.WeightInitXavierUniform;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationHardSigmoid;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationTanH;

import dev.seqtrain.model.rnn.CellType;
import dev.seqtrain.model.rnn.MaskedOutput;
import dev.seqtrain.model.rnn.Nonlinearity;
import dev.seqtrain.model.rnn.ParamLayout;
import dev.seqtrain.model.rnn.Recurrent;
import dev.seqtrain.model.rnn.RnnSpec;

/**
 * The GRU configuration of model directories written before the recurrent engine: Keras' GRU (gates z, r, h;
 * {@code reset_after} both ways) with its own saved options ({@code gateActivationFn}, {@code hasBias},
 * {@code resetAfter}) and its own parameter layout ({@link GRUParamInitializer}: W, RW, b, rb as column-major views).
 * It is computed by the engine like every recurrent layer: {@link LegacyGruLayout} converts the layout on the way in
 * and the gradients on the way out. New networks use {@link Recurrent} directly.
 */
public class GRU extends Recurrent {

    private static final long serialVersionUID = 1L;

    private IActivation gateActivationFn = new ActivationSigmoid();
    private boolean hasBias = true;

    /** For Jackson: the saved configurations hold reset_after = true explicitly or the field is this default. */
    protected GRU() {
        this.resetAfter = true;
    }

    protected GRU(Builder builder) {
        super(builder);
        this.gateActivationFn = builder.gateActivationFn;
        this.resetAfter = builder.resetAfter;
        this.hasBias = builder.hasBias;
        spec();
    }

    public IActivation getGateActivationFn() {
        return gateActivationFn;
    }

    public boolean isHasBias() {
        return hasBias;
    }

    @Override
    public RnnSpec spec() {
        return new RnnSpec(CellType.GRU, (int) nIn, (int) nOut, nonlinearity(activationFn),
                nonlinearity(gateActivationFn), hasBias, resetAfter, false, MaskedOutput.ZERO);
    }

    @Override
    public ParamInitializer initializer() {
        return GRUParamInitializer.getInstance();
    }

    @Override
    public ParamLayout paramLayout() {
        return LegacyGruLayout.INSTANCE;
    }

    /** The engine's counterpart of a saved DL4J activation. */
    private Nonlinearity nonlinearity(IActivation a) {
        if (a instanceof ActivationTanH) {
            return Nonlinearity.TANH;
        }
        if (a instanceof ActivationSigmoid) {
            return Nonlinearity.SIGMOID;
        }
        if (a instanceof ActivationHardSigmoid) {
            return Nonlinearity.HARD_SIGMOID;
        }
        if (a instanceof ActivationReLU) {
            return Nonlinearity.RELU;
        }
        if (a instanceof ActivationIdentity) {
            return Nonlinearity.LINEAR;
        }
        throw new IllegalStateException("GRU layer " + layerName + ": activation " + a + " is not computed by "
                + "seqtrain's recurrent engine (tanh, sigmoid, hard_sigmoid, relu, linear)");
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
        return hasBias == other.hasBias && Objects.equals(gateActivationFn, other.gateActivationFn);
    }

    @Override
    protected boolean canEqual(Object other) {
        return other instanceof GRU;
    }

    @Override
    public int hashCode() {
        return Objects.hash(super.hashCode(), gateActivationFn, hasBias);
    }

    @Override
    public String toString() {
        return "GRU(nIn=" + nIn + ", nOut=" + nOut + ", activation=" + activationFn + ", gateActivation="
                + gateActivationFn + ", resetAfter=" + resetAfter + ", hasBias=" + hasBias + ", rnnDataFormat="
                + rnnDataFormat + ", name=" + layerName + ")";
    }

    /** Builder of the legacy configuration (tests and benchmarks): {@code new GRU.Builder().nIn(100).nOut(64)}. */
    public static class Builder extends BaseRecurrentLayer.Builder<Builder> {

        private IActivation gateActivationFn = new ActivationSigmoid();
        private boolean resetAfter = true;
        private boolean hasBias = true;

        public Builder() {
            this.activationFn = new ActivationTanH();
            this.weightInitFn = new WeightInitXavierUniform();
        }

        /** Keras {@code recurrent_activation}; default sigmoid. */
        public Builder gateActivationFunction(Activation activation) {
            return gateActivationFunction(activation.getActivationFunction());
        }

        /** Keras {@code recurrent_activation}; default sigmoid. */
        public Builder gateActivationFunction(IActivation activation) {
            this.gateActivationFn = Objects.requireNonNull(activation, "gate activation");
            return this;
        }

        /** Keras {@code reset_after}; default true (two bias rows). */
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
