package dev.seqtrain.model.rnn;

/**
 * The activation functions the engine computes itself, in its fused element-wise loops. Each derivative is written in
 * terms of the function's output, so the forward pass keeps no pre-activations.
 */
public enum Nonlinearity {
    TANH {
        @Override
        double apply(double x) {
            // 2σ(2x) - 1: Math.exp is an intrinsic, Math.tanh is not
            return 2.0 / (1.0 + Math.exp(-2.0 * x)) - 1.0;
        }

        @Override
        double derivativeFromOutput(double y) {
            return 1.0 - y * y;
        }
    },
    SIGMOID {
        @Override
        double apply(double x) {
            return 1.0 / (1.0 + Math.exp(-x));
        }

        @Override
        double derivativeFromOutput(double y) {
            return y * (1.0 - y);
        }
    },
    /** Keras 2's hard_sigmoid, clip(0.2 x + 0.5, 0, 1) (DL4J's HARDSIGMOID is the same). */
    HARD_SIGMOID {
        @Override
        double apply(double x) {
            return Math.max(0.0, Math.min(1.0, 0.2 * x + 0.5));
        }

        @Override
        double derivativeFromOutput(double y) {
            return y > 0 && y < 1 ? 0.2 : 0.0;
        }
    },
    RELU {
        @Override
        double apply(double x) {
            return x > 0 ? x : 0.0;
        }

        @Override
        double derivativeFromOutput(double y) {
            return y > 0 ? 1.0 : 0.0;
        }
    },
    LINEAR {
        @Override
        double apply(double x) {
            return x;
        }

        @Override
        double derivativeFromOutput(double y) {
            return 1.0;
        }
    };

    abstract double apply(double x);

    /** f'(x) given y = f(x). */
    abstract double derivativeFromOutput(double y);
}
