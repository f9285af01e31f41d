package dev.seqtrain.model.rnn;

/**
 * Keras LSTM (gate blocks i, f, c, o): i, f, o = σ(·), g = act(·) of x W + b + h_{t-1} U;
 * c_t = f ⊙ c_{t-1} + i ⊙ g, h_t = o ⊙ act(c_t).
 */
final class LstmCell extends Cell {

    LstmCell(RnnSpec spec) {
        super(spec);
    }

    @Override
    void forward(RnnBuffers b, RnnWeights w, RealSteps mask, int s) {
        int mb = b.minibatch;
        int u = units;
        gemm(productInput(b, s), w.recurrentKernel(), b.step(b.gates, s), false, false, 1.0);
        Values g = b.gatesV;
        Values h = b.statesV;
        Values c = b.cellsV;
        Values tc = b.cellOutV;
        for (int ex = 0; ex < mb; ex++) {
            if (!real(mask, s, mb, ex)) {
                carryOver(h, s, mb, ex);
                carryOver(c, s, mb, ex);
                continue;
            }
            int g0 = (s * mb + ex) * width;
            int p0 = (s * mb + ex) * u;
            int n0 = p0 + mb * u;
            for (int j = 0; j < u; j++) {
                double i = gate.apply(g.get(g0 + j));
                double f = gate.apply(g.get(g0 + u + j));
                double cand = act.apply(g.get(g0 + 2 * u + j));
                double o = gate.apply(g.get(g0 + 3 * u + j));
                g.set(g0 + j, i);
                g.set(g0 + u + j, f);
                g.set(g0 + 2 * u + j, cand);
                g.set(g0 + 3 * u + j, o);
                double cell = f * c.get(p0 + j) + i * cand;
                double out = act.apply(cell);
                c.set(n0 + j, cell);
                tc.set(p0 + j, out);
                h.set(n0 + j, o * out);
            }
        }
    }

    @Override
    void backward(RnnBuffers b, RnnWeights w, RealSteps mask, int s) {
        int mb = b.minibatch;
        int u = units;
        Values g = b.gatesV;
        Values dg = b.gateGradientsV;
        Values c = b.cellsV;
        Values tc = b.cellOutV;
        Values dc = b.cellCarryV;
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
                double i = g.get(g0 + j);
                double f = g.get(g0 + u + j);
                double cand = g.get(g0 + 2 * u + j);
                double o = g.get(g0 + 3 * u + j);
                double out = tc.get(p0 + j);
                double dCell = dc.get(c0 + j) + dh * o * act.derivativeFromOutput(out);
                dg.set(g0 + j, dCell * cand * gate.derivativeFromOutput(i));
                dg.set(g0 + u + j, dCell * c.get(p0 + j) * gate.derivativeFromOutput(f));
                dg.set(g0 + 2 * u + j, dCell * i * act.derivativeFromOutput(cand));
                dg.set(g0 + 3 * u + j, dh * out * gate.derivativeFromOutput(o));
                dc.set(c0 + j, dCell * f);
                b.nextCarryV.set(c0 + j, 0.0);
            }
        }
        addProductGradient(b, b.step(b.gateGradients, s), w.recurrentKernel());
    }
}
