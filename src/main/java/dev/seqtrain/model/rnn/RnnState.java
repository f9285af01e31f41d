package dev.seqtrain.model.rnn;

import org.nd4j.linalg.api.ndarray.INDArray;

/** A recurrent state [minibatch, units]: h, and the LSTM's cell state c (null for the other cells). */
public record RnnState(INDArray h, INDArray c) {
}
