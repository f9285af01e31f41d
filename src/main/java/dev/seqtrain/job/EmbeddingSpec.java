package dev.seqtrain.job;

import com.fasterxml.jackson.annotation.JsonProperty;

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

    @Override
    public String typeName() {
        return "embedding";
    }
}
