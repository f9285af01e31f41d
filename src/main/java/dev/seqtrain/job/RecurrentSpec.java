package dev.seqtrain.job;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Keras {@code SimpleRNN}, {@code LSTM} or {@code GRU}: the three share their arguments. {@code bidirectional: true}
 * is shorthand for wrapping the layer in {@code bidirectional} with {@code merge_mode}. {@code unit_forget_bias} is
 * the LSTM's (the other cells ignore it, as they ignore {@code reset_after} outside the GRU).
 */
// plain record binding: the LayerSpec deserializer (inherited from the interface) picks the type
@com.fasterxml.jackson.databind.annotation.JsonDeserialize(using = com.fasterxml.jackson.databind.JsonDeserializer.None.class)
public record RecurrentSpec(
        @JsonIgnore Cell cell,
        @JsonProperty("units") Integer units,
        @JsonProperty("activation") String activation,
        @JsonProperty("recurrent_activation") String recurrentActivation,
        @JsonProperty("return_sequences") Boolean returnSequences,
        @JsonProperty("dropout") Double dropout,
        @JsonProperty("recurrent_dropout") Double recurrentDropout,
        @JsonProperty("use_bias") Boolean useBias,
        @JsonProperty("reset_after") Boolean resetAfter,
        @JsonProperty("bidirectional") Boolean bidirectional,
        @JsonProperty("merge_mode") String mergeMode,
        @JsonProperty("implementation") Implementation implementation,
        @JsonProperty("unit_forget_bias") Boolean unitForgetBias) implements LayerSpec {

    /** {@code implementation}: what computes the layer. */
    public enum Implementation {
        /** seqtrain's recurrent engine (model/rnn): every cell and option, Keras' semantics. */
        @JsonProperty("engine") ENGINE,
        /** DL4J's own LSTM / SimpleRnn, as seqtrain built them before the engine (no GRU, no use_bias: false). */
        @JsonProperty("dl4j") DL4J;

        /** The spec spelling, as {@code job.yaml} writes it back. */
        @Override
        public String toString() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** The recurrent cell, named as in the YAML key. */
    public enum Cell {
        SIMPLE_RNN("simple_rnn", "SimpleRNN"), LSTM("lstm", "LSTM"), GRU("gru", "GRU");

        private final String key;
        private final String kerasName;

        Cell(String key, String kerasName) {
            this.key = key;
            this.kerasName = kerasName;
        }

        public String key() {
            return key;
        }

        public String kerasName() {
            return kerasName;
        }
    }

    public RecurrentSpec {
        if (activation == null) activation = "tanh";
        if (recurrentActivation == null) recurrentActivation = "sigmoid";
        if (returnSequences == null) returnSequences = false;
        if (dropout == null) dropout = 0.0;
        if (recurrentDropout == null) recurrentDropout = 0.0;
        if (useBias == null) useBias = true;
        if (resetAfter == null) resetAfter = true;
        if (bidirectional == null) bidirectional = false;
        if (mergeMode == null) mergeMode = "concat";
        if (implementation == null) implementation = Implementation.ENGINE;
        if (unitForgetBias == null) unitForgetBias = true;
    }

    public RecurrentSpec withCell(Cell c) {
        return new RecurrentSpec(c, units, activation, recurrentActivation, returnSequences, dropout, recurrentDropout,
                useBias, resetAfter, bidirectional, mergeMode, implementation, unitForgetBias);
    }

    @Override
    public String typeName() {
        return cell == null ? "recurrent" : cell.key();
    }
}
