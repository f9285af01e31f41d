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
import org.nd4j.linalg.factory.Nd4j;

import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;

/**
 * The network layer of {@link BidirectionalLastStep}. The wrapped Bidirectional returns [mb, 2u, T] (forward
 * features first); this keeps, per example, the forward half at the last real step and the backward half at the
 * first real step (real = feature mask 1; without a mask, steps T-1 and 0), merges them, and routes gradients
 * back to exactly those positions.
 */
final class BidirectionalLastStepLayer extends BaseWrapperLayer {

    private final Bidirectional.Mode merge;
    private final long units;

    /** One-hot [mb, 1, T] selectors of each sequence's first and last real step. */
    private INDArray firstStep;
    private INDArray lastStep;
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
        int steps = (int) sequence.size(2);
        selectRealSteps(mb, steps, sequence.dataType());
        // a product with a one-hot selector summed over time: two array operations whatever the batch size
        INDArray forward = sequence.get(all(), interval(0, units), all()).mul(lastStep).sum(2);
        INDArray backward = sequence.get(all(), interval(units, 2 * units), all()).mul(firstStep).sum(2);
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

    private void selectRealSteps(int mb, int steps, org.nd4j.linalg.api.buffer.DataType type) {
        float[][] first = new float[mb][steps];
        float[][] last = new float[mb][steps];
        // the mask DL4J keeps on the wrapped layer is the one of the current batch
        INDArray mask = underlying.getMaskArray();
        float[][] m = mask == null ? null : mask.castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT).toFloatMatrix();
        for (int b = 0; b < mb; b++) {
            int firstReal = 0;
            int lastReal = steps - 1;
            if (m != null) {
                firstReal = -1;
                lastReal = -1;
                for (int t = 0; t < steps; t++) {
                    if (m[b][t] != 0) {
                        if (firstReal < 0) firstReal = t;
                        lastReal = t;
                    }
                }
                // an empty sequence: every step is masked and the cells output zeros anywhere
                firstReal = Math.max(firstReal, 0);
                lastReal = Math.max(lastReal, 0);
            }
            first[b][firstReal] = 1f;
            last[b][lastReal] = 1f;
        }
        firstStep = Nd4j.createFromArray(first).castTo(type).reshape(mb, 1, steps).detach();
        lastStep = Nd4j.createFromArray(last).castTo(type).reshape(mb, 1, steps).detach();
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
        long mb = sequenceShape[0];
        INDArray sequenceEps = ws.create(ArrayType.BP_WORKING_MEM, epsilon.dataType(), sequenceShape, 'f');
        sequenceEps.get(all(), interval(0, units), all()).assign(forwardEps.reshape(mb, units, 1).mul(lastStep));
        sequenceEps.get(all(), interval(units, 2 * units), all())
                .assign(backwardEps.reshape(mb, units, 1).mul(firstStep));
        return underlying.backpropGradient(sequenceEps, ws);
    }
}
