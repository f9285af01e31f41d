package dev.seqtrain.model.gru;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

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
 * Padding plus mask is invisible: pre-padded, post-padded and unpadded sequences give the same last-step output, the
 * same per-step outputs at real steps, and the same parameter gradients, whatever the padding holds.
 */
class GRUPaddingTest {

    private static final int INPUT = 3;
    private static final int UNITS = 5;
    private static final int STEPS = 7;
    private static final int[] LENGTHS = {2, 4, 7, 5};
    private static final double TOLERANCE = 1e-12;

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

    private static MultiLayerNetwork network(Layer recurrent, Layer output) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().dataType(DataType.DOUBLE).seed(3)
                .updater(new NoOp()).list().layer(recurrent).layer(output).build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return GruTestSupport.randomizeParams(net, 8, 0.7);
    }

    private static MultiLayerNetwork lastStepNetwork(boolean resetAfter, boolean bidirectional) {
        Layer gru = new GRU.Builder().nIn(INPUT).nOut(UNITS).resetAfter(resetAfter).build();
        Layer recurrent = new LastTimeStep(bidirectional ? new Bidirectional(gru) : gru);
        int width = bidirectional ? 2 * UNITS : UNITS;
        return network(recurrent, new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                .activation(Activation.SOFTMAX).nIn(width).nOut(2).build());
    }

    /** The real steps of each example, then the examples padded to STEPS with garbage, before or after. */
    private static final class Batch {
        final double[][][] sequences;
        final INDArray postPadded;
        final INDArray prePadded;
        final INDArray postMask;
        final INDArray preMask;

        Batch(long seed) {
            Random random = new Random(seed);
            sequences = new double[LENGTHS.length][][];
            postPadded = Nd4j.rand(seed, new long[] {LENGTHS.length, INPUT, STEPS}).muli(50); // garbage
            prePadded = postPadded.dup();
            postMask = Nd4j.zeros(LENGTHS.length, STEPS);
            preMask = Nd4j.zeros(LENGTHS.length, STEPS);
            for (int ex = 0; ex < LENGTHS.length; ex++) {
                int length = LENGTHS[ex];
                sequences[ex] = GruTestSupport.randomSequences(random, 1, length, INPUT)[0];
                for (int t = 0; t < length; t++) {
                    int pre = STEPS - length + t;
                    postMask.putScalar(ex, t, 1);
                    preMask.putScalar(ex, pre, 1);
                    for (int i = 0; i < INPUT; i++) {
                        postPadded.putScalar(new long[] {ex, i, t}, sequences[ex][t][i]);
                        prePadded.putScalar(new long[] {ex, i, pre}, sequences[ex][t][i]);
                    }
                }
            }
        }

        INDArray unpadded(int ex) {
            return GruTestSupport.ncw(new double[][][] {sequences[ex]});
        }
    }

    @ParameterizedTest(name = "reset_after={0}, bidirectional={1}")
    @CsvSource({"true, false", "false, false", "true, true", "false, true"})
    void lastStepOutputIgnoresPadding(boolean resetAfter, boolean bidirectional) {
        MultiLayerNetwork net = lastStepNetwork(resetAfter, bidirectional);
        Batch batch = new Batch(11);

        INDArray post = net.feedForward(batch.postPadded, batch.postMask, null).get(1);
        INDArray pre = net.feedForward(batch.prePadded, batch.preMask, null).get(1);

        for (int ex = 0; ex < LENGTHS.length; ex++) {
            INDArray alone = net.feedForward(batch.unpadded(ex), false).get(1);
            assertTrue(alone.amaxNumber().doubleValue() > 0.05, "a non-trivial output");
            assertClose(alone.getRow(0), post.getRow(ex));
            assertClose(alone.getRow(0), pre.getRow(ex));
        }
    }

    @ParameterizedTest(name = "reset_after={0}, bidirectional={1}")
    @CsvSource({"true, false", "false, false", "true, true", "false, true"})
    void perStepOutputsAtRealStepsIgnorePadding(boolean resetAfter, boolean bidirectional) {
        Layer gru = new GRU.Builder().nIn(INPUT).nOut(UNITS).resetAfter(resetAfter).build();
        int width = bidirectional ? 2 * UNITS : UNITS;
        MultiLayerNetwork net = network(bidirectional ? new Bidirectional(gru) : gru,
                new RnnOutputLayer.Builder(LossFunctions.LossFunction.MCXENT).activation(Activation.SOFTMAX)
                        .nIn(width).nOut(2).dataFormat(RNNFormat.NCW).build());
        Batch batch = new Batch(13);

        INDArray post = net.feedForward(batch.postPadded, batch.postMask, null).get(1);
        INDArray pre = net.feedForward(batch.prePadded, batch.preMask, null).get(1);

        for (int ex = 0; ex < LENGTHS.length; ex++) {
            int length = LENGTHS[ex];
            INDArray alone = net.feedForward(batch.unpadded(ex), false).get(1);
            for (int t = 0; t < length; t++) {
                INDArray expected = alone.get(NDArrayIndex.point(0), NDArrayIndex.all(), NDArrayIndex.point(t));
                assertClose(expected, post.get(NDArrayIndex.point(ex), NDArrayIndex.all(), NDArrayIndex.point(t)));
                assertClose(expected, pre.get(NDArrayIndex.point(ex), NDArrayIndex.all(),
                        NDArrayIndex.point(STEPS - length + t)));
            }
        }
    }

    @ParameterizedTest(name = "reset_after={0}, bidirectional={1}")
    @CsvSource({"true, false", "false, false", "true, true", "false, true"})
    void gradientsIgnorePadding(boolean resetAfter, boolean bidirectional) {
        MultiLayerNetwork net = lastStepNetwork(resetAfter, bidirectional);
        Batch batch = new Batch(17);
        INDArray label = Nd4j.create(new double[][] {{0, 1}});
        int ex = 1;

        // longest first: the shorter pass then runs in the first steps of the layer's kept arrays
        INDArray post = gradient(net, row(batch.postPadded, ex), label, batch.postMask.getRow(ex, true));
        INDArray alone = gradient(net, batch.unpadded(ex), label, null);
        INDArray pre = gradient(net, row(batch.prePadded, ex), label, batch.preMask.getRow(ex, true));

        assertTrue(alone.amaxNumber().doubleValue() > 1e-3, "a non-trivial gradient");
        assertClose(alone, post);
        assertClose(alone, pre);
    }

    private static INDArray row(INDArray timeSeries, int ex) {
        return timeSeries.get(NDArrayIndex.interval(ex, ex, true), NDArrayIndex.all(), NDArrayIndex.all()).dup();
    }

    private static INDArray gradient(MultiLayerNetwork net, INDArray input, INDArray label, INDArray mask) {
        net.setInput(input);
        net.setLabels(label);
        net.setLayerMaskArrays(mask, null);
        net.computeGradientAndScore();
        INDArray gradient = net.gradient().gradient().dup();
        net.clearLayerMaskArrays();
        return gradient;
    }

    private static void assertClose(INDArray expected, INDArray actual) {
        assertEquals(expected.length(), actual.length());
        double difference = expected.reshape(expected.length()).sub(actual.reshape(actual.length()))
                .amaxNumber().doubleValue();
        assertTrue(difference < TOLERANCE, "differs by " + difference);
    }
}
