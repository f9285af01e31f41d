package dev.seqtrain.model;

import dev.seqtrain.job.RecurrentSpec;

/** Parameter counts exactly as Keras 2 computes them, from layer arguments and the input feature size. */
final class KerasParams {

    private KerasParams() {
    }

    static long embedding(long inputDim, long outputDim) {
        return inputDim * outputDim;
    }

    /**
     * One recurrent cell on {@code d} input features with {@code u} units: kernel, recurrent kernel and bias per gate.
     * SimpleRNN has 1 gate, LSTM 4; GRU has 3 and, with {@code reset_after} (Keras' default), two bias vectors.
     */
    static long recurrent(RecurrentSpec.Cell cell, long u, long d, boolean useBias, boolean resetAfter) {
        long weights = u * (d + u);
        return switch (cell) {
            case SIMPLE_RNN -> weights + (useBias ? u : 0);
            case LSTM -> 4 * (weights + (useBias ? u : 0));
            case GRU -> 3 * (weights + (useBias ? (resetAfter ? 2 * u : u) : 0));
        };
    }

    static long dense(long d, long u, boolean useBias) {
        return d * u + (useBias ? u : 0);
    }
}
