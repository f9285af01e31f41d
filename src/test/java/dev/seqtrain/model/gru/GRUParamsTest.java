package dev.seqtrain.model.gru;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.Bidirectional;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** Parameter counts equal Keras', the layout is Keras', and the initial values follow Keras' initializers. */
class GRUParamsTest {

    private static MultiLayerNetwork lastStepNetwork(org.deeplearning4j.nn.conf.layers.Layer recurrent, long outIn) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(5).dataType(DataType.FLOAT).list()
                .layer(recurrent)
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.XENT).activation(Activation.SIGMOID)
                        .nIn(outIn).nOut(1).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    @ParameterizedTest(name = "GRU({1}) on {0}, reset_after={2}, bias={3}: {4} parameters")
    @CsvSource({
        // Keras model.summary() numbers: 3u(d + u + 2), 3u(d + u + 1), 3u(d + u)
        "100, 64, true, true, 31872",
        "100, 64, false, true, 31680",
        "100, 64, true, false, 31488",
        "50, 50, true, true, 15300",
        "10, 3, true, true, 135",
        "10, 3, false, true, 126"})
    void countEqualsKeras(int inputSize, int units, boolean resetAfter, boolean hasBias, long keras) {
        GRU gru = new GRU.Builder().nIn(inputSize).nOut(units).resetAfter(resetAfter).hasBias(hasBias).build();
        assertEquals(keras, gru.initializer().numParams(gru));
        MultiLayerNetwork net = lastStepNetwork(new LastTimeStep(gru), units);
        assertEquals(keras, net.getLayer(0).numParams());
    }

    @Test
    void bidirectionalDoublesTheCount() {
        GRU gru = new GRU.Builder().nIn(10).nOut(3).build();
        MultiLayerNetwork net = lastStepNetwork(new LastTimeStep(new Bidirectional(gru)), 6);
        assertEquals(2 * 135, net.getLayer(0).numParams());
    }

    @ParameterizedTest(name = "reset_after={0}")
    @CsvSource({"true", "false"})
    void layoutIsKeras(boolean resetAfter) {
        MultiLayerNetwork net = lastStepNetwork(new LastTimeStep(
                new GRU.Builder().nIn(7).nOut(4).resetAfter(resetAfter).build()), 4);
        Map<String, INDArray> table = net.getLayer(0).paramTable();
        List<String> expectedKeys = resetAfter ? List.of("W", "RW", "b", "rb") : List.of("W", "RW", "b");
        assertEquals(expectedKeys, List.copyOf(table.keySet()));
        assertArrayEquals(new long[] {7, 12}, table.get("W").shape());
        assertArrayEquals(new long[] {4, 12}, table.get("RW").shape());
        assertArrayEquals(new long[] {1, 12}, table.get("b").shape());
    }

    @Test
    void initialValuesFollowKerasInitializers() {
        int inputSize = 100;
        int units = 64;
        MultiLayerNetwork net = lastStepNetwork(new LastTimeStep(new GRU.Builder().nIn(inputSize).nOut(units).build()),
                units);
        Map<String, INDArray> table = net.getLayer(0).paramTable();

        // glorot uniform: U(-limit, limit), limit = sqrt(6 / (fan_in + fan_out)) with fan_out = 3u
        double limit = Math.sqrt(6.0 / (inputSize + 3 * units));
        INDArray kernel = table.get("W");
        assertTrue(kernel.amaxNumber().doubleValue() <= limit);
        assertTrue(kernel.amaxNumber().doubleValue() > 0.95 * limit);
        assertEquals(limit / Math.sqrt(3), kernel.stdNumber().doubleValue(), 0.05 * limit);

        // orthogonal: the [u, 3u] recurrent kernel has orthonormal rows
        INDArray recurrent = table.get("RW").castTo(DataType.DOUBLE);
        INDArray gram = recurrent.mmul(recurrent.transpose());
        assertTrue(gram.sub(Nd4j.eye(units)).amaxNumber().doubleValue() < 1e-5);

        assertEquals(0.0, table.get("b").amaxNumber().doubleValue(), 0.0);
        assertEquals(0.0, table.get("rb").amaxNumber().doubleValue(), 0.0);
    }

    @Test
    void orthogonalInitOfATallMatrixHasOrthonormalColumns() {
        INDArray view = Nd4j.create(DataType.DOUBLE, 1, 12 * 5);
        INDArray m = new dev.seqtrain.model.rnn.OrthogonalInit().init(12, 5, new long[] {12, 5}, 'f', view);
        assertArrayEquals(new long[] {12, 5}, m.shape());
        assertTrue(m.transpose().mmul(m).sub(Nd4j.eye(5)).amaxNumber().doubleValue() < 1e-12);
        // written into the view
        assertEquals(m.getDouble(3, 2), view.getDouble(0, 3 + 12 * 2), 0.0);
    }
}
