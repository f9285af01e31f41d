package dev.seqtrain.model.seq2seq;

import java.util.List;

/**
 * One step of a decoder for a batch of hypotheses, which is all that {@link BeamSearch} needs from a model.
 *
 * @param <S> the decoder's state (for an RNN decoder: its hidden and cell state for one hypothesis)
 */
@FunctionalInterface
public interface DecoderStep<S> {

    /**
     * Feeds each hypothesis' last token into its state.
     *
     * @param states the state of each hypothesis before reading its last token
     * @param lastTokens the last token of each hypothesis (the start token on the first step)
     * @return for each hypothesis, in order: the log-probabilities of every next token, and its state after reading
     *         the last token (shared by all the hypotheses that extend it)
     */
    List<Next<S>> step(List<S> states, int[] lastTokens);

    /** A hypothesis' next-token log-probabilities and the state it continues from. */
    record Next<S>(double[] logProbabilities, S state) {
    }
}
