package dev.seqtrain.model.rnn;

import org.nd4j.linalg.api.ndarray.INDArray;

/** A forward pass's outputs [T, mb, u] (processing order) and final state. */
public record RnnResult(INDArray outputs, RnnState last) {
}
