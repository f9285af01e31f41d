package dev.seqtrain.bench.oldgru;

import dev.seqtrain.model.gru.GRU;
import dev.seqtrain.model.gru.GRUParamInitializer;

import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One set of GRU weights or of their gradients, as views: kernel [nIn, 3u], recurrent kernel [u, 3u], input bias and
 * recurrent bias [1, 3u] (null when absent). Column blocks of size u are the gates z, r, h.
 */
record GRUParams(INDArray kernel, INDArray recurrentKernel, INDArray bias, INDArray recurrentBias) {

    long units() {
        return recurrentKernel.size(0);
    }

    /** Recurrent kernel columns of z and r: [u, 2u], contiguous. */
    INDArray recurrentUpdateAndReset() {
        return recurrentKernel.get(all(), interval(0, 2 * units()));
    }

    /** Recurrent kernel columns of the candidate: [u, u], contiguous. */
    INDArray recurrentCandidate() {
        return recurrentKernel.get(all(), interval(2 * units(), 3 * units()));
    }
}
