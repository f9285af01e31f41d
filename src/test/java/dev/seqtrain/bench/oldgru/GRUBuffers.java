package dev.seqtrain.bench.oldgru;

import dev.seqtrain.model.gru.GRU;
import dev.seqtrain.model.gru.GRUParamInitializer;

import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;
import static org.nd4j.linalg.indexing.NDArrayIndex.point;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The arrays one GRU layer computes in, kept by the layer and reused from minibatch to minibatch: outside DL4J's
 * workspaces, so the forward pass of a training step is still there for its backward pass. They are sized for a
 * number of steps (the capacity); a shorter minibatch (per-batch padding) uses the first steps.
 *
 * <p>All are column-major with time last ([minibatch, features, time]), so the slice of one step is a contiguous
 * [minibatch, features] matrix and, inside it, each gate's columns are contiguous too: every per-step operation runs
 * on dense memory. The per-step views are built once per allocation.
 */
final class GRUBuffers {

    final long minibatch;
    final long units;
    final int capacity;
    final DataType dataType;

    /** Per step [mb, 3u]: gate pre-activations, then after the forward pass z (update, masked), r (reset), hh. */
    final INDArray[] gates;
    final INDArray[] updateAndReset;
    final INDArray[] update;
    final INDArray[] reset;
    final INDArray[] candidate;
    /** Per step [mb, u]: the state h_t. */
    final INDArray[] states;
    private final INDArray statesAll;
    /** Per step [mb, u]: with reset_after h_{t-1} Uh + rbh, otherwise r ⊙ h_{t-1}. */
    final INDArray[] recurrentCandidate;
    private final INDArray recurrentCandidateAll;
    private final INDArray gatesAll;
    /** Pre-activations, kept only for activation functions whose derivative is not computed from their output. */
    final INDArray[] preUpdateAndReset;
    final INDArray[] preCandidate;
    /** [mb, u]: the state before the first step. */
    final INDArray initialState;

    private Backward backward;

