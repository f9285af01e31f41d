package dev.seqtrain.model.seq2seq;

import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The steps [from, to) outside which every example of a batch is padding. The recurrent layers pass their state
 * through padded steps and output zeros there, and attention gives padded source steps no weight, so computing only
 * inside the window gives the same results at every real step; CMUdict's batches, padded to 24 steps, are real for
 * about half of them.
 */
record StepWindow(long from, long to, long steps) {

    /** The whole sequence when there is no mask or no step is real. */
    static StepWindow of(INDArray mask, long steps) {
        if (mask == null) {
            return new StepWindow(0, steps, steps);
        }
        double[] anyReal = mask.max(0).castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE).toDoubleVector();
        int first = 0;
        while (first < anyReal.length && anyReal[first] == 0) {
            first++;
        }
        int last = anyReal.length - 1;
        while (last >= first && anyReal[last] == 0) {
            last--;
        }
        return first > last ? new StepWindow(0, steps, steps) : new StepWindow(first, last + 1, steps);
    }

    boolean whole() {
        return from == 0 && to == steps;
    }

    /** The window's columns of [mb, T] ids or masks (null stays null). */
    INDArray columns(INDArray a) {
        return a == null || whole() ? a : a.get(all(), interval(from, to));
    }

    /** The window's steps of a time-major [T, mb, width] array, contiguous. */
    INDArray steps(INDArray timeMajor) {
        return whole() ? timeMajor : timeMajor.get(interval(from, to), all(), all()).dup('c');
    }

    /** A time-major [windowSteps, mb, width] array placed in a zero [T, mb, width] one. */
    INDArray pad(INDArray windowed) {
        if (whole()) {
            return windowed;
        }
        INDArray out = Nd4j.zeros(windowed.dataType(), steps, windowed.size(1), windowed.size(2));
        out.get(interval(from, to), all(), all()).assign(windowed);
        return out;
    }
}
