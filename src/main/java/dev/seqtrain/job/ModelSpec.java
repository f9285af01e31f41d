package dev.seqtrain.job;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * The network: Keras layer names and arguments, bottom to top. {@code input} is for numeric sequences; token ids
 * come in through an {@code embedding} layer. A sequence to sequence model has {@code encoder} and {@code decoder}
 * (and optionally {@code attention}) in place of {@code layers}; its head is a softmax over the target vocabulary at
 * every decoder step.
 */
public record ModelSpec(
        @JsonProperty("input") InputSpec input,
        @JsonProperty("layers") List<LayerSpec> layers,
        @JsonProperty("loss") Loss loss,
        @JsonProperty("optimizer") OptimizerSpec optimizer,
        @JsonProperty("metrics") List<String> metrics,
        @JsonProperty("encoder") Seq2SeqSideSpec encoder,
        @JsonProperty("decoder") Seq2SeqSideSpec decoder,
        @JsonProperty("attention") AttentionSpec attention) {

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

    /** Without the sequence to sequence keys. */
    public ModelSpec(InputSpec input, List<LayerSpec> layers, Loss loss, OptimizerSpec optimizer, List<String> metrics) {
        this(input, layers, loss, optimizer, metrics, null, null, null);
    }

    /** Whether this is an encoder-decoder ({@code model.encoder}); the one place a job is recognised as one. */
    public boolean isSeq2Seq() {
        return encoder != null;
    }

    /** The checks of this section's own keys, each layer's included; {@code path}: {@code model}. */
    public void validate(String path) {
        if (isSeq2Seq() || decoder != null || attention != null) {
            validateSeq2Seq(path);
            return;
        }
        SpecCheck.require(!layers.isEmpty(), path + ".layers",
                "at least one layer is required, e.g. '- dense: {units: 1, activation: sigmoid}'");
        for (int i = 0; i < layers.size(); i++) {
            String at = path + ".layers[" + i + "]";
            LayerSpec l = layers.get(i);
            if (l instanceof EmbeddingSpec e) e.validate(at);
            else if (l instanceof RecurrentSpec r) RecurrentChecks.recurrent(at, r);
            else if (l instanceof BidirectionalSpec b) RecurrentChecks.bidirectional(at, b);
            else if (l instanceof DenseSpec d) d.validate(at);
            else if (l instanceof DropoutSpec d) d.validate(at);
        }
        optimizer.validate(path + ".optimizer");
        if (input != null) {
            SpecCheck.require(input.features() != null, path + ".input.features", "required for numeric input");
            SpecCheck.positive(path + ".input.features", input.features());
            if (input.timesteps() != null) SpecCheck.positive(path + ".input.timesteps", input.timesteps());
        }
    }

    private void validateSeq2Seq(String path) {
        SpecCheck.require(encoder != null, path + ".encoder", "required with " + path + ".decoder or " + path
                + ".attention: {layers: [embedding, recurrent ...]}");
        SpecCheck.require(decoder != null, path + ".decoder", "required with " + path + ".encoder: {layers: "
                + "[embedding, recurrent ...]}");
        SpecCheck.require(layers.isEmpty(), path + ".layers", "not used with " + path + ".encoder and " + path
                + ".decoder (the head is a softmax over the target vocabulary); remove it");
        SpecCheck.require(input == null, path + ".input", "sequence to sequence reads token ids, not numeric input");
        SpecCheck.require(loss == null || loss.categorical(), path + ".loss", "sequence to sequence is trained with "
                + "categorical_crossentropy at every decoder step, got " + loss);
        encoder.validate(path + ".encoder");
        decoder.validate(path + ".decoder");
        optimizer.validate(path + ".optimizer");
    }

    /** Keras' {@code input_shape=(timesteps, features)} for numeric input without an embedding. */
    public record InputSpec(
            @JsonProperty("timesteps") Integer timesteps,
            @JsonProperty("features") Integer features) {
    }
}
