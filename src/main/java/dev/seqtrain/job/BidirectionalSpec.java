package dev.seqtrain.job;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Keras {@code Bidirectional(layer, merge_mode)}: {@code concat | sum | ave | mul}. */
// plain record binding: the LayerSpec deserializer (inherited from the interface) picks the type
@com.fasterxml.jackson.databind.annotation.JsonDeserialize(using = com.fasterxml.jackson.databind.JsonDeserializer.None.class)
public record BidirectionalSpec(
        @JsonProperty("layer") LayerSpec layer,
        @JsonProperty("merge_mode") String mergeMode) implements LayerSpec {

    public static final java.util.List<String> MERGE_MODES = java.util.List.of("concat", "sum", "ave", "mul");

    public BidirectionalSpec {
        if (mergeMode == null) mergeMode = "concat";
    }

    @Override
    public String typeName() {
        return "bidirectional";
    }
}
