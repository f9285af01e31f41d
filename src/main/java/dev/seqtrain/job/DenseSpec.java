package dev.seqtrain.job;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Keras {@code Dense}; applied to every time step when fed a sequence (Keras' behaviour on 3-D input). */
// plain record binding: the LayerSpec deserializer (inherited from the interface) picks the type
@com.fasterxml.jackson.databind.annotation.JsonDeserialize(using = com.fasterxml.jackson.databind.JsonDeserializer.None.class)
public record DenseSpec(
        @JsonProperty("units") Integer units,
        @JsonProperty("activation") String activation,
        @JsonProperty("use_bias") Boolean useBias) implements LayerSpec {

    public DenseSpec {
        if (activation == null) activation = "linear";
        if (useBias == null) useBias = true;
    }

    @Override
    public String typeName() {
        return "dense";
    }
}
