package dev.seqtrain.model.seq2seq;

import java.util.List;

/**
 * A decoded output sequence.
 *
 * @param tokens the tokens written, without the start and end tokens
 * @param logProbability the sum of the log-probabilities of the tokens, the end token included when it was written
 * @param score the log-probability normalised by length ({@link BeamSearch}), by which hypotheses are ranked
 * @param finished whether the decoder wrote the end token (false: cut at the maximum length)
 */
public record Hypothesis(List<Integer> tokens, double logProbability, double score, boolean finished) {
}
