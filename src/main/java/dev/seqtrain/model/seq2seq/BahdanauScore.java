package dev.seqtrain.model.seq2seq;

import java.util.List;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Bahdanau et al. (2015), the additive score {@code score(t, s) = v · tanh(W1 · h_s + W2 · s_t + b)} with {@code W1}
 * [e, a], {@code W2} [ud, a], {@code b} [1, a], {@code v} [a, 1] (a = the decoder's units), as the Keras and PyTorch
 * tutorials write it with three Dense/Linear layers: their two hidden biases add up to {@code b}, and the bias of
 * {@code v} is left out because a constant added to every score of a row cancels in the softmax. The keys and
 * queries are one matrix product each; the tanh runs over all (t, s) pairs of the batch at once, [mb, Tt, Ts, a].
 */
final class BahdanauScore implements AttentionScore {

    private INDArray states;  // [mb·Tt, ud]
    private INDArray memory;  // [mb·Ts, e]
    private INDArray hidden;  // [mb·Tt·Ts, a] = tanh(keys + queries)
    private long mb;
    private long tt;
    private long ts;

    @Override
    public INDArray forward(INDArray states, INDArray memory, List<INDArray> weights) {
        INDArray w1 = weights.get(0);
        INDArray w2 = weights.get(1);
        INDArray b = weights.get(2);
        INDArray v = weights.get(3);
        mb = states.size(0);
        tt = states.size(1);
        ts = memory.size(1);
        long a = w1.size(1);
        this.states = states.reshape('c', mb * tt, states.size(2));
        this.memory = memory.reshape('c', mb * ts, memory.size(2));
        INDArray keys = this.memory.mmul(w1).reshape('c', mb, 1, ts, a);
        INDArray queries = this.states.mmul(w2).addiRowVector(b).reshape('c', mb, tt, 1, a);
        hidden = Nd4j.create(states.dataType(), mb, tt, ts, a);
        Broadcast.add(queries, keys, hidden);
        Transforms.tanh(hidden, false);
        hidden = hidden.reshape('c', mb * tt * ts, a);
        return hidden.mmul(v).reshape('c', mb, tt, ts);
    }

    @Override
    public void backward(INDArray dScores, List<INDArray> weights, List<INDArray> dWeights, INDArray dStates,
            INDArray dMemory) {
        INDArray w1 = weights.get(0);
        INDArray w2 = weights.get(1);
        INDArray v = weights.get(3);
        long a = w1.size(1);
        INDArray dFlat = dScores.reshape('c', mb * tt * ts, 1);
        Nd4j.gemm(hidden, dFlat, dWeights.get(3), true, false, 1.0, 0.0);
        // dL/d(pre-activation) = dScore · v ⊙ (1 - hidden²)
        INDArray dHidden = dFlat.mmul(v.transpose()).muli(hidden.mul(hidden).rsubi(1.0))
                .reshape('c', mb, tt, ts, a);
        INDArray dQueries = dHidden.sum(2).reshape('c', mb * tt, a);
        INDArray dKeys = dHidden.sum(1).reshape('c', mb * ts, a);
        dWeights.get(2).assign(dQueries.sum(true, 0));
        Nd4j.gemm(states, dQueries, dWeights.get(1), true, false, 1.0, 0.0);
        Nd4j.gemm(memory, dKeys, dWeights.get(0), true, false, 1.0, 0.0);
        dStates.reshape('c', mb * tt, w2.size(0)).addi(dQueries.mmul(w2.transpose()));
        dMemory.reshape('c', mb * ts, w1.size(0)).addi(dKeys.mmul(w1.transpose()));
    }
}
