package dev.seqtrain.model.rnn;

/** What a recurrent layer outputs at a padded step (its state carries over unchanged either way). */
public enum MaskedOutput {
    /** 0: DL4J's convention, what {@code LastTimeStep}, {@code Bidirectional} and RNN output layers expect. */
    ZERO,
    /** The output of the example's previous step (0 before its first real step): Keras' convention. */
    PREVIOUS
}
