package dev.seqtrain.model.seq2seq;

/**
 * The attention of an encoder-decoder over the encoder's outputs, applied to the decoder's outputs after its
 * recurrence: none, Luong's multiplicative ("general") score or Bahdanau's additive score. Both then share the
 * softmax over the real source steps, the context vector and the attentional output {@code tanh([c_t; s_t] · Wc)}.
 */
public enum Seq2SeqAttention {
    NONE, LUONG, BAHDANAU;

    /** The score's computation; null for {@link #NONE}. */
    AttentionScore score() {
        return switch (this) {
            case NONE -> null;
            case LUONG -> new LuongScore();
            case BAHDANAU -> new BahdanauScore();
        };
    }
}
