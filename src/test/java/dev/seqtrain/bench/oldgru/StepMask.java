package dev.seqtrain.bench.oldgru;

import dev.seqtrain.model.gru.GRU;
import dev.seqtrain.model.gru.GRUParamInitializer;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * A DL4J feature mask [minibatch, time] (1 = real step, 0 = padding) prepared for the per-step loop: column-major
 * copies whose columns are contiguous, the complement, and which steps are real or padding for the whole minibatch
 * (those skip the per-example masking work).
 */
final class StepMask {

    private final INDArray keep;
    private final INDArray padding;
    private final boolean[] allReal;
    private final boolean[] allPadding;

    private StepMask(INDArray keep, INDArray padding, boolean[] allReal, boolean[] allPadding) {
        this.keep = keep;
        this.padding = padding;
        this.allReal = allReal;
        this.allPadding = allPadding;
    }

    /** Null when there is no mask or when every step of every example is real. */
    static StepMask of(INDArray mask, long minibatch, long steps, DataType dataType) {
        if (mask == null) {
            return null;
        }
        if (mask.rank() != 2 || mask.size(0) != minibatch || mask.size(1) != steps) {
            throw new IllegalStateException("GRU: expected a feature mask of shape [" + minibatch + ", " + steps
                    + "] (minibatch, time steps), got " + java.util.Arrays.toString(mask.shape()));
        }
        int mb = (int) minibatch;
        int t = (int) steps;
        double[] values = mask.castTo(DataType.DOUBLE).dup('f').data().asDouble();
        double[] keep = new double[values.length];
        double[] padding = new double[values.length];
        boolean[] allReal = new boolean[t];
        boolean[] allPadding = new boolean[t];
        boolean anyPadding = false;
        for (int step = 0; step < t; step++) {
            boolean real = true;
            boolean padded = true;
            for (int ex = 0; ex < mb; ex++) {
                int i = ex + mb * step;
                boolean isReal = values[i] != 0.0;
                keep[i] = isReal ? 1.0 : 0.0;
                padding[i] = isReal ? 0.0 : 1.0;
                real &= isReal;
                padded &= !isReal;
            }
            allReal[step] = real;
            allPadding[step] = padded;
            anyPadding |= !real;
        }
        if (!anyPadding) {
            return null;
        }
        long[] shape = {minibatch, steps};
        // outside workspaces: the backward pass of the same training step still reads them
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            return new StepMask(Nd4j.create(keep, shape, 'f').castTo(dataType),
                    Nd4j.create(padding, shape, 'f').castTo(dataType), allReal, allPadding);
        }
    }

    /** Every example is real at this step. */
    boolean allReal(int step) {
        return allReal[step];
    }

    /** Every example is padding at this step. */
    boolean allPadding(int step) {
        return allPadding[step];
    }

    /** 1 for real, 0 for padding: [minibatch, time], column-major. */
    INDArray keep() {
        return keep;
    }

    /** Column {@code step} of {@link #keep()}: [minibatch], contiguous. */
    INDArray keepColumn(int step) {
        return keep.get(NDArrayIndex.all(), NDArrayIndex.point(step));
    }

    /** 1 - keep at column {@code step}. */
    INDArray paddingColumn(int step) {
        return padding.get(NDArrayIndex.all(), NDArrayIndex.point(step));
    }
}
