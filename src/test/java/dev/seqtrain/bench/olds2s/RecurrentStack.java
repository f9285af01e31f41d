package dev.seqtrain.bench.olds2s;

import dev.seqtrain.model.seq2seq.Seq2SeqShape;
import dev.seqtrain.model.seq2seq.StateMerge;

import java.util.ArrayList;
import java.util.List;

import dev.seqtrain.model.rnn.CellType;
import dev.seqtrain.model.rnn.MaskedOutput;
import dev.seqtrain.model.rnn.RnnEngine;
import dev.seqtrain.model.rnn.RnnResult;
import dev.seqtrain.model.rnn.RnnSpec;
import dev.seqtrain.model.rnn.RnnState;
import dev.seqtrain.model.rnn.RnnWeights;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Stacked recurrent layers over one sequence, each layer one {@link RnnEngine} (two for a bidirectional layer: the
 * second with go_backwards, its outputs turned back into time order and merged with the first's), with one initial
 * and one final state per layer: the encoder and the decoder of an encoder-decoder (PyTorch's stacked {@code h_0} /
 * {@code h_n}). Time-major arrays; not thread-safe (one per network instance).
 */
final class RecurrentStack {

    private final int units;
    private final StateMerge merge;
    private final List<RnnEngine> forward = new ArrayList<>();
    private final List<RnnEngine> backward = new ArrayList<>();
    private final List<long[]> inputShapes = new ArrayList<>();

    /** @param merge how the two halves of each layer are joined; null for a unidirectional stack */
    RecurrentStack(CellType cell, int inputSize, int units, int layers, StateMerge merge) {
        this.units = units;
        this.merge = merge;
        int in = inputSize;
        for (int l = 0; l < layers; l++) {
            RnnSpec spec = RnnSpec.keras(cell, in, units).withMaskedOutput(MaskedOutput.ZERO);
            forward.add(new RnnEngine(spec));
            if (merge != null) {
                backward.add(new RnnEngine(spec.withGoBackwards(true)));
            }
            in = outputWidth();
        }
    }

    int layers() {
        return forward.size();
    }

    /** Features of each layer's outputs and final state. */
    int outputWidth() {
        return merge == null ? units : merge.width(units);
    }

    /** One layer's weights: the forward half, and the backward half (null when unidirectional). */
    record LayerWeights(RnnWeights forward, RnnWeights backward) {
    }

    /** The top layer's outputs [T, mb, width] and each layer's final state, merged as the outputs are. */
    record Result(INDArray outputs, List<RnnState> finals) {
    }

    /**
     * @param initial each layer's initial state, or null for zeros (unidirectional stacks only)
     * @param mask [mb, T], non-zero at real steps; or null
     */
    Result forward(INDArray x, List<LayerWeights> weights, List<RnnState> initial, INDArray mask) {
        if (initial != null && merge != null) {
            throw new IllegalArgumentException("a bidirectional stack starts from zero states");
        }
        inputShapes.clear();
        List<RnnState> finals = new ArrayList<>();
        INDArray in = x;
        for (int l = 0; l < layers(); l++) {
            inputShapes.add(in.shape());
            RnnState start = initial == null ? null : initial.get(l);
            RnnResult f = forward.get(l).forward(in, weights.get(l).forward(), start, mask);
            if (merge == null) {
                in = f.outputs().dup('c');
                finals.add(copy(f.last()));
                continue;
            }
            INDArray fOut = f.outputs().dup('c');
            RnnState fLast = copy(f.last());
            RnnResult b = backward.get(l).forward(in, weights.get(l).backward(), null, mask);
            in = TimeMajor.merge(fOut, TimeMajor.reversed(b.outputs()), merge);
            finals.add(new RnnState(TimeMajor.merge(fLast.h(), b.last().h(), merge),
                    fLast.c() == null ? null : TimeMajor.merge(fLast.c(), b.last().c(), merge)));
        }
        return new Result(in, finals);
    }

    /** The gradients of the input and of each layer's initial state. */
    record Gradients(INDArray input, List<RnnState> initial) {
    }

    /**
     * Backward over the last forward pass.
     *
     * @param dOutputs dL/d(top layer's outputs) [T, mb, width], or null
     * @param dFinals dL/d(each layer's final state), entries or parts may be null; or null
     * @param grads where each layer's weight gradients are written (overwritten)
     */
    Gradients backward(INDArray dOutputs, List<RnnState> dFinals, List<LayerWeights> grads) {
        RnnState[] dInitial = new RnnState[layers()];
        INDArray dOut = dOutputs;
        for (int l = layers() - 1; l >= 0; l--) {
            RnnState dFinal = dFinals == null ? null : dFinals.get(l);
            INDArray dIn = Nd4j.createUninitialized(inputType(dOutputs, dFinals), inputShapes.get(l), 'c');
            if (merge == null) {
                dInitial[l] = copy(forward.get(l).backward(dOut, dFinal, grads.get(l).forward(), dIn));
            } else {
                INDArray[] dOutHalves = dOut == null ? new INDArray[2] : TimeMajor.split(dOut, units, merge);
                RnnState[] dFinalHalves = splitState(dFinal);
                forward.get(l).backward(dOutHalves[0], dFinalHalves[0], grads.get(l).forward(), dIn);
                INDArray dInBackward = Nd4j.createUninitialized(dIn.dataType(), dIn.shape(), 'c');
                backward.get(l).backward(dOutHalves[1] == null ? null : TimeMajor.reversed(dOutHalves[1]),
                        dFinalHalves[1], grads.get(l).backward(), dInBackward);
                dIn.addi(dInBackward);
            }
            dOut = dIn;
        }
        return new Gradients(dOut, java.util.Arrays.asList(dInitial));
    }

    private RnnState[] splitState(RnnState dFinal) {
        if (dFinal == null) {
            return new RnnState[2];
        }
        INDArray[] h = dFinal.h() == null ? new INDArray[2] : TimeMajor.split(dFinal.h(), units, merge);
        INDArray[] c = dFinal.c() == null ? new INDArray[2] : TimeMajor.split(dFinal.c(), units, merge);
        return new RnnState[] {new RnnState(h[0], c[0]), new RnnState(h[1], c[1])};
    }

    private static org.nd4j.linalg.api.buffer.DataType inputType(INDArray dOutputs, List<RnnState> dFinals) {
        if (dOutputs != null) {
            return dOutputs.dataType();
        }
        for (RnnState s : dFinals) {
            if (s != null && s.h() != null) {
                return s.h().dataType();
            }
        }
        throw new IllegalArgumentException("backward needs an output or a final-state gradient");
    }

    private static RnnState copy(RnnState s) {
        return new RnnState(s.h() == null ? null : s.h().dup('c'), s.c() == null ? null : s.c().dup('c'));
    }
}
