package dev.seqtrain.model.rnn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Random;

import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.Bidirectional;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The engine inside DL4J's MultiLayerNetwork: DL4J's numerical gradient check through the layer alone and under
 * LastTimeStep and Bidirectional with masks, Keras' parameter counts, unit_forget_bias, and the configuration and
 * model round trip.
 */
class RecurrentLayerTest {

    private static final int EXAMPLES = 3;
    private static final int STEPS = 5;
    private static final int INPUT = 3;
    private static final int UNITS = 4;
    private static final int CLASSES = 3;

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

    private static INDArray mask() {
        return Nd4j.create(new double[][] {{1, 1, 1, 0, 0}, {0, 0, 1, 1, 1}, {1, 0, 1, 1, 1}});
    }

    private static Recurrent.Builder cell(String kind) {
        switch (kind) {
            case "SIMPLE_RNN":
                return new Recurrent.Builder(CellType.SIMPLE_RNN).nIn(INPUT).nOut(UNITS);
            case "LSTM":
                return new Recurrent.Builder(CellType.LSTM).nIn(INPUT).nOut(UNITS);
            case "GRU":
                return new Recurrent.Builder(CellType.GRU).nIn(INPUT).nOut(UNITS);
            default:
                return new Recurrent.Builder(CellType.GRU).resetAfter(false).nIn(INPUT).nOut(UNITS);
        }
    }

