package dev.seqtrain.model.rnn;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * seqtrain's recurrent engine: forward and backward passes of one SimpleRNN, LSTM or GRU layer over a minibatch of
 * sequences, in Keras' semantics and weight layout ({@link RnnSpec}, {@link RnnWeights}). Spark- and DL4J-free.
 *
 * <p>The work is laid out as the fast CPU implementations do it: the input projection of all steps is one matrix
 * product ((T·mb x nIn) · (nIn x gates·u)), each step does one recurrent product with all gate weights and one JVM
 * loop over raw buffers for the element-wise gate math, and the weight gradients are one product each after the
 * backward loop. Buffers are kept and reused from minibatch to minibatch; nothing is allocated per step except
 * ND4J's view objects.
 *
 * <p>Arrays are time-major: input [T, mb, nIn], outputs [T, mb, u], row-major. Masking follows Keras: at a padded
 * step an example's state carries over unchanged, so pre- and post-padding end in the same state; its output there
 * is set by {@link MaskedOutput}. With go_backwards the steps run from T-1 to 0 and the outputs come in that order.
 *
 * <p>Not thread-safe: one engine per layer instance.
 */
public final class RnnEngine {

    private final RnnSpec spec;
    private final Cell cell;

    /** The buffers of the current pass. */
    private RnnBuffers buffers;
    /**
     * Buffers by minibatch size, most recently used last: a partition's short last batch, or predict's and
     * validation's batch next to training's, would otherwise drop and reallocate the full-size buffers (hundreds of
     * MB, freed only when the GC collects them) at every switch.
     */
    private final java.util.LinkedHashMap<Integer, RnnBuffers> byMinibatch = new java.util.LinkedHashMap<>(8, 0.75f,
            true);
    /** How many minibatch sizes keep their buffers. */
    static final int KEPT_MINIBATCH_SIZES = 3;
    private RealSteps mask;
    private RnnWeights weights;
    /** The input as [T·mb, nIn] in processing order. */
    private INDArray input;
    private int steps;

    public RnnEngine(RnnSpec spec) {
        this.spec = spec;
        this.cell = Cell.of(spec);
    }

    /**
     * Buffers for mb rows and t steps: kept ones when they fit, else new ones with room for 1.5x the steps they
     * replace (dynamic padding's batches grow towards maxlen: a few reallocations, not one per new length).
     */
    private RnnBuffers buffersFor(int mb, int t, DataType type) {
        RnnBuffers kept = byMinibatch.get(mb);
        if (kept != null && kept.fits(mb, t, type)) {
            return kept;
        }
        int capacity = kept == null || kept.dataType != type ? t : Math.max(t, kept.capacity + kept.capacity / 2);
        RnnBuffers made = new RnnBuffers(spec, mb, capacity, type);
        byMinibatch.put(mb, made);
        if (byMinibatch.size() > KEPT_MINIBATCH_SIZES) {
            Integer eldest = byMinibatch.keySet().iterator().next();
            byMinibatch.remove(eldest);
        }
        return made;
    }

    /** The buffers of the last pass (tests). */
    RnnBuffers buffers() {
        return buffers;
    }

    public RnnSpec spec() {
        return spec;
    }

    /**
     * Forward pass; keeps what {@link #backward} needs.
     *
     * @param x [T, mb, nIn] (FLOAT or DOUBLE; the weights in the same type)
     * @param initial the state before the first step, or null for zeros
     * @param featureMask [mb, T], non-zero = real step; or null
     * @return outputs [T, mb, u] and the final state: views of the engine's buffers, valid until the next call
     */
    public RnnResult forward(INDArray x, RnnWeights w, RnnState initial, INDArray featureMask) {
        return forward(x, w, initial, featureMask, null);
    }

    /**
     * Forward pass with Keras' {@code recurrent_dropout}: h_{t-1} is multiplied by the mask where it enters the
     * recurrent product, at every step and for all gates alike (one mask per sequence); the carried state (z ⊙ h_{t-1}
     * of the GRU, the LSTM's c) is not masked. The backward pass uses the same mask.
     *
     * @param recurrentDropout [mb, u], already scaled by 1/(1 - rate); or null for none
     */
    public RnnResult forward(INDArray x, RnnWeights w, RnnState initial, INDArray featureMask,
            INDArray recurrentDropout) {
        return forward(x, w, initial, featureMask, recurrentDropout, true);
    }

