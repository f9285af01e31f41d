package dev.seqtrain.model.rnn;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A layer's weights, or their gradients, in Keras' layout: kernel [nIn, gates·u], recurrent kernel [u, gates·u], bias
 * [biasRows, gates·u] (null without bias; row 1 is the GRU's recurrent bias with reset_after). Gate blocks of u
 * columns in Keras' order (LSTM i, f, c, o; GRU z, r, h).
 */
public record RnnWeights(INDArray kernel, INDArray recurrentKernel, INDArray bias) {
}
