package dev.seqtrain.model.rnn;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A feature mask [minibatch, time] (non-zero = real step, 0 = padding) in the engine's processing order (reversed
 * with go_backwards), as flags indexed {@code s * minibatch + example}.
 */
final class RealSteps {

    private final boolean[] real;

    private RealSteps(boolean[] real) {
        this.real = real;
    }

    /** Null when there is no mask or no padding. */
    static RealSteps of(INDArray mask, int minibatch, int steps, boolean reversed) {
        if (mask == null) {
            return null;
        }
        if (mask.rank() != 2 || mask.size(0) != minibatch || mask.size(1) != steps) {
            throw new IllegalArgumentException("recurrent layer: expected a mask of shape [" + minibatch + ", " + steps
                    + "] (minibatch, time steps), got " + java.util.Arrays.toString(mask.shape()));
        }
        double[] values = mask.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        boolean[] real = new boolean[minibatch * steps];
        boolean anyPadding = false;
        for (int b = 0; b < minibatch; b++) {
            for (int t = 0; t < steps; t++) {
                int s = reversed ? steps - 1 - t : t;
                boolean isReal = values[b * steps + t] != 0.0;
                real[s * minibatch + b] = isReal;
                anyPadding |= !isReal;
            }
        }
        return anyPadding ? new RealSteps(real) : null;
    }

    boolean real(int s, int minibatch, int example) {
        return real[s * minibatch + example];
    }
}
