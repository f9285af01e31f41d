package dev.seqtrain.model.seq2seq;

import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;

import java.util.List;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Global attention over the encoder's outputs applied to the decoder's outputs after its recurrence (Luong et al.
 * 2015), for a whole batch and all decoder steps at once: the {@link AttentionScore} of every (t, s) pair, a softmax
 * over the source steps that are not padding, the context {@code c_t = Σ a_ts h_s} (one batched product) and the
 * attentional output {@code tanh([c_t; s_t] · Wc)} (one matrix product over all steps), {@code Wc}
 * [e + ud, ud]. No loop over examples or steps. Not thread-safe.
 */
final class Attention {

    /** Added to the score of a padded source step: its weight underflows to 0 without making a NaN. */
    private static final double MASKED = -1e9;

    private final AttentionScore score;
    private INDArray memory;  // [mb, Ts, e]
    private INDArray weights; // [mb, Tt, Ts] softmax output
    private INDArray joined;  // [mb·Tt, e + ud] = [context; state]
    private INDArray output;  // [mb·Tt, ud]
    private long mb;
    private long tt;

    Attention(AttentionScore score) {
        this.score = score;
    }

    /**
     * @param decoder [Tt, mb, ud] time-major
     * @param encoder [Ts, mb, e] time-major
     * @param sourceMask [mb, Ts], non-zero at real source steps; or null
     * @param scoreWeights the score's parameters
     * @return [Tt, mb, ud] time-major
     */
    INDArray forward(INDArray decoder, INDArray encoder, INDArray sourceMask, List<INDArray> scoreWeights,
            INDArray wc) {
        INDArray states = decoder.permute(1, 0, 2).dup('c');
        memory = encoder.permute(1, 0, 2).dup('c');
        mb = states.size(0);
        tt = states.size(1);
        long ts = memory.size(1);
        long e = memory.size(2);
        long ud = states.size(2);
        INDArray scores = score.forward(states, memory, scoreWeights);
        if (sourceMask != null) {
            INDArray penalty = sourceMask.castTo(scores.dataType()).rsub(1.0).muli(MASKED).reshape('c', mb, 1, ts);
            Broadcast.add(scores, penalty, scores);
        }
        weights = softmaxLastAxis(scores);
        INDArray context = Nd4j.matmul(weights, memory, null, false, false, false);
        joined = Nd4j.concat(2, context, states).reshape('c', mb * tt, e + ud);
        output = Transforms.tanh(joined.mmul(wc), false);
        return output.reshape('c', mb, tt, wc.size(1)).permute(1, 0, 2).dup('c');
    }

    /** The gradients of the decoder's outputs and the encoder's outputs, time-major. */
    record Gradients(INDArray decoder, INDArray encoder) {
    }

    /** Backward over the last forward pass; writes the score's and {@code Wc}'s gradients (overwritten). */
    Gradients backward(INDArray dOutput, List<INDArray> scoreWeights, INDArray wc, List<INDArray> dScoreWeights,
            INDArray dWc) {
        long e = memory.size(2);
        long ud = wc.size(1);
        INDArray dPre = dOutput.permute(1, 0, 2).dup('c').reshape('c', mb * tt, ud)
                .muli(output.mul(output).rsubi(1.0));
        Nd4j.gemm(joined, dPre, dWc, true, false, 1.0, 0.0);
        INDArray dJoined = dPre.mmul(wc.transpose());
        INDArray dContext = dJoined.get(all(), interval(0, e)).dup('c').reshape('c', mb, tt, e);
        INDArray dStates = dJoined.get(all(), interval(e, e + ud)).dup('c').reshape('c', mb, tt, ud);
        INDArray dWeights = Nd4j.matmul(dContext, memory, null, false, true, false);
        INDArray dMemory = Nd4j.matmul(weights, dContext, null, true, false, false);
        // softmax backward: dScore = a ⊙ (dA - Σ_s a·dA); padded steps have a = 0 and get none
        INDArray rowDot = dWeights.mul(weights).sum(true, 2);
        INDArray dScores = Nd4j.create(weights.dataType(), weights.shape());
        Broadcast.sub(dWeights, rowDot, dScores).muli(weights);
        score.backward(dScores, scoreWeights, dScoreWeights, dStates, dMemory);
        return new Gradients(dStates.permute(1, 0, 2).dup('c'), dMemory.permute(1, 0, 2).dup('c'));
    }

    /** The attention weights of the last forward pass, [mb, Tt, Ts]. */
    INDArray weights() {
        return weights;
    }

    private static INDArray softmaxLastAxis(INDArray scores) {
        int last = scores.rank() - 1;
        Broadcast.sub(scores, scores.max(true, last), scores);
        Transforms.exp(scores, false);
        return Broadcast.div(scores, scores.sum(true, last), scores);
    }
}
