package dev.seqtrain.job;

import com.fasterxml.jackson.annotation.JsonProperty;

/** {@code text.padding} / {@code text.truncating} (Keras' {@code pad_sequences}): which end of a sequence. */
public enum SequenceEnd {
    @JsonProperty("pre") PRE,
    @JsonProperty("post") POST;

    @Override
    public String toString() {
        return SpecValues.spelling(this);
    }
}