    /**
     * Forward pass that builds the outputs of every step only when asked: a layer that hands on the final state alone
     * (return_sequences false) passes {@code withOutputs} false and then backward with dOutputs null.
     *
     * @return as above, with outputs null unless {@code withOutputs}
     */
    public RnnResult forward(INDArray x, RnnWeights w, RnnState initial, INDArray featureMask,
            INDArray recurrentDropout, boolean withOutputs) {
        checkInput(x, w);
        int t = (int) x.size(0);
        int mb = (int) x.size(1);
        DataType type = x.dataType();
        if (recurrentDropout != null && (recurrentDropout.rank() != 2 || recurrentDropout.size(0) != mb
                || recurrentDropout.size(1) != spec.units())) {
            throw new IllegalArgumentException("recurrent engine: expected a recurrent dropout mask [" + mb + ", "
                    + spec.units() + "] (minibatch, units), got " + java.util.Arrays.toString(recurrentDropout.shape()));
        }
        buffers = buffersFor(mb, t, type);
        RnnBuffers b = buffers;
        b.useRecurrentDropout(recurrentDropout);
        this.steps = t;
        this.weights = w;
        this.mask = RealSteps.of(featureMask, mb, t, spec.goBackwards());
        this.input = copyInProcessingOrder(x, t, mb);

        INDArray gates = b.blocks(b.gates, 0, t);
        Cell.gemm(input, w.kernel(), gates, false, false, 0.0);
        if (w.bias() != null) {
            gates.addiRowVector(w.bias().getRow(0));
        }
        setInitial(b.states, initial == null ? null : initial.h());
        if (b.cells != null) {
            setInitial(b.cells, initial == null ? null : initial.c());
        }
        cell.beforeSteps(b, w, t);
        for (int s = 0; s < t; s++) {
            cell.forward(b, w, mask, s);
        }
        RnnState last = new RnnState(b.step(b.states, t), b.cells == null ? null : b.step(b.cells, t));
        if (!withOutputs) {
            return new RnnResult(null, last);
        }
        INDArray outputs = mask == null ? b.blocks(b.states, 1, t + 1) : maskedOutputs(b, t);
        return new RnnResult(outputs.reshape('c', t, mb, spec.units()), last);
    }

    /**
     * Backward pass over the last forward pass.
     *
     * @param dOutputs dL/d(outputs) [T, mb, u], or null when only the final state is used
     * @param dFinal dL/d(final state) (either part may be null), or null
     * @param grads where the weight gradients are written (overwritten), in the weights' layout
     * @param dInput where dL/dx [T, mb, nIn] is written
     * @return dL/d(initial state): views of the engine's buffers, valid until the next call
     */
    public RnnState backward(INDArray dOutputs, RnnState dFinal, RnnWeights grads, INDArray dInput) {
        if (weights == null) {
            throw new IllegalStateException("backward without a forward pass");
        }
        RnnBuffers b = buffers;
        int t = steps;
        int mb = b.minibatch;
        int u = spec.units();
        setInitial(b.carry, dFinal == null ? null : dFinal.h());
        if (b.cellCarry != null) {
            setInitial(b.cellCarry, dFinal == null ? null : dFinal.c());
        }
        Values dOut = null;
        if (dOutputs != null) {
            // a copy into the engine's own memory: the fused loop reads it element by element
            b.blocks(b.outputs, 0, t).reshape('c', t, mb, u).assign(dOutputs);
            dOut = b.outputsV;
            b.pending.assign(0);
        }
        for (int s = t - 1; s >= 0; s--) {
            if (dOut != null) {
                addOutputGradient(b, dOut, s);
            }
            cell.backward(b, weights, mask, s);
            b.swapCarry();
        }

        INDArray gateGradients = b.blocks(b.gateGradients, 0, t);
        Cell.gemm(input, gateGradients, grads.kernel(), true, false, 0.0);
        cell.recurrentGradients(b, grads, t);
        if (grads.bias() != null) {
            b.columnSums(b.gateGradients, b.gateGradientsV, t, grads.bias().get(NDArrayIndex.interval(0, 1), NDArrayIndex.all()));
        }
        if (dInput.ordering() != 'c' || dInput.elementWiseStride() != 1) {
            throw new IllegalArgumentException("recurrent engine: dInput must be a contiguous row-major array");
        }
        INDArray dx = dInput.reshape('c', (long) t * mb, spec.inputSize());
        if (spec.goBackwards()) {
            INDArray reversed = b.blocks(b.reversedInputGradient, 0, t);
            Cell.gemm(gateGradients, weights.kernel(), reversed, false, true, 0.0);
            reverseSteps(reversed, dx, t, mb);
        } else {
            Cell.gemm(gateGradients, weights.kernel(), dx, false, true, 0.0);
        }
        return new RnnState(b.carry, b.cellCarry);
    }

