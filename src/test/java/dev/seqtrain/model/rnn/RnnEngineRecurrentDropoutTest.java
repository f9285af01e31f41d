package dev.seqtrain.model.rnn;

import static dev.seqtrain.model.rnn.RnnEngineTorchParityTest.assertClose;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Recurrent dropout against an independent path: for one sequence, masking h_{t-1} with m where it enters the
 * recurrent product is the same as using the recurrent kernel diag(m)·R without a mask (the path PyTorch checks in
 * {@link RnnEngineTorchParityTest}); the carried state is not masked on either side. A minibatch with one mask per
 * sequence is compared, example by example, with single-sequence runs: outputs, final state, dL/dx, dL/dh0 (dL/dc0),
 * and the weight gradients (dL/dR = Σ over the examples of diag(m)·dL/d(diag(m)·R)).
 */
class RnnEngineRecurrentDropoutTest {

    private static final int STEPS = 5;
    private static final int MINIBATCH = 3;
    private static final int INPUT = 3;
    private static final int UNITS = 4;
    private static final double TOLERANCE = 1e-10;

    static Stream<RnnSpec> cells() {
        return Stream.of(
                RnnSpec.keras(CellType.SIMPLE_RNN, INPUT, UNITS),
                RnnSpec.keras(CellType.LSTM, INPUT, UNITS),
                RnnSpec.keras(CellType.LSTM, INPUT, UNITS).withGoBackwards(true).withUseBias(false),
                RnnSpec.keras(CellType.GRU, INPUT, UNITS),
                RnnSpec.keras(CellType.GRU, INPUT, UNITS).withResetAfter(false),
                RnnSpec.keras(CellType.GRU, INPUT, UNITS).withResetAfter(false).withMaskedOutput(MaskedOutput.ZERO));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cells")
    void maskingTheProductInputIsScalingTheRecurrentKernelRows(RnnSpec spec) {
        Random random = new Random(spec.hashCode());
        boolean lstm = spec.cell() == CellType.LSTM;
        INDArray x = uniform(random, STEPS, MINIBATCH, INPUT);
        RnnWeights w = new RnnWeights(uniform(random, INPUT, spec.width()), uniform(random, UNITS, spec.width()),
                spec.useBias() ? uniform(random, spec.biasRows(), spec.width()) : null);
        RnnState initial = new RnnState(uniform(random, MINIBATCH, UNITS),
                lstm ? uniform(random, MINIBATCH, UNITS) : null);
        INDArray featureMask = Nd4j.create(new double[][] {{1, 1, 1, 0, 0}, {0, 0, 1, 1, 1}, {1, 0, 1, 1, 1}});
        INDArray dropout = RnnEngineGradientCheckTest.dropoutMask(random, MINIBATCH, UNITS);
        INDArray dOut = uniform(random, STEPS, MINIBATCH, UNITS);
        RnnState dFinal = new RnnState(uniform(random, MINIBATCH, UNITS),
                lstm ? uniform(random, MINIBATCH, UNITS) : null);

        RnnEngine engine = new RnnEngine(spec);
        RnnResult batch = engine.forward(x, w, initial, featureMask, dropout);
        INDArray outputs = batch.outputs().dup();
        INDArray h = batch.last().h().dup();
        INDArray c = lstm ? batch.last().c().dup() : null;
        RnnWeights grads = like(w);
        INDArray dx = x.ulike();
        RnnState dInitial = engine.backward(dOut, dFinal, grads, dx);

        RnnWeights summed = like(w);
        summed.kernel().assign(0);
        summed.recurrentKernel().assign(0);
        if (summed.bias() != null) {
            summed.bias().assign(0);
        }
        for (int ex = 0; ex < MINIBATCH; ex++) {
            INDArray m = dropout.getRow(ex);
            INDArray scaledRows = w.recurrentKernel().mulColumnVector(m.reshape(UNITS, 1));
            RnnWeights single = new RnnWeights(w.kernel(), scaledRows, w.bias());
            RnnEngine alone = new RnnEngine(spec);
            RnnResult r = alone.forward(example(x, ex), single, new RnnState(row(initial.h(), ex),
                    lstm ? row(initial.c(), ex) : null), row(featureMask, ex));
            String what = "example " + ex + ": ";
            assertClose(what + "outputs", example(outputs, ex), r.outputs(), TOLERANCE);
            assertClose(what + "final h", row(h, ex), r.last().h(), TOLERANCE);
            if (lstm) {
                assertClose(what + "final c", row(c, ex), r.last().c(), TOLERANCE);
            }
            RnnWeights g = like(w);
            INDArray dxAlone = Nd4j.create(DataType.DOUBLE, STEPS, 1, INPUT);
            RnnState d0 = alone.backward(example(dOut, ex), new RnnState(row(dFinal.h(), ex),
                    lstm ? row(dFinal.c(), ex) : null), g, dxAlone);
            assertClose(what + "dL/dx", example(dx, ex), dxAlone, TOLERANCE);
            assertClose(what + "dL/dh0", row(dInitial.h(), ex), d0.h(), TOLERANCE);
            if (lstm) {
                assertClose(what + "dL/dc0", row(dInitial.c(), ex), d0.c(), TOLERANCE);
            }
            summed.kernel().addi(g.kernel());
            summed.recurrentKernel().addi(g.recurrentKernel().mulColumnVector(m.reshape(UNITS, 1)));
            if (g.bias() != null) {
                summed.bias().addi(g.bias());
            }
        }
        assertClose("dL/dkernel", summed.kernel(), grads.kernel(), TOLERANCE);
        assertClose("dL/drecurrent_kernel", summed.recurrentKernel(), grads.recurrentKernel(), TOLERANCE);
        if (grads.bias() != null) {
            assertClose("dL/dbias", summed.bias(), grads.bias(), TOLERANCE);
        }
    }

    @Test
    void theMaskIsForgottenByTheNextPassWithout() {
        RnnSpec spec = RnnSpec.keras(CellType.LSTM, INPUT, UNITS);
        Random random = new Random(7);
        INDArray x = uniform(random, STEPS, MINIBATCH, INPUT);
        RnnWeights w = new RnnWeights(uniform(random, INPUT, spec.width()), uniform(random, UNITS, spec.width()),
                uniform(random, 1, spec.width()));
        RnnEngine engine = new RnnEngine(spec);
        INDArray plain = engine.forward(x, w, null, null).outputs().dup();
        INDArray dropped = engine.forward(x, w, null, null,
                RnnEngineGradientCheckTest.dropoutMask(random, MINIBATCH, UNITS)).outputs().dup();
        assertTrue(Nd4j.math().abs(plain.sub(dropped)).maxNumber().doubleValue() > 1e-3, "the mask changes nothing");
        assertClose("outputs after a pass with a mask", plain, engine.forward(x, w, null, null).outputs(), 0.0);
    }

    @Test
    void aMaskOfTheWrongShapeIsRefused() {
        RnnSpec spec = RnnSpec.keras(CellType.GRU, INPUT, UNITS);
        Random random = new Random(3);
        INDArray x = uniform(random, STEPS, MINIBATCH, INPUT);
        RnnWeights w = new RnnWeights(uniform(random, INPUT, spec.width()), uniform(random, UNITS, spec.width()),
                uniform(random, 2, spec.width()));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new RnnEngine(spec).forward(x, w, null, null, Nd4j.ones(DataType.DOUBLE, MINIBATCH, UNITS + 1)));
        assertTrue(e.getMessage().contains("recurrent dropout mask [3, 4]"), e.getMessage());
    }

    private static RnnWeights like(RnnWeights w) {
        return new RnnWeights(w.kernel().ulike(), w.recurrentKernel().ulike(),
                w.bias() == null ? null : w.bias().ulike());
    }

    /** Example ex of a time-major [T, mb, k] array as [T, 1, k]. */
    private static INDArray example(INDArray timeMajor, int ex) {
        return timeMajor.get(NDArrayIndex.all(), NDArrayIndex.interval(ex, ex + 1), NDArrayIndex.all()).dup('c');
    }

    private static INDArray row(INDArray matrix, int ex) {
        return matrix.get(NDArrayIndex.interval(ex, ex + 1), NDArrayIndex.all()).dup('c');
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
