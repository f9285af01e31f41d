package dev.seqtrain.model.seq2seq;

/**
 * How a bidirectional encoder layer joins its forward and backward halves, for its outputs and for the final state it
 * hands to the decoder: side by side (the decoder then has twice the encoder's units) or added.
 */
public enum StateMerge {
    CONCAT, SUM;

    /** Features after merging two halves of {@code units}. */
    public int width(int units) {
        return this == CONCAT ? 2 * units : units;
    }
}
