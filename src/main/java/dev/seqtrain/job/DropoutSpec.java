package dev.seqtrain.job;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Keras {@code Dropout(rate)}: the fraction of inputs dropped during training. */
public record DropoutSpec(@JsonProperty("rate") Double rate) implements LayerSpec {
    @Override
    public String typeName() {
        return "dropout";
    }
}
