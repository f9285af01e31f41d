package dev.seqtrain.model.rnn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The engine against PyTorch's nn.RNN / LSTM / GRU cells (golden files from src/test/python/rnn_golden.py, Keras
 * masking emulated step by step there): outputs at every step, final states, and the gradients of a fixed loss with
 * respect to the input, the weights and the initial state. 1e-5 in double, 1e-4 in float.
 */
class RnnEngineTorchParityTest {

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
        "rnn_tanh, DOUBLE", "rnn_tanh, FLOAT",
        "rnn_relu, DOUBLE", "rnn_relu, FLOAT",
        "rnn_tanh_nobias_masked, DOUBLE", "rnn_tanh_nobias_masked, FLOAT",
        "rnn_relu_nobias_backwards, DOUBLE", "rnn_relu_nobias_backwards, FLOAT",
        "lstm, DOUBLE", "lstm, FLOAT",
        "lstm_masked_initial, DOUBLE", "lstm_masked_initial, FLOAT",
        "lstm_nobias_backwards, DOUBLE", "lstm_nobias_backwards, FLOAT",
        "gru, DOUBLE", "gru, FLOAT",
        "gru_masked_initial, DOUBLE", "gru_masked_initial, FLOAT",
        "gru_nobias_backwards, DOUBLE", "gru_nobias_backwards, FLOAT"})
    void matchesPyTorch(String name, DataType type) throws IOException {
        double tolerance = type == DataType.DOUBLE ? 1e-5 : 1e-4;
        GoldenCase golden = GoldenCase.load(name, type);
        RnnSpec spec = golden.spec();
        RnnEngine engine = new RnnEngine(spec);
        RnnWeights weights = new RnnWeights(golden.array("kernel"), golden.array("recurrentKernel"),
                golden.array("bias"));
        RnnState initial = golden.has("h0") ? new RnnState(golden.array("h0"), golden.array("c0")) : null;
        INDArray x = golden.array("x");

        RnnResult result = engine.forward(x, weights, initial, golden.array("mask"));
        assertClose("outputs", golden.array("outputs"), result.outputs(), tolerance);
        assertClose("final h", golden.array("h"), result.last().h(), tolerance);
        if (golden.has("c")) {
            assertClose("final c", golden.array("c"), result.last().c(), tolerance);
        }

        RnnWeights grads = new RnnWeights(weights.kernel().ulike(), weights.recurrentKernel().ulike(),
                weights.bias() == null ? null : weights.bias().ulike());
        INDArray dx = x.ulike();
        RnnState dInitial = engine.backward(golden.array("dOutputs"),
                new RnnState(golden.array("dH"), golden.array("dC")), grads, dx);
        assertClose("dL/dx", golden.array("gradX"), dx, tolerance);
        assertClose("dL/dkernel", golden.array("gradKernel"), grads.kernel(), tolerance);
        assertClose("dL/drecurrent_kernel", golden.array("gradRecurrentKernel"), grads.recurrentKernel(), tolerance);
        if (golden.has("gradBias")) {
            assertClose("dL/dbias", golden.array("gradBias"), grads.bias(), tolerance);
        }
        if (golden.has("gradH0")) {
            assertClose("dL/dh0", golden.array("gradH0"), dInitial.h(), tolerance);
        }
        if (golden.has("gradC0")) {
            assertClose("dL/dc0", golden.array("gradC0"), dInitial.c(), tolerance);
        }
    }

    static void assertClose(String what, INDArray expected, INDArray actual, double tolerance) {
        assertArrayEquals(expected.shape(), actual.shape(), what + ": shape");
        INDArray e = expected.castTo(DataType.DOUBLE);
        INDArray a = actual.castTo(DataType.DOUBLE);
        double worst = Nd4j.math().abs(e.sub(a)).maxNumber().doubleValue();
        assertTrue(worst <= tolerance, what + ": max |difference| " + worst + " > " + tolerance);
    }
}
