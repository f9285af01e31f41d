package dev.seqtrain.model.rnn;

/** Keras SimpleRNN / PyTorch nn.RNN: h_t = act(x W + b + h_{t-1} U). */
final class SimpleRnnCell extends Cell {

    SimpleRnnCell(RnnSpec spec) {
        super(spec);
    }

    @Override
    void forward(RnnBuffers b, RnnWeights w, RealSteps mask, int s) {
        int mb = b.minibatch;
        gemm(productInput(b, s), w.recurrentKernel(), b.step(b.gates, s), false, false, 1.0);
        Values g = b.gatesV;
        Values h = b.statesV;
        for (int ex = 0; ex < mb; ex++) {
            if (!real(mask, s, mb, ex)) {
                carryOver(h, s, mb, ex);
                continue;
            }
            int g0 = (s * mb + ex) * width;
            int h0 = ((s + 1) * mb + ex) * units;
            for (int j = 0; j < units; j++) {
                h.set(h0 + j, act.apply(g.get(g0 + j)));
            }
        }
    }

    @Override
    void backward(RnnBuffers b, RnnWeights w, RealSteps mask, int s) {
        int mb = b.minibatch;
        Values dg = b.gateGradientsV;
        Values h = b.statesV;
        for (int ex = 0; ex < mb; ex++) {
            if (!real(mask, s, mb, ex)) {
                passThrough(b, s, ex);
                continue;
            }
            int g0 = (s * mb + ex) * width;
            int h0 = ((s + 1) * mb + ex) * units;
            int c0 = ex * units;
            for (int j = 0; j < units; j++) {
                dg.set(g0 + j, b.carryV.get(c0 + j) * act.derivativeFromOutput(h.get(h0 + j)));
                b.nextCarryV.set(c0 + j, 0.0);
            }
        }
        addProductGradient(b, b.step(b.gateGradients, s), w.recurrentKernel());
    }
}
