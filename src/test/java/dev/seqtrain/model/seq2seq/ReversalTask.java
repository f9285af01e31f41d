package dev.seqtrain.model.seq2seq;

import java.util.Random;

import dev.seqtrain.text.TargetSequences;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A generated sequence-to-sequence task that cannot be solved without the source: write the source's ids in reverse
 * order. Sources are pre-padded (as Keras pads by default), decoder sequences post-padded.
 */
final class ReversalTask {

    static final int SOURCE_VOCABULARY = 9;   // ids 1..8, 0 padding
    static final int SOURCE_STEPS = 6;
    static final TargetSequences TARGET = new TargetSequences(SOURCE_VOCABULARY, SOURCE_STEPS + 1);

    private ReversalTask() {
    }

    static int[][] sources(int count, long seed) {
        Random r = new Random(seed);
        int[][] out = new int[count][];
        for (int i = 0; i < count; i++) {
            out[i] = new int[2 + r.nextInt(SOURCE_STEPS - 1)];
            for (int j = 0; j < out[i].length; j++) {
                out[i][j] = 1 + r.nextInt(SOURCE_VOCABULARY - 1);
            }
        }
        return out;
    }

    static int[] reversed(int[] ids) {
        int[] out = new int[ids.length];
        for (int i = 0; i < ids.length; i++) {
            out[i] = ids[ids.length - 1 - i];
        }
        return out;
    }

    /** Features [mb, Ts + Tt] (source then decoder input), mask, one-hot labels [mb, classes, Tt], label mask. */
    static DataSet batch(int[][] sources, DataType type) {
        int mb = sources.length;
        int tt = TARGET.maxlen();
        INDArray features = Nd4j.zeros(type, mb, SOURCE_STEPS + tt);
        INDArray mask = Nd4j.zeros(type, mb, SOURCE_STEPS + tt);
        INDArray labels = Nd4j.zeros(type, mb, TARGET.outputClasses(), tt);
        INDArray labelMask = Nd4j.zeros(type, mb, tt);
        for (int b = 0; b < mb; b++) {
            int[] src = sources[b];
            for (int j = 0; j < src.length; j++) {
                int t = SOURCE_STEPS - src.length + j;
                features.putScalar(b, t, src[j]);
                mask.putScalar(b, t, 1);
            }
            int[] target = reversed(src);
            int[] in = TARGET.input(target);
            int[] out = TARGET.output(target);
            for (int t = 0; t <= target.length; t++) {
                features.putScalar(b, SOURCE_STEPS + t, in[t]);
                mask.putScalar(b, SOURCE_STEPS + t, 1);
                labels.putScalar(new long[] {b, out[t], t}, 1);
                labelMask.putScalar(b, t, 1);
            }
        }
        return new DataSet(features, labels, mask, labelMask);
    }
}
