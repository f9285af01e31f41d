package dev.seqtrain.job;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;

/**
 * One entry of {@code model.layers}: a one-key map from the Keras layer name to its arguments, e.g.
 * {@code - lstm: {units: 64, return_sequences: true}}.
 */
@JsonDeserialize(using = LayerSpecDeserializer.class)
public sealed interface LayerSpec permits EmbeddingSpec, RecurrentSpec, BidirectionalSpec, DenseSpec, DropoutSpec,
        PoolingSpec {

    /** The Keras-style key this layer is written with in YAML. */
    String typeName();
}
