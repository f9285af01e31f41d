package dev.seqtrain.job;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.Optional;

/**
 * The Keras activation names seqtrain trains with: the one list the spec validator checks against and
 * {@code model.KerasActivations} maps to DL4J (an exhaustive switch, so a name added here must be mapped there).
 */
public enum Activation {
    @JsonProperty("linear") LINEAR,
    @JsonProperty("relu") RELU,
    @JsonProperty("sigmoid") SIGMOID,
    @JsonProperty("tanh") TANH,
    @JsonProperty("softmax") SOFTMAX,
    @JsonProperty("elu") ELU,
    @JsonProperty("selu") SELU,
    @JsonProperty("softplus") SOFTPLUS,
    @JsonProperty("softsign") SOFTSIGN,
    @JsonProperty("hard_sigmoid") HARD_SIGMOID,
    @JsonProperty("swish") SWISH,
    @JsonProperty("gelu") GELU;

    /** The activation a spec spells {@code name}, or empty. */
    public static Optional<Activation> of(String name) {
        return name == null ? Optional.empty() : SpecValues.parse(Activation.class, name);
    }

    @Override
    public String toString() {
        return SpecValues.spelling(this);
    }
}
