package dev.seqtrain.model.rnn;

import static dev.seqtrain.model.rnn.RnnEngineTorchParityTest.assertClose;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The final-state-only path (return_sequences false: no outputs built, backward without dOutputs) gives the final
 * state and gradients of the full path, with padding and recurrent dropout, after a full pass on the same engine.
 */
class RnnEngineFinalStateTest {

    private static final int STEPS = 5;
    private static final int MINIBATCH = 3;
    private static final int INPUT = 3;
    private static final int UNITS = 4;

    static Stream<RnnSpec> cells() {
        return Stream.of(RnnSpec.keras(CellType.SIMPLE_RNN, INPUT, UNITS), RnnSpec.keras(CellType.LSTM, INPUT, UNITS),
                RnnSpec.keras(CellType.GRU, INPUT, UNITS),
                RnnSpec.keras(CellType.GRU, INPUT, UNITS).withResetAfter(false).withGoBackwards(true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cells")
    void finalStateOnlyMatchesTheFullPass(RnnSpec spec) {
        Random random = new Random(spec.hashCode());
        boolean lstm = spec.cell() == CellType.LSTM;
        INDArray x = uniform(random, STEPS, MINIBATCH, INPUT);
        RnnWeights w = new RnnWeights(uniform(random, INPUT, spec.width()), uniform(random, UNITS, spec.width()),
                uniform(random, spec.biasRows(), spec.width()));
        INDArray mask = Nd4j.create(new double[][] {{1, 1, 1, 0, 0}, {0, 0, 1, 1, 1}, {1, 0, 1, 1, 1}});
        INDArray dropout = RnnEngineGradientCheckTest.dropoutMask(random, MINIBATCH, UNITS);
        RnnState dFinal = new RnnState(uniform(random, MINIBATCH, UNITS),
                lstm ? uniform(random, MINIBATCH, UNITS) : null);
        RnnEngine engine = new RnnEngine(spec);

        RnnResult full = engine.forward(x, w, null, mask, dropout, true);
        INDArray h = full.last().h().dup();
        RnnWeights fullGrads = like(w);
        INDArray fullDx = x.ulike();
        INDArray fullDh0 = engine.backward(null, dFinal, fullGrads, fullDx).h().dup();

        RnnResult last = engine.forward(x, w, null, mask, dropout, false);
        assertNull(last.outputs());
        assertClose("final h", h, last.last().h(), 0.0);
        RnnWeights grads = like(w);
        INDArray dx = x.ulike();
        INDArray dh0 = engine.backward(null, dFinal, grads, dx).h();
        assertClose("dL/dx", fullDx, dx, 0.0);
        assertClose("dL/dh0", fullDh0, dh0, 0.0);
        assertClose("dL/dkernel", fullGrads.kernel(), grads.kernel(), 0.0);
        assertClose("dL/drecurrent_kernel", fullGrads.recurrentKernel(), grads.recurrentKernel(), 0.0);
        assertClose("dL/dbias", fullGrads.bias(), grads.bias(), 0.0);
    }

    private static RnnWeights like(RnnWeights w) {
        return new RnnWeights(w.kernel().ulike(), w.recurrentKernel().ulike(), w.bias().ulike());
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
