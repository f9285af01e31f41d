package dev.seqtrain.model;

import dev.seqtrain.errors.SpecException;
import org.nd4j.linalg.activations.Activation;

import java.util.LinkedHashMap;
import java.util.Map;

/** Keras activation names → DL4J activations. */
final class KerasActivations {

    private static final Map<String, Activation> BY_NAME = new LinkedHashMap<>();

    static {
        BY_NAME.put("linear", Activation.IDENTITY);
        BY_NAME.put("relu", Activation.RELU);
        BY_NAME.put("sigmoid", Activation.SIGMOID);
        BY_NAME.put("tanh", Activation.TANH);
        BY_NAME.put("softmax", Activation.SOFTMAX);
        BY_NAME.put("elu", Activation.ELU);
        BY_NAME.put("selu", Activation.SELU);
        BY_NAME.put("softplus", Activation.SOFTPLUS);
        BY_NAME.put("softsign", Activation.SOFTSIGN);
        // Keras 2: clip(0.2 x + 0.5, 0, 1), the same formula as DL4J's
        BY_NAME.put("hard_sigmoid", Activation.HARDSIGMOID);
        BY_NAME.put("swish", Activation.SWISH);
        BY_NAME.put("gelu", Activation.GELU);
    }

    private KerasActivations() {
    }

    /** The DL4J activation for a Keras name; {@code path} is the spec key reported when the name is unknown. */
    static Activation of(String path, String kerasName) {
        Activation a = kerasName == null ? null : BY_NAME.get(kerasName);
        if (a == null) {
            throw new SpecException(path + ": unknown activation '" + kerasName + "'; expected one of "
                    + String.join(", ", BY_NAME.keySet()));
        }
        return a;
    }
}
