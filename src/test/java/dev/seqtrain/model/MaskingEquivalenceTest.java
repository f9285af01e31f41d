package dev.seqtrain.model;

import dev.seqtrain.job.ModelSpec;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * With {@code mask_zero: true} padding must not change what the network computes: the same sentences pre-padded,
 * post-padded and unpadded (one at a time, no mask) give the same outputs to 1e-5, as they do in Keras.
 */
class MaskingEquivalenceTest {

    private static final int VOCABULARY = 20;
    private static final int T = 8;
    private static final double TOLERANCE = 1e-5;
    /** Token ids of sentences of different lengths, none longer than {@link #T}; 0 is padding. */
    private static final int[][] SENTENCES = {{3, 5, 7, 9}, {4, 4, 11}, {12, 2, 6, 8, 10, 13, 19, 1}, {17}};

    @ParameterizedTest
    @ValueSource(strings = {
            "- simple_rnn: {units: 5}",
            "- lstm: {units: 5}",
            "- gru: {units: 5}",
            "- gru: {units: 5, reset_after: false}",
            "- simple_rnn: {units: 5, bidirectional: true}",
            "- bidirectional: {layer: {gru: {units: 5}}}",
            "- bidirectional: {layer: {lstm: {units: 5}}}",
            "- bidirectional: {layer: {lstm: {units: 5}}, merge_mode: sum}",
            "- bidirectional: {layer: {simple_rnn: {units: 5}}, merge_mode: ave}",
            "- bidirectional: {layer: {lstm: {units: 5}}, merge_mode: mul}",
    })
    void onePredictionPerSentenceIgnoresPadding(String recurrent) {
        assertSentenceOutputsAgree(model(recurrent, "- dense: {units: 3, activation: softmax}"));
    }

