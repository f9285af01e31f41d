package dev.seqtrain.model.rnn;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Keras GRU with reset_after=False, gate blocks z, r, h: z = σ(x_z + h_{t-1} U_z), r = σ(x_r + h_{t-1} U_r),
 * hh = act(x_h + (r ⊙ h_{t-1}) U_h), h_t = z ⊙ h_{t-1} + (1 - z) ⊙ hh. Two recurrent products per step: the second
 * needs r.
 */
final class GruResetBeforeCell extends Cell {

    GruResetBeforeCell(RnnSpec spec) {
        super(spec);
    }

    @Override
    void forward(RnnBuffers b, RnnWeights w, RealSteps mask, int s) {
        int mb = b.minibatch;
        int u = units;
        gemm(productInput(b, s), updateAndReset(b, w.recurrentKernel()), b.recurrentProduct, false, false, 0.0);
        Values g = b.gatesV;
        Values h = b.statesV;
        Values dropped = b.productInputsV();
        Values rh = b.recurrentV;
        Values product = b.recurrentProductV;
        for (int ex = 0; ex < mb; ex++) {
            int g0 = (s * mb + ex) * width;
            int p0 = (s * mb + ex) * u;
            int q0 = ex * 2 * u;
            boolean real = real(mask, s, mb, ex);
            for (int j = 0; j < u; j++) {
                double z = gate.apply(g.get(g0 + j) + product.get(q0 + j));
                double r = gate.apply(g.get(g0 + u + j) + product.get(q0 + u + j));
                g.set(g0 + j, z);
                g.set(g0 + u + j, r);
                rh.set(p0 + j, real ? r * dropped.get(p0 + j) : 0.0);
            }
        }
        gemm(b.step(b.recurrent, s), candidate(b, w.recurrentKernel()), b.candidateProduct, false, false, 0.0);
        for (int ex = 0; ex < mb; ex++) {
            if (!real(mask, s, mb, ex)) {
                carryOver(h, s, mb, ex);
                continue;
            }
            int g0 = (s * mb + ex) * width;
            int p0 = (s * mb + ex) * u;
            int n0 = p0 + mb * u;
            for (int j = 0; j < u; j++) {
                double z = g.get(g0 + j);
                double hh = act.apply(g.get(g0 + 2 * u + j) + product.get(ex * u + j));
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
        Values h = b.statesV;
        Values dg = b.gateGradientsV;
        for (int ex = 0; ex < mb; ex++) {
            if (!real(mask, s, mb, ex)) {
                passThrough(b, s, ex);
                continue;
            }
            int g0 = (s * mb + ex) * width;
            int p0 = (s * mb + ex) * u;
            int c0 = ex * u;
            for (int j = 0; j < u; j++) {
                double dh = b.carryV.get(c0 + j);
                double z = g.get(g0 + j);
                double hh = g.get(g0 + 2 * u + j);
                dg.set(g0 + j, dh * (h.get(p0 + j) - hh) * gate.derivativeFromOutput(z));
                dg.set(g0 + 2 * u + j, dh * (1 - z) * act.derivativeFromOutput(hh));
                b.nextCarryV.set(c0 + j, dh * z);
            }
        }
        INDArray gateGradients = b.step(b.gateGradients, s);
        // dL/d(r ⊙ h_{t-1}) = dL/d(hh pre-activation) U_h^T
        gemm(b.gateColumns(gateGradients, 2, 3), candidate(b, w.recurrentKernel()), b.resetStateGradient, false, true,
                0.0);
        Values drh = b.resetStateGradientV;
        Values dropped = b.productInputsV();
        for (int ex = 0; ex < mb; ex++) {
            if (!real(mask, s, mb, ex)) {
                continue;
            }
            int g0 = (s * mb + ex) * width;
            int p0 = (s * mb + ex) * u;
            int c0 = ex * u;
            for (int j = 0; j < u; j++) {
                double r = g.get(g0 + u + j);
                double d = drh.get(c0 + j);
                dg.set(g0 + u + j, d * dropped.get(p0 + j) * gate.derivativeFromOutput(r));
                b.nextCarryV.set(c0 + j, b.nextCarryV.get(c0 + j) + d * r * dropoutAt(b, c0 + j));
            }
        }
        addProductGradient(b, b.gateColumns(gateGradients, 0, 2), updateAndReset(b, w.recurrentKernel()));
    }

    @Override
    void recurrentGradients(RnnBuffers b, RnnWeights grads, int steps) {
        // into contiguous arrays first: BLAS writes only to contiguous memory, the kernel's gate columns are strided
        INDArray dg = b.blocks(b.gateGradients, 0, steps);
        INDArray dUpdateAndReset = Nd4j.create(b.dataType, units, 2L * units);
        INDArray dCandidate = Nd4j.create(b.dataType, units, units);
        gemm(b.blocks(b.productInputs(), 0, steps), b.gateColumns(dg, 0, 2), dUpdateAndReset, true, false, 0.0);
        gemm(b.blocks(b.recurrent, 0, steps), b.gateColumns(dg, 2, 3), dCandidate, true, false, 0.0);
        updateAndReset(b, grads.recurrentKernel()).assign(dUpdateAndReset);
        candidate(b, grads.recurrentKernel()).assign(dCandidate);
    }

    private static INDArray updateAndReset(RnnBuffers b, INDArray recurrentKernel) {
        return b.gateColumns(recurrentKernel, 0, 2);
    }

    private static INDArray candidate(RnnBuffers b, INDArray recurrentKernel) {
        return b.gateColumns(recurrentKernel, 2, 3);
    }
}
