package dev.seqtrain.model.seq2seq;

import java.util.List;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Luong et al. (2015), the "general" score {@code score(t, s) = s_t · Wa · h_s} with {@code Wa} [ud, e]: one matrix
 * product for the projection of all decoder steps, one batched product for all scores.
 */
final class LuongScore implements AttentionScore {

    private INDArray states;    // [mb·Tt, ud]
    private INDArray memory;    // [mb, Ts, e]
    private INDArray projected; // [mb, Tt, e] = states · Wa

    @Override
    public INDArray forward(INDArray states, INDArray memory, List<INDArray> weights) {
        long mb = states.size(0);
        long tt = states.size(1);
        INDArray wa = weights.get(0);
        this.states = states.reshape('c', mb * tt, states.size(2));
        this.memory = memory;
        projected = this.states.mmul(wa).reshape('c', mb, tt, wa.size(1));
        return Nd4j.matmul(projected, memory, null, false, true, false);
    }

    @Override
    public void backward(INDArray dScores, List<INDArray> weights, List<INDArray> dWeights, INDArray dStates,
            INDArray dMemory) {
        INDArray wa = weights.get(0);
        INDArray dProjected = Nd4j.matmul(dScores, memory, null, false, false, false);
        dMemory.addi(Nd4j.matmul(dScores, projected, null, true, false, false));
        INDArray dFlat = dProjected.reshape('c', states.size(0), wa.size(1));
        Nd4j.gemm(states, dFlat, dWeights.get(0), true, false, 1.0, 0.0);
        dStates.reshape('c', states.size(0), wa.size(0)).addi(dFlat.mmul(wa.transpose()));
    }
}
