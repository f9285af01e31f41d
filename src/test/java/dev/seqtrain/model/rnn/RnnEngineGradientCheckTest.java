package dev.seqtrain.model.rnn;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Central finite differences in double precision against the engine's backward pass, for every element of the input,
 * the weights and the initial state: every cell, with and without bias, without mask and with pre- and post-padding,
 * go_backwards, both masked-output conventions, with the loss on all outputs (return_sequences) and/or on the final
 * state (return_state / last step).
 */
class RnnEngineGradientCheckTest {

    private static final int STEPS = 4;
    private static final int MINIBATCH = 3;
    private static final int INPUT = 3;
    private static final int UNITS = 3;
    private static final double EPSILON = 1e-6;

    static Stream<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        List<RnnSpec> cells = List.of(
                RnnSpec.keras(CellType.SIMPLE_RNN, INPUT, UNITS),
                RnnSpec.keras(CellType.SIMPLE_RNN, INPUT, UNITS).withActivation(Nonlinearity.SIGMOID),
                RnnSpec.keras(CellType.LSTM, INPUT, UNITS),
                RnnSpec.keras(CellType.GRU, INPUT, UNITS),
                RnnSpec.keras(CellType.GRU, INPUT, UNITS).withResetAfter(false));
        for (RnnSpec cell : cells) {
            for (boolean bias : new boolean[] {true, false}) {
                RnnSpec spec = cell.withUseBias(bias);
                cases.add(Arguments.of(spec, "none", true, true, false));
                cases.add(Arguments.of(spec, "pre", true, true, false));
                cases.add(Arguments.of(spec.withMaskedOutput(MaskedOutput.ZERO), "post", true, true, false));
                cases.add(Arguments.of(spec.withGoBackwards(true), "mixed", true, true, false));
                cases.add(Arguments.of(spec.withGoBackwards(true).withMaskedOutput(MaskedOutput.ZERO), "post", true,
                        true, false));
            }
            // loss on outputs only (no return_state) and on the final state only (last step), both masked
            cases.add(Arguments.of(cell, "mixed", true, false, false));
            cases.add(Arguments.of(cell, "mixed", false, true, false));
            // recurrent dropout (a fixed mask), with padding, on outputs and final state, and backwards on the state
            cases.add(Arguments.of(cell, "mixed", true, true, true));
            cases.add(Arguments.of(cell.withGoBackwards(true).withUseBias(false), "none", false, true, true));
        }
        return cases.stream();
    }

    private static INDArray mask(String kind) {
        switch (kind) {
            case "none":
                return null;
            case "pre":
                return Nd4j.create(new double[][] {{0, 0, 1, 1}, {0, 1, 1, 1}, {1, 1, 1, 1}});
            case "post":
                return Nd4j.create(new double[][] {{1, 1, 0, 0}, {1, 1, 1, 0}, {1, 1, 1, 1}});
            default:
                return Nd4j.create(new double[][] {{1, 1, 1, 0}, {0, 0, 1, 1}, {1, 0, 1, 1}});
        }
    }

    @ParameterizedTest(name = "{0} mask={1} outputs={2} state={3} recurrent dropout={4}")
    @MethodSource("cases")
    void backwardPassIsTheDerivative(RnnSpec spec, String maskKind, boolean lossOnOutputs, boolean lossOnState,
            boolean recurrentDropout) {
        Random random = new Random(spec.hashCode() + maskKind.hashCode());
        INDArray x = uniform(random, STEPS, MINIBATCH, INPUT);
        RnnWeights w = new RnnWeights(uniform(random, INPUT, spec.width()), uniform(random, UNITS, spec.width()),
                spec.useBias() ? uniform(random, spec.biasRows(), spec.width()) : null);
        boolean lstm = spec.cell() == CellType.LSTM;
        RnnState initial = new RnnState(uniform(random, MINIBATCH, UNITS),
                lstm ? uniform(random, MINIBATCH, UNITS) : null);
        INDArray mask = mask(maskKind);
        INDArray dOut = lossOnOutputs ? uniform(random, STEPS, MINIBATCH, UNITS) : null;
        RnnState dFinal = lossOnState ? new RnnState(uniform(random, MINIBATCH, UNITS),
                lstm ? uniform(random, MINIBATCH, UNITS) : null) : null;

        INDArray dropout = recurrentDropout ? dropoutMask(random, MINIBATCH, UNITS) : null;

        RnnEngine engine = new RnnEngine(spec);
        Loss loss = () -> {
            RnnResult r = engine.forward(x, w, initial, mask, dropout);
            double value = 0;
            if (dOut != null) {
                value += r.outputs().mul(dOut).sumNumber().doubleValue();
            }
            if (dFinal != null) {
                value += r.last().h().mul(dFinal.h()).sumNumber().doubleValue();
                if (dFinal.c() != null) {
                    value += r.last().c().mul(dFinal.c()).sumNumber().doubleValue();
                }
            }
            return value;
        };
        loss.value();
        RnnWeights grads = new RnnWeights(w.kernel().ulike(), w.recurrentKernel().ulike(),
                w.bias() == null ? null : w.bias().ulike());
        INDArray dx = x.ulike();
        RnnState dInitial = engine.backward(dOut, dFinal, grads, dx);
        INDArray dh0 = dInitial.h().dup();
        INDArray dc0 = lstm ? dInitial.c().dup() : null;

        check("x", x, dx, loss);
        check("kernel", w.kernel(), grads.kernel(), loss);
        check("recurrent kernel", w.recurrentKernel(), grads.recurrentKernel(), loss);
        if (w.bias() != null) {
            check("bias", w.bias(), grads.bias(), loss);
        }
        check("h0", initial.h(), dh0, loss);
        if (lstm) {
            check("c0", initial.c(), dc0, loss);
        }
    }

    interface Loss {
        double value();
    }

    private static void check(String what, INDArray param, INDArray analytic, Loss loss) {
        INDArray flat = param.reshape(param.length());
        INDArray grad = analytic.dup('c').reshape(analytic.length());
        for (long i = 0; i < flat.length(); i++) {
            double original = flat.getDouble(i);
            flat.putScalar(i, original + EPSILON);
            double plus = loss.value();
            flat.putScalar(i, original - EPSILON);
            double minus = loss.value();
            flat.putScalar(i, original);
            double numeric = (plus - minus) / (2 * EPSILON);
            double a = grad.getDouble(i);
            double error = Math.abs(numeric - a);
            double relative = error / Math.max(1e-8, Math.abs(numeric) + Math.abs(a));
            assertTrue(error < 1e-8 || relative < 1e-6,
                    what + "[" + i + "]: numeric " + numeric + ", analytic " + a);
        }
    }

    /** Keras-like: each unit kept (scaled by 1/(1 - 0.4)) or dropped, at least one of each per example. */
    static INDArray dropoutMask(Random random, int minibatch, int units) {
        INDArray m = Nd4j.create(DataType.DOUBLE, minibatch, units);
        for (int ex = 0; ex < minibatch; ex++) {
            for (int j = 0; j < units; j++) {
                boolean kept = j == 0 || (j != 1 && random.nextDouble() < 0.6);
                m.putScalar(ex, j, kept ? 1 / 0.6 : 0.0);
            }
        }
        return m;
    }

    private static INDArray uniform(Random random, long... shape) {
        INDArray a = Nd4j.create(DataType.DOUBLE, shape);
        INDArray flat = a.reshape(a.length());
        for (long i = 0; i < flat.length(); i++) {
            flat.putScalar(i, 2 * random.nextDouble() - 1);
        }
        return a;
    }
}
