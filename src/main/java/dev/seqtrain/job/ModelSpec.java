package dev.seqtrain.job;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * The network: Keras layer names and arguments, bottom to top. {@code input} is for numeric sequences; token ids
 * come in through an {@code embedding} layer.
 */
public record ModelSpec(
        @JsonProperty("input") InputSpec input,
        @JsonProperty("layers") List<LayerSpec> layers,
        @JsonProperty("loss") Loss loss,
        @JsonProperty("optimizer") OptimizerSpec optimizer,
        @JsonProperty("metrics") List<String> metrics) {

    /** {@code model.loss}: Keras' loss names. */
    public enum Loss {
        @JsonProperty("binary_crossentropy") BINARY_CROSSENTROPY,
        @JsonProperty("categorical_crossentropy") CATEGORICAL_CROSSENTROPY,
        /** Integer labels; the batch builder one-hot encodes them, so the loss is categorical cross-entropy then. */
        @JsonProperty("sparse_categorical_crossentropy") SPARSE_CATEGORICAL_CROSSENTROPY,
        @JsonProperty("mse") MSE,
        @JsonProperty("mae") MAE;

        public boolean regression() {
            return this == MSE || this == MAE;
        }

        public boolean categorical() {
            return this == CATEGORICAL_CROSSENTROPY || this == SPARSE_CATEGORICAL_CROSSENTROPY;
        }

        @Override
        public String toString() {
            return SpecValues.spelling(this);
        }
    }

    public ModelSpec {
        if (layers == null) layers = List.of();
        if (optimizer == null) optimizer = new OptimizerSpec(null, null, null, null, null, null, null, null, null);
        if (metrics == null) metrics = List.of("accuracy");
    }

    /** Keras' {@code input_shape=(timesteps, features)} for numeric input without an embedding. */
    public record InputSpec(
            @JsonProperty("timesteps") Integer timesteps,
            @JsonProperty("features") Integer features) {
    }
}
