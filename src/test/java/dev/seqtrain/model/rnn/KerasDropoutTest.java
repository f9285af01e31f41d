package dev.seqtrain.model.rnn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Keras' {@code dropout} and {@code recurrent_dropout} on the engine's layer: one mask per sequence, reused at every
 * step, inverted scaling, training only. Seen through a linear SimpleRNN whose weights make the mask visible.
 */
class KerasDropoutTest {

    private static final int MB = 16;
    private static final int UNITS = 6;
    private static final int T = 4;

    private static MultiLayerNetwork network(double dropout, double recurrentDropout) {
        Recurrent rnn = new Recurrent.Builder(CellType.SIMPLE_RNN).nIn(UNITS).nOut(UNITS)
                .cellActivation(Nonlinearity.LINEAR).useBias(false)
                .inputDropout(dropout).recurrentDropout(recurrentDropout).build();
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(5)
                .dataType(DataType.FLOAT).list()
                .layer(rnn)
                .layer(new RnnOutputLayer.Builder(LossFunctions.LossFunction.MSE).dataFormat(RNNFormat.NCW)
                        .nIn(UNITS).nOut(1).activation(Activation.IDENTITY).build())
                .build());
        net.init();
        net.getLayer(0).setParam(RecurrentParamInitializer.WEIGHT_KEY, Nd4j.eye(UNITS).castTo(DataType.FLOAT));
        return net;
    }

    private static INDArray ones() {
        return Nd4j.ones(DataType.FLOAT, MB, UNITS, T);
    }

    private static INDArray step(INDArray out, int t) {
        return out.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.point(t));
    }

    @Test
    void inputDropoutIsOneMaskPerSequenceReusedAtEveryStep() {
        MultiLayerNetwork net = network(0.5, 0.0);
        net.getLayer(0).setParam(RecurrentParamInitializer.RECURRENT_WEIGHT_KEY, Nd4j.zeros(DataType.FLOAT, UNITS, UNITS));
        // h_t = x_t ⊙ m: with x = 1 the output at every step is the mask itself
        INDArray out = net.feedForward(ones(), true).get(1);
        INDArray mask = step(out, 0);
        for (int t = 1; t < T; t++) {
            assertEquals(mask, step(out, t), "step " + t + " got another mask");
        }
        long kept = mask.eq(2.0f).castTo(DataType.INT32).sumNumber().longValue();
        long dropped = mask.eq(0.0f).castTo(DataType.INT32).sumNumber().longValue();
        assertEquals(MB * UNITS, kept + dropped, "inverted scaling: 0 or 1 / (1 - 0.5)");
        assertTrue(kept > 10 && dropped > 10, "kept " + kept + ", dropped " + dropped);
        assertTrue(mask.subRowVector(mask.getRow(0)).amaxNumber().doubleValue() > 0,
                "one mask per sequence, not one per batch");

        INDArray second = net.feedForward(ones(), true).get(1);
        assertTrue(!step(second, 0).equals(mask), "a new mask for the next batch");
        assertEquals(ones(), net.feedForward(ones(), false).get(1), "no dropout at inference");
    }

    @Test
    void recurrentDropoutIsOneStateMaskPerSequence() {
        MultiLayerNetwork net = network(0.0, 0.5);
        net.getLayer(0).setParam(RecurrentParamInitializer.RECURRENT_WEIGHT_KEY, Nd4j.eye(UNITS).castTo(DataType.FLOAT));
        // h_t = (h_{t-1} ⊙ m) + 1: h_1 = 1, h_2 = 1 + m, h_3 = 1 + m ⊙ h_2 with the same m
        INDArray out = net.feedForward(ones(), true).get(1);
        INDArray m = step(out, 1).sub(1.0);
        long twos = m.eq(2.0f).castTo(DataType.INT32).sumNumber().longValue();
        long zeros = m.eq(0.0f).castTo(DataType.INT32).sumNumber().longValue();
        assertEquals(MB * UNITS, twos + zeros);
        assertTrue(twos > 10 && zeros > 10, "kept " + twos + ", dropped " + zeros);
        for (int t = 2; t < T; t++) {
            assertEquals(m.mul(step(out, t - 1)).add(1.0), step(out, t), "step " + t + " got another mask");
        }
        INDArray inference = net.feedForward(ones(), false).get(1);
        assertEquals(Nd4j.valueArrayOf(new long[] {MB, UNITS}, (float) T), step(inference, T - 1));
    }

    @Test
    void theBackwardPassUsesTheForwardPassesMask() {
        MultiLayerNetwork net = network(0.5, 0.0);
        net.getLayer(0).setParam(RecurrentParamInitializer.RECURRENT_WEIGHT_KEY, Nd4j.zeros(DataType.FLOAT, UNITS, UNITS));
        net.initGradientsView();
        org.deeplearning4j.nn.api.Layer layer = net.getLayer(0);
        LayerWorkspaceMgr none = LayerWorkspaceMgr.noWorkspaces();
        // out = x ⊙ m and dL/dx = dL/dout ⊙ m: zero at the same places, at every step
        INDArray out = layer.activate(ones(), true, none).dup();
        INDArray dx = layer.backpropGradient(Nd4j.ones(DataType.FLOAT, MB, UNITS, T), none).getSecond();
        assertEquals(out.eq(0.0f), dx.eq(0.0f));
        assertEquals(out, dx, "dL/dx = m with dL/dout = 1, as out = m with x = 1");
    }
}
