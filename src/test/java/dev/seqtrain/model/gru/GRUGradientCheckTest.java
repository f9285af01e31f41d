package dev.seqtrain.model.gru;

import static org.junit.jupiter.api.Assertions.assertTrue;

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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * DL4J's numerical gradient check (central differences, double precision) over every parameter: the hand-written
 * backward pass is the derivative of the forward pass, alone, with masks, and under DL4J's wrappers.
 */
class GRUGradientCheckTest {

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

    /** Post-padded, pre-padded, a hole, all real. */
    private static INDArray mask() {
        return Nd4j.create(new double[][] {
            {1, 1, 1, 0, 0},
            {0, 0, 1, 1, 1},
            {1, 0, 1, 1, 1}});
    }

    private static MultiLayerNetwork network(Layer recurrent, Layer output) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().dataType(DataType.DOUBLE).seed(12345)
                .updater(new NoOp()).list().layer(recurrent).layer(output).build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return GruTestSupport.randomizeParams(net, 42, 0.8);
    }

    private static GRU.Builder gru(boolean resetAfter) {
        return new GRU.Builder().nIn(INPUT).nOut(UNITS).resetAfter(resetAfter);
    }

    private static RnnOutputLayer perStepOutput(int nIn) {
        // the format is explicit: DL4J M2.1 copies it from a preceding recurrent layer but not from Bidirectional
        return new RnnOutputLayer.Builder(LossFunctions.LossFunction.MCXENT).activation(Activation.SOFTMAX)
                .nIn(nIn).nOut(CLASSES).dataFormat(RNNFormat.NCW).build();
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

    /**
     * Relative error 1e-4 (DL4J's own RNN checks allow 1e-3); differences below 1e-8 are ignored: with a 1e-6 step,
     * gradients near 1e-5 are at the limit of what central differences of a double score resolve.
     */
    private static void assertGradientsMatch(MultiLayerNetwork net, INDArray input, INDArray labels,
            INDArray inputMask, INDArray labelMask) {
        boolean ok = GradientCheckUtil.checkGradients(new GradientCheckUtil.MLNConfig().net(net).input(input)
                .labels(labels).inputMask(inputMask).labelMask(labelMask).epsilon(1e-6).maxRelError(1e-4)
                .minAbsoluteError(1e-8).print(GradientCheckUtil.PrintMode.FAILURES_ONLY).exitOnFirstError(false));
        assertTrue(ok, "numerical and analytic gradients differ");
    }

    @ParameterizedTest(name = "reset_after={0}")
    @CsvSource({"true", "false"})
    void gruIntoRnnOutputLayer(boolean resetAfter) {
        MultiLayerNetwork net = network(gru(resetAfter).build(), perStepOutput(UNITS));
        assertGradientsMatch(net, input(), perStepLabels(), null, null);
    }

    @ParameterizedTest(name = "reset_after={0}")
    @CsvSource({"true", "false"})
    void gruIntoRnnOutputLayerWithMask(boolean resetAfter) {
        MultiLayerNetwork net = network(gru(resetAfter).build(), perStepOutput(UNITS));
        assertGradientsMatch(net, input(), perStepLabels(), mask(), mask());
    }

    @ParameterizedTest(name = "reset_after={0}")
    @CsvSource({"true", "false"})
    void withoutBias(boolean resetAfter) {
        MultiLayerNetwork net = network(gru(resetAfter).hasBias(false).build(), perStepOutput(UNITS));
        assertGradientsMatch(net, input(), perStepLabels(), mask(), mask());
    }

    @ParameterizedTest(name = "reset_after={0}")
    @CsvSource({"true", "false"})
    void otherActivationsWithMask(boolean resetAfter) {
        // activations other than the defaults, as the engine computes them
        GRU layer = gru(resetAfter).activation(Activation.IDENTITY).gateActivationFunction(Activation.TANH).build();
        MultiLayerNetwork net = network(layer, perStepOutput(UNITS));
        assertGradientsMatch(net, input(), perStepLabels(), mask(), mask());
    }

    @ParameterizedTest(name = "reset_after={0}")
    @CsvSource({"true", "false"})
    void lastTimeStepOfGru(boolean resetAfter) {
        MultiLayerNetwork net = network(new LastTimeStep(gru(resetAfter).build()),
                new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).activation(Activation.SOFTMAX)
                        .nIn(UNITS).nOut(CLASSES).build());
        assertGradientsMatch(net, input(), lastStepLabels(), null, null);
        assertGradientsMatch(net, input(), lastStepLabels(), mask(), null);
    }

    @ParameterizedTest(name = "reset_after={0}")
    @CsvSource({"true", "false"})
    void bidirectionalGru(boolean resetAfter) {
        MultiLayerNetwork net = network(new Bidirectional(Bidirectional.Mode.CONCAT, gru(resetAfter).build()),
                perStepOutput(2 * UNITS));
        assertGradientsMatch(net, input(), perStepLabels(), null, null);
        assertGradientsMatch(net, input(), perStepLabels(), mask(), mask());
    }

    @Test
    void nwcDataFormat() {
        GRU layer = gru(true).dataFormat(RNNFormat.NWC).build();
        RnnOutputLayer output = new RnnOutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                .activation(Activation.SOFTMAX).nIn(UNITS).nOut(CLASSES).dataFormat(RNNFormat.NWC).build();
        MultiLayerNetwork net = network(layer, output);
        assertGradientsMatch(net, input().permute(0, 2, 1).dup(), perStepLabels().permute(0, 2, 1).dup(), mask(),
                mask());
    }

    @Test
    void stackedGrusWithMask() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().dataType(DataType.DOUBLE).seed(3)
                .updater(new NoOp()).list()
                .layer(gru(true).build())
                .layer(new GRU.Builder().nIn(UNITS).nOut(UNITS).resetAfter(false).build())
                .layer(perStepOutput(UNITS))
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        assertGradientsMatch(net, input(), perStepLabels(), mask(), mask());
    }
}
