package dev.seqtrain.model;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.MaskState;
import org.deeplearning4j.nn.conf.layers.recurrent.Bidirectional;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.wrapper.BaseWrapperLayer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.INDArrayIndex;

import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;
import static org.nd4j.linalg.indexing.NDArrayIndex.point;

/**
 * The network layer of {@link BidirectionalLastStep}. The wrapped Bidirectional returns [mb, 2u, T] (forward
 * features first); this keeps, per example, the forward half at the last real step and the backward half at the
 * first real step (real = feature mask 1; without a mask, steps T-1 and 0), merges them, and routes gradients
 * back to exactly those positions.
 */
final class BidirectionalLastStepLayer extends BaseWrapperLayer {

    private final Bidirectional.Mode merge;
    private final long units;

    private int[] firstReal;
    private int[] lastReal;
    private long[] sequenceShape;
    /** Picked halves, kept for the product's gradient. */
    private INDArray forwardPicked;
    private INDArray backwardPicked;

    BidirectionalLastStepLayer(Layer bidirectional, Bidirectional.Mode merge, long units) {
        super(bidirectional);
        this.merge = merge;
        this.units = units;
    }

    @Override
    public Type type() {
        return Type.FEED_FORWARD;
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        return pick(underlying.activate(training, workspaceMgr), workspaceMgr);
    }

    @Override
    public INDArray activate(INDArray input, boolean training, LayerWorkspaceMgr workspaceMgr) {
        return pick(underlying.activate(input, training, workspaceMgr), workspaceMgr);
    }

    @Override
    public Pair<INDArray, MaskState> feedForwardMaskArray(INDArray maskArray, MaskState state, int minibatchSize) {
        underlying.feedForwardMaskArray(maskArray, state, minibatchSize);
        setMaskArray(maskArray);
        // one vector per sequence from here on: no time steps left to mask
        return new Pair<>(null, state);
    }

    private INDArray pick(INDArray sequence, LayerWorkspaceMgr ws) {
        if (sequence.rank() != 3 || sequence.size(1) != 2 * units) {
            throw new IllegalStateException("expected [minibatch, " + 2 * units + ", T] from the bidirectional layer, got "
                    + java.util.Arrays.toString(sequence.shape()));
        }
        sequenceShape = sequence.shape();
        int mb = (int) sequence.size(0);
        findRealSteps(mb, (int) sequence.size(2));
        INDArray forward = ws.createUninitialized(ArrayType.FF_WORKING_MEM, sequence.dataType(), new long[]{mb, units}, 'c');
        INDArray backward = ws.createUninitialized(ArrayType.FF_WORKING_MEM, sequence.dataType(), new long[]{mb, units}, 'c');
        for (int b = 0; b < mb; b++) {
            forward.putRow(b, sequence.get(point(b), interval(0, units), point(lastReal[b])));
            backward.putRow(b, sequence.get(point(b), interval(units, 2 * units), point(firstReal[b])));
        }
        if (merge == Bidirectional.Mode.MUL) {
            forwardPicked = forward.detach();
            backwardPicked = backward.detach();
        }
        long width = merge == Bidirectional.Mode.CONCAT ? 2 * units : units;
        INDArray out = ws.createUninitialized(ArrayType.ACTIVATIONS, sequence.dataType(), new long[]{mb, width}, 'c');
        switch (merge) {
            case CONCAT -> {
                out.get(all(), interval(0, units)).assign(forward);
                out.get(all(), interval(units, 2 * units)).assign(backward);
            }
            case ADD -> out.assign(forward).addi(backward);
            case AVERAGE -> out.assign(forward).addi(backward).muli(0.5);
            case MUL -> out.assign(forward).muli(backward);
            default -> throw new IllegalStateException("merge mode " + merge);
        }
        return out;
    }

    private void findRealSteps(int mb, int steps) {
        firstReal = new int[mb];
        lastReal = new int[mb];
        // the mask DL4J keeps on the wrapped layer is the one of the current batch
        INDArray mask = underlying.getMaskArray();
        if (mask == null) {
            java.util.Arrays.fill(lastReal, steps - 1);
            return;
        }
        float[][] m = mask.castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT).toFloatMatrix();
        for (int b = 0; b < mb; b++) {
            int first = -1;
            int last = -1;
            for (int t = 0; t < steps; t++) {
                if (m[b][t] != 0) {
                    if (first < 0) first = t;
                    last = t;
                }
            }
            // an empty sequence: every step is masked and the cells output zeros anywhere
            firstReal[b] = Math.max(first, 0);
            lastReal[b] = Math.max(last, 0);
        }
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr ws) {
        INDArray forwardEps;
        INDArray backwardEps;
        switch (merge) {
            case CONCAT -> {
                forwardEps = epsilon.get(all(), interval(0, units));
                backwardEps = epsilon.get(all(), interval(units, 2 * units));
            }
            case ADD -> {
                forwardEps = epsilon;
                backwardEps = epsilon;
            }
            case AVERAGE -> {
                forwardEps = epsilon.mul(0.5);
                backwardEps = forwardEps;
            }
            case MUL -> {
                forwardEps = epsilon.mul(backwardPicked);
                backwardEps = epsilon.mul(forwardPicked);
            }
            default -> throw new IllegalStateException("merge mode " + merge);
        }
        INDArray sequenceEps = ws.create(ArrayType.BP_WORKING_MEM, epsilon.dataType(), sequenceShape, 'f');
        INDArrayIndex[] at = new INDArrayIndex[3];
        for (int b = 0; b < lastReal.length; b++) {
            at[0] = point(b);
            at[1] = interval(0, units);
            at[2] = point(lastReal[b]);
            sequenceEps.put(at, forwardEps.getRow(b));
            at[1] = interval(units, 2 * units);
            at[2] = point(firstReal[b]);
            sequenceEps.put(at, backwardEps.getRow(b));
        }
        return underlying.backpropGradient(sequenceEps, ws);
    }
}
