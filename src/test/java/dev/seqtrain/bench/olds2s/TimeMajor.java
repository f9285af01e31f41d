package dev.seqtrain.bench.olds2s;

import dev.seqtrain.model.seq2seq.Seq2SeqShape;
import dev.seqtrain.model.seq2seq.StateMerge;

import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Small operations on time-major arrays [T, mb, features] and states [mb, features]. */
final class TimeMajor {

    private TimeMajor() {
    }

    /** A new array with the steps in reverse order. */
    static INDArray reversed(INDArray a) {
        long t = a.size(0);
        // a contiguous copy first: ND4J's point views of an engine buffer view with one example can come out empty
        INDArray in = a.dup('c').reshape('c', t, a.length() / t);
        INDArray out = Nd4j.createUninitialized(a.dataType(), in.shape(), 'c');
        for (long s = 0; s < t; s++) {
            out.getRow(s).assign(in.getRow(t - 1 - s));
        }
        return out.reshape('c', a.shape());
    }

    /** The two halves side by side along the features (the last dimension), or their sum. */
    static INDArray merge(INDArray forward, INDArray backward, StateMerge merge) {
        return merge == StateMerge.CONCAT ? Nd4j.concat(forward.rank() - 1, forward, backward)
                : forward.add(backward);
    }

    /** The gradient of {@link #merge}'s result split back into the two halves' gradients. */
    static INDArray[] split(INDArray g, long units, StateMerge merge) {
        if (merge == StateMerge.SUM) {
            return new INDArray[] {g, g};
        }
        if (g.rank() == 2) {
            return new INDArray[] {g.get(all(), interval(0, units)).dup('c'),
                    g.get(all(), interval(units, 2 * units)).dup('c')};
        }
        return new INDArray[] {g.get(all(), all(), interval(0, units)).dup('c'),
                g.get(all(), all(), interval(units, 2 * units)).dup('c')};
    }
}
