package dev.seqtrain.model.seq2seq;

import dev.seqtrain.model.rnn.CellType;

/**
 * The sizes of an encoder-decoder: one cell type for both sides, as many decoder layers as encoder layers (decoder
 * layer l starts from encoder layer l's final state), the decoder as wide as the encoder's merged outputs.
 *
 * @param sourceVocabulary rows of the source embedding (the source tokenizer's ids)
 * @param targetVocabulary rows of the target embedding (the target ids with the start and end tokens)
 * @param units units of each encoder layer (each half of a bidirectional one)
 * @param bidirectional how a bidirectional encoder joins its halves; null for a unidirectional encoder
 * @param attention the attention over the encoder's outputs after the decoder ({@link Seq2SeqAttention#NONE}
 *        for none)
 */
public record Seq2SeqShape(CellType cell, int sourceVocabulary, int sourceEmbedding, int targetVocabulary,
        int targetEmbedding, int units, int layers, StateMerge bidirectional, Seq2SeqAttention attention) {

    /** {@code attention}: Luong attention or none. */
    public Seq2SeqShape(CellType cell, int sourceVocabulary, int sourceEmbedding, int targetVocabulary,
            int targetEmbedding, int units, int layers, StateMerge bidirectional, boolean attention) {
        this(cell, sourceVocabulary, sourceEmbedding, targetVocabulary, targetEmbedding, units, layers, bidirectional,
                attention ? Seq2SeqAttention.LUONG : Seq2SeqAttention.NONE);
    }

    public Seq2SeqShape {
        java.util.Objects.requireNonNull(attention, "attention");
        if (sourceVocabulary < 2 || targetVocabulary < 3 || sourceEmbedding < 1 || targetEmbedding < 1 || units < 1
                || layers < 1) {
            throw new IllegalArgumentException("encoder-decoder sizes must be positive: " + sourceVocabulary + ", "
                    + sourceEmbedding + ", " + targetVocabulary + ", " + targetEmbedding + ", " + units + ", "
                    + layers);
        }
    }

    /** Units of each decoder layer, which equal the encoder's merged state width. */
    public int decoderUnits() {
        return bidirectional == null ? units : bidirectional.width(units);
    }

    public boolean hasAttention() {
        return attention != Seq2SeqAttention.NONE;
    }

    /** Features of each decoder step handed to the output layer. */
    public int outputWidth() {
        return decoderUnits();
    }
}
