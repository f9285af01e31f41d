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
        @JsonProperty("loss") String loss,
        @JsonProperty("optimizer") OptimizerSpec optimizer,
        @JsonProperty("metrics") List<String> metrics) {

    public static final List<String> LOSSES = List.of(
            "binary_crossentropy", "categorical_crossentropy", "sparse_categorical_crossentropy", "mse", "mae");

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