    /** Adds step s's output gradient to dL/dh_s; at padded steps it belongs to the output the example repeats. */
    private void addOutputGradient(RnnBuffers b, Values dOut, int s) {
        if (mask == null) {
            // no padding: one native (vectorised) add; the loop below is for the padded case
            b.carry.addi(b.step(b.outputs, s));
            return;
        }
        int mb = b.minibatch;
        int u = spec.units();
        boolean keras = spec.maskedOutput() == MaskedOutput.PREVIOUS;
        for (int ex = 0; ex < mb; ex++) {
            int o0 = (s * mb + ex) * u;
            int c0 = ex * u;
            if (Cell.real(mask, s, mb, ex)) {
                for (int j = 0; j < u; j++) {
                    double pending = keras ? b.pendingV.get(c0 + j) : 0.0;
                    b.carryV.set(c0 + j, b.carryV.get(c0 + j) + dOut.get(o0 + j) + pending);
                    if (keras) {
                        b.pendingV.set(c0 + j, 0.0);
                    }
                }
            } else if (keras) {
                for (int j = 0; j < u; j++) {
                    b.pendingV.set(c0 + j, b.pendingV.get(c0 + j) + dOut.get(o0 + j));
                }
            }
        }
    }

    private INDArray maskedOutputs(RnnBuffers b, int t) {
        int mb = b.minibatch;
        int u = spec.units();
        boolean keras = spec.maskedOutput() == MaskedOutput.PREVIOUS;
        Values y = b.outputsV;
        Values h = b.statesV;
        for (int s = 0; s < t; s++) {
            for (int ex = 0; ex < mb; ex++) {
                int o0 = (s * mb + ex) * u;
                boolean real = Cell.real(mask, s, mb, ex);
                for (int j = 0; j < u; j++) {
                    double value;
                    if (real) {
                        value = h.get(o0 + mb * u + j);
                    } else if (keras && s > 0) {
                        value = y.get(o0 - mb * u + j);
                    } else {
                        value = 0.0;
                    }
                    y.set(o0 + j, value);
                }
            }
        }
        return b.blocks(b.outputs, 0, t);
    }

    /** The input copied into the engine's buffer (any strides in; the backward pass reads it again). */
    private INDArray copyInProcessingOrder(INDArray x, int t, int mb) {
        INDArray copy = buffers.blocks(buffers.input, 0, t);
        if (!spec.goBackwards()) {
            copy.reshape('c', t, mb, spec.inputSize()).assign(x);
        } else {
            for (int s = 0; s < t; s++) {
                buffers.blocks(copy, s, s + 1).assign(x.get(NDArrayIndex.point(t - 1 - s)));
            }
        }
        return copy;
    }

    private void reverseSteps(INDArray from, INDArray to, int t, int mb) {
        for (int s = 0; s < t; s++) {
            buffers.blocks(to, t - 1 - s, t - s).assign(buffers.blocks(from, s, s + 1));
        }
    }

    private void setInitial(INDArray stateBuffer, INDArray value) {
        INDArray first = stateBuffer.rows() == buffers.minibatch ? stateBuffer
                : buffers.blocks(stateBuffer, 0, 1);
        if (value == null) {
            first.assign(0);
        } else {
            first.assign(value);
        }
    }

    private void checkInput(INDArray x, RnnWeights w) {
        if (x.rank() != 3 || x.size(2) != spec.inputSize()) {
            throw new IllegalArgumentException("recurrent engine: expected input [time, minibatch, " + spec.inputSize()
                    + "], got " + java.util.Arrays.toString(x.shape()));
        }
        if (w.kernel().dataType() != x.dataType()) {
            throw new IllegalArgumentException("recurrent engine: input is " + x.dataType() + ", weights are "
                    + w.kernel().dataType());
        }
        if ((w.bias() != null) != spec.useBias()) {
            throw new IllegalArgumentException("recurrent engine: bias given " + (w.bias() != null) + ", use_bias "
                    + spec.useBias());
        }
    }
}
