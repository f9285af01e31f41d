package dev.seqtrain.job;

import com.fasterxml.jackson.annotation.JsonProperty;

/** {@code model.attention}: attention of the decoder over the encoder's outputs (source padding masked). */
public record AttentionSpec(@JsonProperty("type") Type type) {

    /** {@code model.attention.type}. */
    public enum Type {
        /** Luong's multiplicative ("general") score. */
        @JsonProperty("luong") LUONG,
        /** Bahdanau's additive score. */
        @JsonProperty("bahdanau") BAHDANAU;

        @Override
        public String toString() {
            return SpecValues.spelling(this);
        }
    }

    public AttentionSpec {
        if (type == null) type = Type.LUONG;
    }
}
