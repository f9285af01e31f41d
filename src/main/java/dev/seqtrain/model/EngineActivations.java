package dev.seqtrain.model;

import dev.seqtrain.errors.SpecException;
import dev.seqtrain.model.rnn.Nonlinearity;

import java.util.Map;

/** Keras activation names → the nonlinearities the recurrent engine computes in its fused loops. */
final class EngineActivations {

    private static final Map<String, Nonlinearity> BY_NAME = Map.of(
            "tanh", Nonlinearity.TANH, "sigmoid", Nonlinearity.SIGMOID, "hard_sigmoid", Nonlinearity.HARD_SIGMOID,
            "relu", Nonlinearity.RELU, "linear", Nonlinearity.LINEAR);

    private EngineActivations() {
    }

    /** {@code path} is the spec key reported when the engine does not compute {@code kerasName}. */
    static Nonlinearity of(String path, String kerasName) {
        Nonlinearity n = BY_NAME.get(kerasName);
        if (n == null) {
            throw new SpecException(path + ": the recurrent engine computes tanh, sigmoid, hard_sigmoid, relu or linear, got '"
                    + kerasName + "'; set implementation: dl4j on an lstm or simple_rnn for other activations");
        }
        return n;
    }
}