    private static MultiLayerNetwork network(Layer recurrent, Layer output) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().dataType(DataType.DOUBLE).seed(12345)
                .updater(new NoOp()).list().layer(recurrent).layer(output).build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        Random random = new Random(42);
        INDArray params = net.params();
        for (long i = 0; i < params.length(); i++) {
            params.putScalar(i, (2 * random.nextDouble() - 1) * 0.8);
        }
        return net;
    }

    private static RnnOutputLayer perStepOutput(int nIn) {
        return new RnnOutputLayer.Builder(LossFunctions.LossFunction.MCXENT).activation(Activation.SOFTMAX)
                .nIn(nIn).nOut(CLASSES).dataFormat(RNNFormat.NCW).build();
    }

    private static OutputLayer lastStepOutput() {
        return new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).activation(Activation.SOFTMAX)
                .nIn(UNITS).nOut(CLASSES).build();
    }

    private static INDArray input() {
        return Nd4j.rand(new Random(7).nextInt(), new long[] {EXAMPLES, INPUT, STEPS}).subi(0.5).muli(2);
    }

    private static INDArray perStepLabels() {
        INDArray labels = Nd4j.zeros(EXAMPLES, CLASSES, STEPS);
        Random random = new Random(9);
        for (int ex = 0; ex < EXAMPLES; ex++) {
            for (int t = 0; t < STEPS; t++) {
                labels.putScalar(ex, random.nextInt(CLASSES), t, 1.0);
            }
        }
        return labels;
    }

    private static INDArray lastStepLabels() {
        INDArray labels = Nd4j.zeros(EXAMPLES, CLASSES);
        for (int ex = 0; ex < EXAMPLES; ex++) {
            labels.putScalar(ex, ex % CLASSES, 1.0);
        }
        return labels;
    }

    private static void assertGradientsMatch(MultiLayerNetwork net, INDArray input, INDArray labels,
            INDArray inputMask, INDArray labelMask) {
        boolean ok = GradientCheckUtil.checkGradients(new GradientCheckUtil.MLNConfig().net(net).input(input)
                .labels(labels).inputMask(inputMask).labelMask(labelMask).epsilon(1e-6).maxRelError(1e-5)
                .minAbsoluteError(1e-9).print(GradientCheckUtil.PrintMode.FAILURES_ONLY).exitOnFirstError(false));
        assertTrue(ok, "numerical and analytic gradients differ");
    }

    @ParameterizedTest(name = "{0} bias={1}")
    @CsvSource({"SIMPLE_RNN, true", "SIMPLE_RNN, false", "LSTM, true", "LSTM, false", "GRU, true", "GRU, false",
        "GRU_RESET_BEFORE, true", "GRU_RESET_BEFORE, false"})
    void gradientsThroughDl4j(String kind, boolean bias) {
        MultiLayerNetwork perStep = network(cell(kind).useBias(bias).build(), perStepOutput(UNITS));
        assertGradientsMatch(perStep, input(), perStepLabels(), mask(), mask());
        MultiLayerNetwork last = network(new LastTimeStep(cell(kind).useBias(bias).build()), lastStepOutput());
        assertGradientsMatch(last, input(), lastStepLabels(), mask(), null);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"SIMPLE_RNN", "LSTM", "GRU"})
    void bidirectional(String kind) {
        MultiLayerNetwork net = network(new Bidirectional(Bidirectional.Mode.CONCAT, cell(kind).build()),
                perStepOutput(2 * UNITS));
        assertGradientsMatch(net, input(), perStepLabels(), mask(), mask());
    }

    @Test
    void kerasParameterCounts() {
        assertEquals(4L * 64 * (100 + 64 + 1), count(new Recurrent.Builder(CellType.LSTM).nIn(100).nOut(64)));
        assertEquals(4L * 64 * (100 + 64), count(new Recurrent.Builder(CellType.LSTM).useBias(false).nIn(100)
                .nOut(64)));
        assertEquals(3L * 64 * (100 + 64 + 2), count(new Recurrent.Builder(CellType.GRU).nIn(100).nOut(64)));
        assertEquals(3L * 64 * (100 + 64 + 1), count(new Recurrent.Builder(CellType.GRU).resetAfter(false)
                .nIn(100).nOut(64)));
        assertEquals(64L * (100 + 64 + 1), count(new Recurrent.Builder(CellType.SIMPLE_RNN).nIn(100).nOut(64)));
        assertEquals(64L * (100 + 64), count(new Recurrent.Builder(CellType.SIMPLE_RNN).useBias(false).nIn(100)
                .nOut(64)));
    }

    private static long count(Recurrent.Builder builder) {
        return network(builder.build(), new RnnOutputLayer.Builder().nIn(64).nOut(2).build()).getLayer(0).numParams();
    }

    @Test
    void layerParamsCopiedIntoAnotherLayerKeepTheirMeaning() {
        // DL4J's BaseLayer.setParams reads a flat vector column-major; the engine's parameters are row-major views
        MultiLayerNetwork from = network(cell("LSTM").build(), perStepOutput(UNITS));
        MultiLayerNetwork to = network(cell("LSTM").build(), perStepOutput(UNITS));
        to.getLayer(0).params().assign(Nd4j.rand(to.getLayer(0).params().dataType(), to.getLayer(0).params().shape()));
        to.getLayer(0).setParams(from.getLayer(0).params());
        for (String key : new String[] {"W", "RW", "b"}) {
            assertEquals(from.getLayer(0).getParam(key), to.getLayer(0).getParam(key), key);
        }
    }

    @Test
    void lstmForgetBiasStartsAtOne() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().list()
                .layer(new Recurrent.Builder(CellType.LSTM).nIn(INPUT).nOut(UNITS).build())
                .layer(perStepOutput(UNITS)).build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        INDArray bias = net.getLayer(0).getParam(RecurrentParamInitializer.BIAS_KEY);
        assertEquals(0.0, bias.get(NDArrayIndex.all(), NDArrayIndex.interval(0, UNITS)).sumNumber().doubleValue());
        assertEquals(UNITS, bias.get(NDArrayIndex.all(), NDArrayIndex.interval(UNITS, 2 * UNITS)).sumNumber()
                .doubleValue());
        assertEquals(0.0, bias.get(NDArrayIndex.all(), NDArrayIndex.interval(2 * UNITS, 4 * UNITS)).sumNumber()
                .doubleValue());
    }

    @Test
    void configurationAndModelRoundTrip() throws IOException {
        MultiLayerNetwork net = network(new LastTimeStep(new Recurrent.Builder(CellType.GRU).resetAfter(false)
                .useBias(false).cellActivation(Nonlinearity.RELU).nIn(INPUT).nOut(UNITS).build()), lastStepOutput());
        String json = net.getLayerWiseConfigurations().toJson();
        assertEquals(net.getLayerWiseConfigurations(), MultiLayerConfiguration.fromJson(json));

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ModelSerializer.writeModel(net, bytes, false);
        MultiLayerNetwork restored = ModelSerializer.restoreMultiLayerNetwork(new ByteArrayInputStream(
                bytes.toByteArray()), false);
        INDArray x = input();
        assertEquals(net.output(x), restored.output(x));
    }

    @Test
    void preAndPostPaddingEndInTheSameState() {
        MultiLayerNetwork net = network(new LastTimeStep(cell("LSTM").build()), lastStepOutput());
        INDArray x = input();
        INDArray post = Nd4j.create(new double[][] {{1, 1, 1, 0, 0}, {1, 1, 1, 0, 0}, {1, 1, 1, 0, 0}});
        INDArray pre = Nd4j.create(new double[][] {{0, 0, 1, 1, 1}, {0, 0, 1, 1, 1}, {0, 0, 1, 1, 1}});
        INDArray shifted = Nd4j.zeros(x.shape());
        shifted.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(2, 5))
                .assign(x.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(0, 3)));
        INDArray a = net.output(x, false, post, null);
        INDArray b = net.output(shifted, false, pre, null);
        assertTrue(a.equalsWithEps(b, 1e-12), a + " vs " + b);
    }
}
