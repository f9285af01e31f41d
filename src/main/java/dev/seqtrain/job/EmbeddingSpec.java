package dev.seqtrain.job;

import com.fasterxml.jackson.annotation.JsonProperty;
import static dev.seqtrain.job.SpecCheck.positive;
import static dev.seqtrain.job.SpecCheck.require;

/**
 * Keras {@code Embedding}. {@code input_dim} defaults to the tokenizer's vocabulary size (what {@code num_words}
 * keeps); {@code embeddings_file} loads word2vec/GloVe text vectors matched through the vocabulary.
 */
// plain record binding: the LayerSpec deserializer (inherited from the interface) picks the type
@com.fasterxml.jackson.databind.annotation.JsonDeserialize(using = com.fasterxml.jackson.databind.JsonDeserializer.None.class)
public record EmbeddingSpec(
        @JsonProperty("input_dim") Integer inputDim,
        @JsonProperty("output_dim") Integer outputDim,
        @JsonProperty("mask_zero") Boolean maskZero,
        @JsonProperty("trainable") Boolean trainable,
        @JsonProperty("embeddings_file") String embeddingsFile) implements LayerSpec {

    public EmbeddingSpec {
        if (maskZero == null) maskZero = false;
        if (trainable == null) trainable = true;
    }

    /** The checks of this layer's own keys; {@code path} is where it sits ({@code model.layers[0]}). */
    public void validate(String path) {
        require(outputDim != null, path + ".output_dim", "required, e.g. output_dim: 100");
        positive(path + ".output_dim", outputDim);
        if (inputDim != null) positive(path + ".input_dim", inputDim);
    }

    @Override
    public String typeName() {
        return "embedding";
    }
}