    GRUBuffers(long minibatch, long units, int capacity, DataType dataType, boolean keepPreActivations) {
        this.minibatch = minibatch;
        this.units = units;
        this.capacity = capacity;
        this.dataType = dataType;
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            gatesAll = Nd4j.createUninitialized(dataType, new long[] {minibatch, 3 * units, capacity}, 'f');
            statesAll = Nd4j.createUninitialized(dataType, new long[] {minibatch, units, capacity}, 'f');
            recurrentCandidateAll = Nd4j.createUninitialized(dataType, new long[] {minibatch, units, capacity}, 'f');
            initialState = Nd4j.create(dataType, new long[] {minibatch, units}, 'f');
            INDArray preAll = keepPreActivations
                    ? Nd4j.createUninitialized(dataType, new long[] {minibatch, 3 * units, capacity}, 'f') : null;
            gates = new INDArray[capacity];
            updateAndReset = new INDArray[capacity];
            update = new INDArray[capacity];
            reset = new INDArray[capacity];
            candidate = new INDArray[capacity];
            states = new INDArray[capacity];
            recurrentCandidate = new INDArray[capacity];
            preUpdateAndReset = keepPreActivations ? new INDArray[capacity] : null;
            preCandidate = keepPreActivations ? new INDArray[capacity] : null;
            for (int t = 0; t < capacity; t++) {
                gates[t] = step(gatesAll, t);
                updateAndReset[t] = columns(gates[t], 0, 2);
                update[t] = columns(gates[t], 0, 1);
                reset[t] = columns(gates[t], 1, 2);
                candidate[t] = columns(gates[t], 2, 3);
                states[t] = step(statesAll, t);
                recurrentCandidate[t] = step(recurrentCandidateAll, t);
                if (keepPreActivations) {
                    INDArray pre = step(preAll, t);
                    preUpdateAndReset[t] = columns(pre, 0, 2);
                    preCandidate[t] = columns(pre, 2, 3);
                }
            }
        }
    }

    boolean fits(long minibatch, int steps, DataType dataType, boolean keepPreActivations) {
        return this.minibatch == minibatch && steps <= capacity && this.dataType == dataType
                && (preCandidate != null) == keepPreActivations;
    }

    /** [mb, 3u, steps]: all gates of the first {@code steps} steps. */
    INDArray gatesAll(int steps) {
        return firstSteps(gatesAll, steps);
    }

    /** [mb, u, steps]: the states of the first {@code steps} steps. */
    INDArray statesAll(int steps) {
        return firstSteps(statesAll, steps);
    }

    /** [mb, u, steps]. */
    INDArray recurrentCandidateAll(int steps) {
        return firstSteps(recurrentCandidateAll, steps);
    }

    /** The backward pass's arrays, allocated on the first backward pass. */
    Backward backward(boolean resetAfter) {
        if (backward == null || (backward.recurrentAll != null) != resetAfter) {
            backward = new Backward(resetAfter);
        }
        return backward;
    }

    /** Gradients with respect to the gate pre-activations and the per-step scratch of the backward pass. */
    final class Backward {
        /** Per step [mb, 3u]: dL/d(pre-activation) of z, r, hh: the input side (x W + b). */
        private final INDArray gatesAll;
        final INDArray[] gates;
        final INDArray[] updateAndReset;
        final INDArray[] update;
        final INDArray[] reset;
        final INDArray[] candidate;
        /** reset_after only, per step [mb, 3u]: dL/d(h_{t-1} U + rb); differs from the input side in the h block. */
        private final INDArray recurrentAll;
        final INDArray[] recurrent;
        final INDArray[] recurrentUpdateAndReset;
        final INDArray[] recurrentCandidate;
        /** [mb, u]: dL/dh_t of the step being processed, and what flows to step t - 1. */
        final INDArray stateGradient;
        final INDArray carry;
        /** [mb, 2u] scratch; its first u columns double as [mb, u] scratch. */
        final INDArray scratchWide;
        final INDArray scratch;

        /** [mb, 3u, steps]. */
        INDArray gatesAll(int steps) {
            return firstSteps(gatesAll, steps);
        }

        /** [mb, 3u, steps]; reset_after only. */
        INDArray recurrentAll(int steps) {
            return firstSteps(recurrentAll, steps);
        }

        private Backward(boolean resetAfter) {
            try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
                gatesAll = Nd4j.createUninitialized(dataType, new long[] {minibatch, 3 * units, capacity}, 'f');
                recurrentAll = resetAfter
                        ? Nd4j.createUninitialized(dataType, new long[] {minibatch, 3 * units, capacity}, 'f') : null;
                stateGradient = Nd4j.createUninitialized(dataType, new long[] {minibatch, units}, 'f');
                carry = Nd4j.createUninitialized(dataType, new long[] {minibatch, units}, 'f');
                scratchWide = Nd4j.createUninitialized(dataType, new long[] {minibatch, 2 * units}, 'f');
                scratch = columns(scratchWide, 0, 1);
                gates = new INDArray[capacity];
                updateAndReset = new INDArray[capacity];
                update = new INDArray[capacity];
                reset = new INDArray[capacity];
                candidate = new INDArray[capacity];
                recurrent = resetAfter ? new INDArray[capacity] : null;
                recurrentUpdateAndReset = resetAfter ? new INDArray[capacity] : null;
                recurrentCandidate = resetAfter ? new INDArray[capacity] : null;
                for (int t = 0; t < capacity; t++) {
                    gates[t] = step(gatesAll, t);
                    updateAndReset[t] = columns(gates[t], 0, 2);
                    update[t] = columns(gates[t], 0, 1);
                    reset[t] = columns(gates[t], 1, 2);
                    candidate[t] = columns(gates[t], 2, 3);
                    if (resetAfter) {
                        recurrent[t] = step(recurrentAll, t);
                        recurrentUpdateAndReset[t] = columns(recurrent[t], 0, 2);
                        recurrentCandidate[t] = columns(recurrent[t], 2, 3);
                    }
                }
            }
        }
    }

    /** The first steps of a [mb, k, capacity] column-major array: contiguous, a view. */
    private INDArray firstSteps(INDArray timeLast, int steps) {
        return steps == capacity ? timeLast : timeLast.get(all(), all(), interval(0, steps));
    }

    private static INDArray step(INDArray timeLast, int t) {
        return timeLast.get(all(), all(), point(t));
    }

    /** Gate blocks {@code from} (inclusive) to {@code to} (exclusive) of a [mb, k*u] step matrix. */
    private INDArray columns(INDArray stepMatrix, int from, int to) {
        return stepMatrix.get(all(), interval(from * units, to * units));
    }
}