    @Test
    void stackedLayersPoolingAndPerStepDenseIgnorePadding() {
        assertSentenceOutputsAgree(model(
                "- lstm: {units: 6, return_sequences: true}",
                "- dropout: {rate: 0.5}",
                "- dense: {units: 4, activation: tanh}",
                "- bidirectional: {layer: {simple_rnn: {units: 4}}}",
                "- dense: {units: 1, activation: sigmoid}"));
        assertSentenceOutputsAgree(model(
                "- bidirectional: {layer: {lstm: {units: 4, return_sequences: true}}}",
                "- global_average_pooling1d:",
                "- dense: {units: 1, activation: sigmoid}"));
        assertSentenceOutputsAgree(model(
                "- simple_rnn: {units: 4, return_sequences: true}",
                "- global_max_pooling1d:",
                "- dense: {units: 1, activation: sigmoid}"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "- simple_rnn: {units: 5, return_sequences: true}",
            "- lstm: {units: 5, return_sequences: true}",
            "- gru: {units: 5, return_sequences: true}",
            "- bidirectional: {layer: {simple_rnn: {units: 5, return_sequences: true}}}",
            "- bidirectional: {layer: {gru: {units: 5, return_sequences: true}}, merge_mode: concat}",
            "- lstm: {units: 5, return_sequences: true, bidirectional: true, merge_mode: sum}",
    })
    void perTokenPredictionsIgnorePadding(String recurrent) {
        ModelPlan plan = model(recurrent, "- dropout: {rate: 0.3}", "- dense: {units: 4, activation: relu}",
                "- dense: {units: 3, activation: softmax}");
        assertEquals(Task.TAGGING, plan.task());
        MultiLayerNetwork net = plan.newNetwork(42);
        INDArray pre = net.output(ids(true), false, mask(true), null);
        INDArray post = net.output(ids(false), false, mask(false), null);
        for (int s = 0; s < SENTENCES.length; s++) {
            int n = SENTENCES[s].length;
            INDArray exact = net.output(Nd4j.createFromArray(new float[][]{floats(SENTENCES[s])}));
            for (int t = 0; t < n; t++) {
                INDArray want = exact.get(NDArrayIndex.point(0), NDArrayIndex.all(), NDArrayIndex.point(t));
                assertClose(want, pre.get(NDArrayIndex.point(s), NDArrayIndex.all(), NDArrayIndex.point(T - n + t)),
                        recurrent + " pre-padded, sentence " + s + " step " + t);
                assertClose(want, post.get(NDArrayIndex.point(s), NDArrayIndex.all(), NDArrayIndex.point(t)),
                        recurrent + " post-padded, sentence " + s + " step " + t);
            }
        }
    }

    @Test
    void withoutMaskZeroPaddingIsReadAsTokens() {
        // the control: the comparison above can fail
        ModelSpec spec = TestSpecs.layers(null, "- embedding: {output_dim: 6}", "- lstm: {units: 5}",
                "- dense: {units: 1, activation: sigmoid}");
        ModelPlan plan = ModelPlan.of(spec, new ModelInput(VOCABULARY, T, 2));
        MultiLayerNetwork net = plan.newNetwork(42);
        INDArray pre = net.output(ids(true));
        INDArray post = net.output(ids(false));
        assertTrue(pre.sub(post).amaxNumber().doubleValue() > 1e-3, "padding should matter without a mask");
    }

    @Test
    void bidirectionalLastStepIsTheBackwardStateAfterTheWholeSentence() {
        // Keras: Bidirectional(return_sequences=False) = [forward at the last real step, backward at the first one]
        ModelPlan last = model("- bidirectional: {layer: {lstm: {units: 4}}}", "- dense: {units: 1, activation: sigmoid}");
        ModelPlan all = model("- bidirectional: {layer: {lstm: {units: 4, return_sequences: true}}}",
                "- dense: {units: 3, activation: softmax}");
        MultiLayerNetwork a = last.newNetwork(3);
        MultiLayerNetwork b = all.newNetwork(4);
        b.getLayer(0).setParams(a.getLayer(0).params());
        b.getLayer(1).setParams(a.getLayer(1).params());
        INDArray features = ids(true);
        INDArray mask = mask(true);
        INDArray vectors = activationOfLayer1(a, features, mask);
        INDArray steps = activationOfLayer1(b, features, mask);
        assertArrayEquals(new long[]{SENTENCES.length, 8}, vectors.shape());
        for (int s = 0; s < SENTENCES.length; s++) {
            int firstReal = T - SENTENCES[s].length;
            assertClose(steps.get(NDArrayIndex.point(s), NDArrayIndex.interval(0, 4), NDArrayIndex.point(T - 1)),
                    vectors.get(NDArrayIndex.point(s), NDArrayIndex.interval(0, 4)), "forward half, sentence " + s);
            assertClose(steps.get(NDArrayIndex.point(s), NDArrayIndex.interval(4, 8), NDArrayIndex.point(firstReal)),
                    vectors.get(NDArrayIndex.point(s), NDArrayIndex.interval(4, 8)), "backward half, sentence " + s);
        }
    }

    // -----------------------------------------------------------------------------------------------------------

    private static ModelPlan model(String... layers) {
        String[] all = new String[layers.length + 1];
        all[0] = "- embedding: {output_dim: 6, mask_zero: true}";
        System.arraycopy(layers, 0, all, 1, layers.length);
        return ModelPlan.of(TestSpecs.layers(null, all), new ModelInput(VOCABULARY, null, 0));
    }

    /** Pre-padded, post-padded and one-by-one unpadded outputs of a one-vector-per-sentence model agree. */
    private static void assertSentenceOutputsAgree(ModelPlan plan) {
        MultiLayerNetwork net = plan.newNetwork(42);
        INDArray pre = net.output(ids(true), false, mask(true), null);
        INDArray post = net.output(ids(false), false, mask(false), null);
        for (int s = 0; s < SENTENCES.length; s++) {
            INDArray exact = net.output(Nd4j.createFromArray(new float[][]{floats(SENTENCES[s])})).getRow(0);
            String what = plan.layers().get(1).type() + " " + List.of(plan.layers().stream().map(LayerPlan::name).toArray());
            assertClose(exact, pre.getRow(s), what + ": pre-padded sentence " + s);
            assertClose(exact, post.getRow(s), what + ": post-padded sentence " + s);
        }
    }

    private static INDArray activationOfLayer1(MultiLayerNetwork net, INDArray features, INDArray mask) {
        net.setLayerMaskArrays(mask, null);
        INDArray out = net.feedForwardToLayer(1, features, false).get(2);
        net.clearLayerMaskArrays();
        return out;
    }

    private static INDArray ids(boolean prePadding) {
        float[][] x = new float[SENTENCES.length][T];
        for (int s = 0; s < SENTENCES.length; s++) {
            int offset = prePadding ? T - SENTENCES[s].length : 0;
            for (int t = 0; t < SENTENCES[s].length; t++) x[s][offset + t] = SENTENCES[s][t];
        }
        return Nd4j.createFromArray(x);
    }

    private static INDArray mask(boolean prePadding) {
        float[][] m = new float[SENTENCES.length][T];
        for (int s = 0; s < SENTENCES.length; s++) {
            int offset = prePadding ? T - SENTENCES[s].length : 0;
            for (int t = 0; t < SENTENCES[s].length; t++) m[s][offset + t] = 1f;
        }
        return Nd4j.createFromArray(m);
    }

    private static float[] floats(int[] ids) {
        float[] f = new float[ids.length];
        for (int i = 0; i < ids.length; i++) f[i] = ids[i];
        return f;
    }

    private static void assertClose(INDArray expected, INDArray actual, String what) {
        assertArrayEquals(expected.reshape(-1).shape(), actual.reshape(-1).shape(), what);
        double diff = expected.reshape(-1).sub(actual.reshape(-1)).amaxNumber().doubleValue();
        assertTrue(diff <= TOLERANCE, what + ": max difference " + diff + "\nexpected " + expected + "\nactual   " + actual);
    }
}
