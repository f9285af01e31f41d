package dev.seqtrain.model.gru;

import static dev.seqtrain.model.gru.GruTestSupport.loadKerasWeights;
import static dev.seqtrain.model.gru.GruTestSupport.maskArray;
import static dev.seqtrain.model.gru.GruTestSupport.maxDifference;
import static dev.seqtrain.model.gru.GruTestSupport.ncw;
import static dev.seqtrain.model.gru.GruTestSupport.randomSequences;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** The layer's forward pass equals the independent plain-Java Keras GRU, in double precision, to 1e-6. */
class GRUKerasEquivalenceTest {

    private static final int EXAMPLES = 4;
    private static final int STEPS = 6;
    private static final int INPUT = 3;
    private static final int UNITS = 5;
    private static final double TOLERANCE = 1e-6;

    private static DataType savedDataType;

    @BeforeAll
    static void doublePrecision() {
        savedDataType = Nd4j.dataType();
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
    }

    @AfterAll
    static void restorePrecision() {
        Nd4j.setDefaultDataTypes(savedDataType, savedDataType);
    }

    private static MultiLayerNetwork network(boolean resetAfter, boolean hasBias, RNNFormat format) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().dataType(DataType.DOUBLE).seed(1)
                .list()
                .layer(new GRU.Builder().nIn(INPUT).nOut(UNITS).resetAfter(resetAfter).hasBias(hasBias)
                        .dataFormat(format).build())
                .layer(new RnnOutputLayer.Builder(LossFunctions.LossFunction.MSE).activation(Activation.IDENTITY)
                        .nIn(UNITS).nOut(2).dataFormat(format).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    @ParameterizedTest(name = "reset_after={0}, bias={1}")
    @CsvSource({"true,true", "false,true", "true,false", "false,false"})
    void forwardMatchesKeras(boolean resetAfter, boolean hasBias) {
        KerasGruReference keras = KerasGruReference.random(INPUT, UNITS, resetAfter, hasBias, 7, 0.8);
        double[][][] x = randomSequences(new Random(3), EXAMPLES, STEPS, INPUT);
        MultiLayerNetwork net = network(resetAfter, hasBias, RNNFormat.NCW);
        loadKerasWeights(net.getLayer(0), keras);

        INDArray out = net.feedForward(ncw(x), false).get(1);

        assertArrayEquals(new long[] {EXAMPLES, UNITS, STEPS}, out.shape());
        assertTrue(out.amaxNumber().doubleValue() > 0.1, "a non-trivial output");
        assertTrue(maxDifference(out, keras.run(x, null, null), null) < TOLERANCE);
    }

    @ParameterizedTest(name = "layout {0}")
    @CsvSource({"f", "c", "embedding"})
    void anyInputLayoutGivesTheSameOutput(String layout) {
        KerasGruReference keras = KerasGruReference.random(INPUT, UNITS, true, true, 31, 0.8);
        double[][][] x = randomSequences(new Random(37), EXAMPLES, STEPS, INPUT);
        MultiLayerNetwork net = network(true, true, RNNFormat.NCW);
        loadKerasWeights(net.getLayer(0), keras);
        INDArray input;
        switch (layout) {
            case "f":
                input = ncw(x).dup('f');
                break;
            case "c":
                input = ncw(x).dup('c');
                break;
            default:
                // what an embedding layer hands over: a [mb, T, features] array viewed as [mb, features, T]
                input = ncw(x).permute(0, 2, 1).dup('c').permute(0, 2, 1);
                break;
        }

        INDArray out = net.feedForward(input, false).get(1);

        assertTrue(maxDifference(out, keras.run(x, null, null), null) < TOLERANCE);
    }

    @ParameterizedTest(name = "reset_after={0}")
    @CsvSource({"true", "false"})
    void maskedForwardMatchesKerasAtRealStepsAndIsZeroAtPadding(boolean resetAfter) {
        KerasGruReference keras = KerasGruReference.random(INPUT, UNITS, resetAfter, true, 11, 0.8);
        double[][][] x = randomSequences(new Random(5), EXAMPLES, STEPS, INPUT);
        // post-padded, pre-padded, holes in the middle, all real
        boolean[][] mask = {
            {true, true, true, false, false, false},
            {false, false, true, true, true, true},
            {true, false, true, false, true, true},
            {true, true, true, true, true, true}};
        MultiLayerNetwork net = network(resetAfter, true, RNNFormat.NCW);
        loadKerasWeights(net.getLayer(0), keras);

        INDArray out = net.feedForward(ncw(x), maskArray(mask), null).get(1);

        assertTrue(maxDifference(out, keras.run(x, mask, null), mask) < TOLERANCE);
        for (int ex = 0; ex < EXAMPLES; ex++) {
            for (int t = 0; t < STEPS; t++) {
                if (!mask[ex][t]) {
                    INDArray step = out.get(NDArrayIndex.point(ex), NDArrayIndex.all(), NDArrayIndex.point(t));
                    assertEquals(0.0, step.amaxNumber().doubleValue(), 0.0);
                }
            }
        }
    }

    @ParameterizedTest(name = "reset_after={0}")
    @CsvSource({"true", "false"})
    void nwcFormatMatchesKeras(boolean resetAfter) {
        KerasGruReference keras = KerasGruReference.random(INPUT, UNITS, resetAfter, true, 13, 0.8);
        double[][][] x = randomSequences(new Random(9), EXAMPLES, STEPS, INPUT);
        MultiLayerNetwork net = network(resetAfter, true, RNNFormat.NWC);
        loadKerasWeights(net.getLayer(0), keras);

        INDArray out = net.feedForward(ncw(x).permute(0, 2, 1).dup(), false).get(1);

        assertArrayEquals(new long[] {EXAMPLES, STEPS, UNITS}, out.shape());
        assertTrue(maxDifference(out.permute(0, 2, 1), keras.run(x, null, null), null) < TOLERANCE);
    }

    @ParameterizedTest(name = "reset_after={0}")
    @CsvSource({"true", "false"})
    void rnnTimeStepContinuesFromTheStoredState(boolean resetAfter) {
        KerasGruReference keras = KerasGruReference.random(INPUT, UNITS, resetAfter, true, 17, 0.8);
        double[][][] x = randomSequences(new Random(21), EXAMPLES, STEPS, INPUT);
        double[][][] expected = keras.run(x, null, null);
        MultiLayerNetwork net = network(resetAfter, true, RNNFormat.NCW);
        loadKerasWeights(net.getLayer(0), keras);
        Layer gru = net.getLayer(0);
        INDArray all = ncw(x);

        // two steps, then one, then the rest: the state is carried from call to call
        int[][] chunks = {{0, 2}, {2, 3}, {3, STEPS}};
        for (int[] chunk : chunks) {
            INDArray part = all.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(chunk[0], chunk[1]))
                    .dup('f');
            INDArray out = ((org.deeplearning4j.nn.api.layers.RecurrentLayer) gru)
                    .rnnTimeStep(part, LayerWorkspaceMgr.noWorkspaces());
            for (int ex = 0; ex < EXAMPLES; ex++) {
                for (int t = chunk[0]; t < chunk[1]; t++) {
                    for (int k = 0; k < UNITS; k++) {
                        assertEquals(expected[ex][t][k], out.getDouble(ex, k, t - chunk[0]), TOLERANCE);
                    }
                }
            }
        }
        // the network-level call uses the same state
        net.rnnClearPreviousState();
        net.rnnTimeStep(all.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(0, 4)).dup('f'));
        INDArray last = (INDArray) net.rnnGetPreviousState(0).get(dev.seqtrain.model.rnn.RecurrentLayer.STATE_KEY_H);
        for (int ex = 0; ex < EXAMPLES; ex++) {
            for (int k = 0; k < UNITS; k++) {
                assertEquals(expected[ex][3][k], last.getDouble(ex, k), TOLERANCE);
            }
        }
    }

    @org.junit.jupiter.api.Test
    void finalStateIsCarriedOverPadding() {
        KerasGruReference keras = KerasGruReference.random(INPUT, UNITS, true, true, 41, 0.8);
        double[][][] x = randomSequences(new Random(43), EXAMPLES, STEPS, INPUT);
        boolean[][] mask = {
            {true, true, false, false, false, false},
            {false, false, false, true, true, true},
            {true, false, true, true, false, false},
            {true, true, true, true, true, true}};
        double[][][] expected = keras.run(x, mask, null);
        MultiLayerNetwork net = network(true, true, RNNFormat.NCW);
        loadKerasWeights(net.getLayer(0), keras);
        Layer gru = net.getLayer(0);

        gru.setMaskArray(maskArray(mask));
        ((org.deeplearning4j.nn.api.layers.RecurrentLayer) gru).rnnTimeStep(ncw(x), LayerWorkspaceMgr.noWorkspaces());
        INDArray state = ((org.deeplearning4j.nn.api.layers.RecurrentLayer) gru).rnnGetPreviousState()
                .get(dev.seqtrain.model.rnn.RecurrentLayer.STATE_KEY_H);

        for (int ex = 0; ex < EXAMPLES; ex++) {
            for (int k = 0; k < UNITS; k++) {
                assertEquals(expected[ex][STEPS - 1][k], state.getDouble(ex, k), TOLERANCE);
            }
        }
    }

    @org.junit.jupiter.api.Test
    void floatNetworkAgreesWithDoubleReference() {
        KerasGruReference keras = KerasGruReference.random(INPUT, UNITS, true, true, 23, 0.8);
        double[][][] x = randomSequences(new Random(29), EXAMPLES, STEPS, INPUT);
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().dataType(DataType.FLOAT).list()
                .layer(new GRU.Builder().nIn(INPUT).nOut(UNITS).build())
                .layer(new RnnOutputLayer.Builder(LossFunctions.LossFunction.MSE).activation(Activation.IDENTITY)
                        .nIn(UNITS).nOut(2).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        loadKerasWeights(net.getLayer(0), keras);

        INDArray out = net.feedForward(ncw(x).castTo(DataType.FLOAT), false).get(1);

        assertEquals(DataType.FLOAT, out.dataType());
        assertTrue(maxDifference(out, keras.run(x, null, null), null) < 1e-5);
    }
}
