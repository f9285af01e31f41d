package dev.seqtrain.model.rnn;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Keras GRU with reset_after=True (PyTorch's nn.GRU), gate blocks z, r, h: with q = h_{t-1} U + rb,
 * z = σ(x_z + q_z), r = σ(x_r + q_r), hh = act(x_h + r ⊙ q_h), h_t = z ⊙ h_{t-1} + (1 - z) ⊙ hh.
 */
final class GruResetAfterCell extends Cell {

    GruResetAfterCell(RnnSpec spec) {
        super(spec);
    }

    /** The recurrent bias rb of this pass, added in the gate loop (cheaper than filling q with it first). */
    private double[] recurrentBias;

    @Override
    void beforeSteps(RnnBuffers b, RnnWeights w, int steps) {
        recurrentBias = w.bias() == null ? new double[width]
                : w.bias().getRow(1).castTo(DataType.DOUBLE).toDoubleVector();
    }

    @Override
    void forward(RnnBuffers b, RnnWeights w, RealSteps mask, int s) {
        int mb = b.minibatch;
        int u = units;
        gemm(productInput(b, s), w.recurrentKernel(), b.step(b.recurrent, s), false, false, 0.0);
        double[] rb = recurrentBias;
        Values g = b.gatesV;
        Values q = b.recurrentV;
        Values h = b.statesV;
        for (int ex = 0; ex < mb; ex++) {
            if (!real(mask, s, mb, ex)) {
                carryOver(h, s, mb, ex);
                continue;
            }
            int g0 = (s * mb + ex) * width;
            int p0 = (s * mb + ex) * u;
            int n0 = p0 + mb * u;
            for (int j = 0; j < u; j++) {
                double z = gate.apply(g.get(g0 + j) + q.get(g0 + j) + rb[j]);
                double r = gate.apply(g.get(g0 + u + j) + q.get(g0 + u + j) + rb[u + j]);
                // the backward pass reads h U_h + rb_h
                double qh = q.get(g0 + 2 * u + j) + rb[2 * u + j];
                q.set(g0 + 2 * u + j, qh);
                double hh = act.apply(g.get(g0 + 2 * u + j) + r * qh);
                g.set(g0 + j, z);
                g.set(g0 + u + j, r);
                g.set(g0 + 2 * u + j, hh);
                h.set(n0 + j, z * h.get(p0 + j) + (1 - z) * hh);
            }
        }
    }

    @Override
    void backward(RnnBuffers b, RnnWeights w, RealSteps mask, int s) {
        int mb = b.minibatch;
        int u = units;
        Values g = b.gatesV;
        Values q = b.recurrentV;
        Values h = b.statesV;
        Values dg = b.gateGradientsV;
        Values dq = b.recurrentGradientsV;
        for (int ex = 0; ex < mb; ex++) {
            int g0 = (s * mb + ex) * width;
            if (!real(mask, s, mb, ex)) {
                passThrough(b, s, ex);
                for (int k = 0; k < width; k++) {
                    dq.set(g0 + k, 0.0);
                }
                continue;
            }
            int p0 = (s * mb + ex) * u;
            int c0 = ex * u;
            for (int j = 0; j < u; j++) {
                double dh = b.carryV.get(c0 + j);
                double z = g.get(g0 + j);
                double r = g.get(g0 + u + j);
                double hh = g.get(g0 + 2 * u + j);
                double previous = h.get(p0 + j);
                double dCandidate = dh * (1 - z) * act.derivativeFromOutput(hh);
                double dz = dh * (previous - hh) * gate.derivativeFromOutput(z);
                double dr = dCandidate * q.get(g0 + 2 * u + j) * gate.derivativeFromOutput(r);
                dg.set(g0 + j, dz);
                dg.set(g0 + u + j, dr);
                dg.set(g0 + 2 * u + j, dCandidate);
                dq.set(g0 + j, dz);
                dq.set(g0 + u + j, dr);
                dq.set(g0 + 2 * u + j, dCandidate * r);
                b.nextCarryV.set(c0 + j, dh * z);
            }
        }
        addProductGradient(b, b.step(b.recurrentGradients, s), w.recurrentKernel());
    }

    @Override
    void recurrentGradients(RnnBuffers b, RnnWeights grads, int steps) {
        INDArray dq = b.blocks(b.recurrentGradients, 0, steps);
        gemm(b.blocks(b.productInputs(), 0, steps), dq, grads.recurrentKernel(), true, false, 0.0);
        if (grads.bias() != null) {
            b.columnSums(b.recurrentGradients, b.recurrentGradientsV, steps, grads.bias().get(NDArrayIndex.interval(1, 2),
                    NDArrayIndex.all()));
        }
    }
}
