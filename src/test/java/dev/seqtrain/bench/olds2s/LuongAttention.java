package dev.seqtrain.bench.olds2s;

import dev.seqtrain.model.seq2seq.Seq2SeqShape;
import dev.seqtrain.model.seq2seq.StateMerge;

import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;
import static org.nd4j.linalg.indexing.NDArrayIndex.point;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Luong et al. (2015) global attention with the "general" score, applied to the decoder's outputs after its
 * recurrence: {@code score(t, s) = s_t · Wa · h_s}, a softmax over the source steps that are not padding,
 * {@code c_t = Σ a_ts h_s}, and the attentional output {@code tanh([c_t; s_t] · Wc)}. Weights: {@code Wa}
 * [decoder units, encoder width], {@code Wc} [encoder width + decoder units, decoder units].
 */
final class LuongAttention {

    /** Added to the score of a padded source step: its weight underflows to 0 without making a NaN. */
    private static final double MASKED = -1e9;

    private INDArray states;   // [mb, Tt, ud]
    private INDArray memory;   // [mb, Ts, e]
    private INDArray weights;  // [mb, Tt, Ts] softmax output
    private INDArray projected; // [mb, Tt, e] = states · Wa
    private INDArray joined;   // [mb, Tt, e + ud] = [context; state]
    private INDArray output;   // [mb, Tt, ud]

    /**
     * @param decoder [Tt, mb, ud] time-major
     * @param encoder [Ts, mb, e] time-major
     * @param sourceMask [mb, Ts], non-zero at real source steps; or null
     * @return [Tt, mb, ud] time-major
     */
    INDArray forward(INDArray decoder, INDArray encoder, INDArray sourceMask, INDArray wa, INDArray wc) {
        states = decoder.permute(1, 0, 2).dup('c');
        memory = encoder.permute(1, 0, 2).dup('c');
        long mb = states.size(0);
        long tt = states.size(1);
        long ts = memory.size(1);
        long e = memory.size(2);
        weights = Nd4j.create(states.dataType(), mb, tt, ts);
        projected = Nd4j.create(states.dataType(), mb, tt, e);
        joined = Nd4j.create(states.dataType(), mb, tt, e + states.size(2));
        output = Nd4j.create(states.dataType(), mb, tt, wc.size(1));
        for (long b = 0; b < mb; b++) {
            INDArray s = states.get(point(b));
            INDArray h = memory.get(point(b));
            INDArray p = s.mmul(wa);
            projected.get(point(b)).assign(p);
            INDArray scores = p.mmul(h.transpose());
            if (sourceMask != null) {
                INDArray penalty = sourceMask.getRow(b).castTo(scores.dataType()).rsub(1.0).muli(MASKED);
                scores.addiRowVector(penalty);
            }
            INDArray a = softmaxRows(scores);
            weights.get(point(b)).assign(a);
            INDArray joinedB = joined.get(point(b));
            joinedB.get(all(), interval(0, e)).assign(a.mmul(h));
            joinedB.get(all(), interval(e, e + s.size(1))).assign(s);
            output.get(point(b)).assign(Transforms.tanh(joinedB.mmul(wc), false));
        }
        return output.permute(1, 0, 2).dup('c');
    }

    /** The gradients of the decoder's outputs and the encoder's outputs, time-major; adds nothing to its inputs. */
    record Gradients(INDArray decoder, INDArray encoder) {
    }

    /** Backward over the last forward pass; writes dWa and dWc (overwritten). */
    Gradients backward(INDArray dOutput, INDArray wa, INDArray wc, INDArray dWa, INDArray dWc) {
        INDArray dOut = dOutput.permute(1, 0, 2).dup('c');
        long mb = states.size(0);
        long e = memory.size(2);
        long ud = states.size(2);
        dWa.assign(0);
        dWc.assign(0);
        INDArray dStates = Nd4j.create(states.dataType(), states.shape());
        INDArray dMemory = Nd4j.create(memory.dataType(), memory.shape());
        for (long b = 0; b < mb; b++) {
            INDArray o = output.get(point(b));
            INDArray dPre = dOut.get(point(b)).mul(o.mul(o).rsubi(1.0));
            INDArray z = joined.get(point(b));
            dWc.addi(z.transpose().mmul(dPre));
            INDArray dJoined = dPre.mmul(wc.transpose());
            INDArray dContext = dJoined.get(all(), interval(0, e));
            INDArray dState = dJoined.get(all(), interval(e, e + ud)).dup('c');
            INDArray h = memory.get(point(b));
            INDArray a = weights.get(point(b));
            INDArray dA = dContext.mmul(h.transpose());
            INDArray dH = a.transpose().mmul(dContext);
            INDArray rowDot = dA.mul(a).sum(true, 1);
            INDArray dScores = dA.subColumnVector(rowDot).muli(a);
            INDArray dP = dScores.mmul(h);
            dH.addi(dScores.transpose().mmul(projected.get(point(b))));
            INDArray s = states.get(point(b));
            dWa.addi(s.transpose().mmul(dP));
            dState.addi(dP.mmul(wa.transpose()));
            dStates.get(point(b)).assign(dState);
            dMemory.get(point(b)).assign(dH);
        }
        return new Gradients(dStates.permute(1, 0, 2).dup('c'), dMemory.permute(1, 0, 2).dup('c'));
    }

    private static INDArray softmaxRows(INDArray scores) {
        INDArray shifted = scores.subColumnVector(scores.max(true, 1));
        INDArray exp = Transforms.exp(shifted, false);
        return exp.diviColumnVector(exp.sum(true, 1));
    }
}
