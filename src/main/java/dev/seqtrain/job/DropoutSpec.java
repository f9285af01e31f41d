package dev.seqtrain.job;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Keras {@code Dropout(rate)}: the fraction of inputs dropped during training. */
// plain record binding: the LayerSpec deserializer (inherited from the interface) picks the type
@com.fasterxml.jackson.databind.annotation.JsonDeserialize(using = com.fasterxml.jackson.databind.JsonDeserializer.None.class)
public record DropoutSpec(@JsonProperty("rate") Double rate) implements LayerSpec {
    /** The checks of this layer's own keys; {@code path} is where it sits ({@code model.layers[1]}). */
    public void validate(String path) {
        SpecCheck.require(rate != null, path + ".rate", "required, e.g. rate: 0.5");
        SpecCheck.fraction(path + ".rate", rate);
    }

    @Override
    public String typeName() {
        return "dropout";
    }
}
