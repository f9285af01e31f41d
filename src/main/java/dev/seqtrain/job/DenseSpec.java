package dev.seqtrain.job;

import com.fasterxml.jackson.annotation.JsonProperty;
import static dev.seqtrain.job.SpecCheck.positive;
import static dev.seqtrain.job.SpecCheck.require;

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

    /** The checks of this layer's own keys; {@code path} is where it sits ({@code model.layers[2]}). */
    public void validate(String path) {
        require(units != null, path + ".units", "required, e.g. units: 1");
        positive(path + ".units", units);
        require(Activation.of(activation).isPresent(), path + ".activation", "must be one of "
                + String.join(", ", SpecValues.spellings(Activation.class)) + ", got '" + activation + "'");
    }

    @Override
    public String typeName() {
        return "dense";
    }
}
