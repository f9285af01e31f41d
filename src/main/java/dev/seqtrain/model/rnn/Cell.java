package dev.seqtrain.model.rnn;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The per-step part of one cell: the recurrent matrix product and the fused element-wise gate math, forward and
 * backward, over {@link RnnBuffers}. Masked (padded) examples carry their state over and get zero gate gradients.
 */
abstract class Cell {

    final RnnSpec spec;
    final int units;
    final int width;
    final Nonlinearity act;
    final Nonlinearity gate;

    Cell(RnnSpec spec) {
        this.spec = spec;
        this.units = spec.units();
        this.width = spec.width();
        this.act = spec.activation();
        this.gate = spec.recurrentActivation();
    }

    static Cell of(RnnSpec spec) {
        switch (spec.cell()) {
            case SIMPLE_RNN:
                return new SimpleRnnCell(spec);
            case LSTM:
                return new LstmCell(spec);
            case GRU:
                return spec.resetAfter() ? new GruResetAfterCell(spec) : new GruResetBeforeCell(spec);
            default:
                throw new IllegalArgumentException("no cell " + spec.cell());
        }
    }

    /** Before the time loop, once the gates hold x W + b for every step. */
    void beforeSteps(RnnBuffers b, RnnWeights w, int steps) {
    }

    /** Step s: reads state block s, writes state block s + 1 (and the cell's own buffers). */
    abstract void forward(RnnBuffers b, RnnWeights w, RealSteps mask, int s);

    /**
     * Step s backwards: {@code b.carry} holds dL/dh_s; writes the gate gradients of step s and dL/dh_{s-1} into
     * {@code b.nextCarry} (the engine swaps them).
     */
    abstract void backward(RnnBuffers b, RnnWeights w, RealSteps mask, int s);

    /**
     * After the time loop: the recurrent kernel's gradient (and the GRU's recurrent bias) with one product over all
     * steps. The default is the product for cells whose gate gradients multiply h_{t-1} U directly.
     */
    void recurrentGradients(RnnBuffers b, RnnWeights grads, int steps) {
        gemm(b.blocks(b.productInputs(), 0, steps), b.blocks(b.gateGradients, 0, steps), grads.recurrentKernel(), true, false,
                0.0);
    }

    /**
     * Step s's input to the recurrent product: h_s, or with recurrent dropout m ⊙ h_s (computed here). Only the
     * product sees the mask; the carried state stays unmasked.
     */
    final INDArray productInput(RnnBuffers b, int s) {
        if (!b.dropout) {
            return b.step(b.states, s);
        }
        int n = b.minibatch * units;
        int from = s * n;
        Values h = b.statesV;
        Values dropped = b.droppedStatesV;
        Values m = b.dropoutMaskV;
        for (int i = 0; i < n; i++) {
            dropped.set(from + i, h.get(from + i) * m.get(i));
        }
        return b.step(b.droppedStates, s);
    }

    /**
     * Adds the recurrent product's share of dL/dh_{s-1} to {@code b.nextCarry}: gradients · kernelᵀ, times the
     * recurrent dropout mask if there is one.
     */
    final void addProductGradient(RnnBuffers b, INDArray gateGradients, INDArray kernel) {
        if (!b.dropout) {
            gemm(gateGradients, kernel, b.nextCarry, false, true, 1.0);
            return;
        }
        gemm(gateGradients, kernel, b.droppedGradient, false, true, 0.0);
        int n = b.minibatch * units;
        Values carry = b.nextCarryV;
        Values d = b.droppedGradientV;
        Values m = b.dropoutMaskV;
        for (int i = 0; i < n; i++) {
            carry.set(i, carry.get(i) + d.get(i) * m.get(i));
        }
    }

    /** The recurrent dropout mask at element i of a [mb, u] block: 1 without dropout. */
    static double dropoutAt(RnnBuffers b, int i) {
        return b.dropout ? b.dropoutMaskV.get(i) : 1.0;
    }

    static boolean real(RealSteps mask, int s, int minibatch, int example) {
        return mask == null || mask.real(s, minibatch, example);
    }

    /** Copies state rows of example {@code ex} from block s to block s + 1. */
    final void carryOver(Values states, int s, int minibatch, int ex) {
        int from = (s * minibatch + ex) * units;
        int to = from + minibatch * units;
        for (int j = 0; j < units; j++) {
            states.set(to + j, states.get(from + j));
        }
    }

    /** A masked example backwards: no gate gradient, dL/dh passes through to the previous step. */
    final void passThrough(RnnBuffers b, int s, int ex) {
        int g0 = (s * b.minibatch + ex) * width;
        for (int k = 0; k < width; k++) {
            b.gateGradientsV.set(g0 + k, 0.0);
        }
        int c0 = ex * units;
        for (int j = 0; j < units; j++) {
            b.nextCarryV.set(c0 + j, b.carryV.get(c0 + j));
        }
    }

    static void gemm(INDArray a, INDArray bMatrix, INDArray c, boolean transposeA, boolean transposeB, double beta) {
        Gemm.gemm(a, bMatrix, c, transposeA, transposeB, beta);
    }
}
