package dev.seqtrain.bench.oldgru;

import dev.seqtrain.model.gru.GRU;
import dev.seqtrain.model.gru.GRUParamInitializer;

import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Multiplies a gradient by an activation function's derivative. Sigmoid and tanh use their output (σ' = y(1 - y),
 * tanh' = 1 - y²), so the forward pass need not keep pre-activations; any other function goes through DL4J's
 * {@link IActivation#backprop} on the kept pre-activation.
 */
abstract class ActivationDerivative {

    static ActivationDerivative of(IActivation fn) {
        if (fn instanceof ActivationSigmoid) {
            return new Sigmoid();
        }
        if (fn instanceof ActivationTanH) {
            return new Tanh();
        }
        return new Generic(fn);
    }

    /** Whether {@link #multiply} needs the pre-activation. */
    abstract boolean needsPreActivation();

    /**
     * {@code gradient *= f'(pre)}, with {@code output = f(pre)}; {@code scratch} has the gradient's shape and is
     * overwritten.
     */
    abstract void multiply(INDArray gradient, INDArray output, INDArray pre, INDArray scratch);

    /** True when f(x) is always in [0, 1] and a masked update gate of 1 has derivative 0 (σ'(·) = y(1 - y) = 0). */
    abstract boolean vanishesAtOne();

    private static final class Sigmoid extends ActivationDerivative {
        @Override
        boolean needsPreActivation() {
            return false;
        }

        @Override
        void multiply(INDArray gradient, INDArray output, INDArray pre, INDArray scratch) {
            Ops.rsub(1.0, output, scratch);
            Ops.mul(scratch, output, scratch);
            Ops.mul(gradient, scratch, gradient);
        }

        @Override
        boolean vanishesAtOne() {
            return true;
        }
    }

    private static final class Tanh extends ActivationDerivative {
        @Override
        boolean needsPreActivation() {
            return false;
        }

        @Override
        void multiply(INDArray gradient, INDArray output, INDArray pre, INDArray scratch) {
            Ops.mul(output, output, scratch);
            Ops.rsub(1.0, scratch, scratch);
            Ops.mul(gradient, scratch, gradient);
        }

        @Override
        boolean vanishesAtOne() {
            return false;
        }
    }

    private static final class Generic extends ActivationDerivative {
        private final IActivation fn;

        Generic(IActivation fn) {
            this.fn = fn;
        }

        @Override
        boolean needsPreActivation() {
            return true;
        }

        @Override
        void multiply(INDArray gradient, INDArray output, INDArray pre, INDArray scratch) {
            scratch.assign(pre);
            INDArray product = fn.backprop(scratch, gradient.dup('f')).getFirst();
            gradient.assign(product);
        }

        @Override
        boolean vanishesAtOne() {
            return false;
        }
    }
}
