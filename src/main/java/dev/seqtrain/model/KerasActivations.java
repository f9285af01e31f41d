package dev.seqtrain.model;

import dev.seqtrain.errors.SpecException;
import dev.seqtrain.job.SpecValues;
import org.nd4j.linalg.activations.Activation;

/** Keras activation names ({@link dev.seqtrain.job.Activation}, the one list) → DL4J activations. */
final class KerasActivations {

    private KerasActivations() {
    }

    /** The DL4J activation for a Keras name; {@code path} is the spec key reported when the name is unknown. */
    static Activation of(String path, String kerasName) {
        dev.seqtrain.job.Activation keras = dev.seqtrain.job.Activation.of(kerasName).orElseThrow(() ->
                new SpecException(path + ": unknown activation '" + kerasName + "'; expected one of "
                        + String.join(", ", SpecValues.spellings(dev.seqtrain.job.Activation.class))));
        return switch (keras) {
            case LINEAR -> Activation.IDENTITY;
            case RELU -> Activation.RELU;
            case SIGMOID -> Activation.SIGMOID;
            case TANH -> Activation.TANH;
            case SOFTMAX -> Activation.SOFTMAX;
            case ELU -> Activation.ELU;
            case SELU -> Activation.SELU;
            case SOFTPLUS -> Activation.SOFTPLUS;
            case SOFTSIGN -> Activation.SOFTSIGN;
            // Keras 2: clip(0.2 x + 0.5, 0, 1), the same formula as DL4J's
            case HARD_SIGMOID -> Activation.HARDSIGMOID;
            case SWISH -> Activation.SWISH;
            case GELU -> Activation.GELU;
        };
    }
}
