package dev.seqtrain.model;

import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Numerical gradient checks (DL4J's {@link GradientCheckUtil}, double precision) through whole networks as
 * seqtrain builds them: the recurrent engine for every cell with and without bias, pre- and post-padding,
 * return_sequences true and false, bidirectional; {@link BidirectionalLastStep} in every merge
 * mode, and per-step dense layers on flattened sequences, with masks.
 * <p>
 * DL4J 1.0.0-M2.1's own LSTM ({@code implementation: dl4j}) computes a wrong gradient for the bias of its block input
 * when a sequence starts with masked steps, while its forward pass is right; the engine's LSTM passes there.
 */
class GradientCheckTest {

    /** Pre-padded ids of different lengths, and their mask. */
    private static final float[][] IDS = {{0, 0, 1, 2, 3}, {4, 5, 1, 2, 3}, {0, 0, 0, 5, 4}};
    private static final float[][] MASK = {{0, 0, 1, 1, 1}, {1, 1, 1, 1, 1}, {0, 0, 0, 1, 1}};
    private static final INDArray ONE_HOT = Nd4j.createFromArray(new double[][]{{1, 0, 0}, {0, 1, 0}, {0, 0, 1}});

    private DataType previousDefault;
    private DataType previousFloatDefault;

    /** GradientCheckUtil insists on double as ND4J's default type; the JVM is shared with other tests. */
    @BeforeEach
    void useDoublePrecision() {
        previousDefault = Nd4j.dataType();
        previousFloatDefault = Nd4j.defaultFloatingPointType();
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
    }

    @AfterEach
    void restorePrecision() {
        Nd4j.setDefaultDataTypes(previousDefault, previousFloatDefault);
    }

    @ParameterizedTest
    @ValueSource(strings = {"concat", "sum", "ave", "mul"})
    void bidirectionalLastStepWithPadding(String mergeMode) {
        ModelPlan plan = ModelPlan.of(sgdModel(
                "- embedding: {output_dim: 3, mask_zero: true}",
                "- bidirectional: {layer: {simple_rnn: {units: 3}}, merge_mode: " + mergeMode + "}",
                "- dense: {units: 3, activation: softmax}"), new ModelInput(6, null, 3));
        assertTrue(check(plan, IDS, MASK, ONE_HOT, null), "bidirectional last step, merge_mode " + mergeMode);
    }

    @ParameterizedTest
    @ValueSource(strings = {"concat", "mul"})
    void bidirectionalLastStepOfLstmCells(String mergeMode) {
        ModelPlan plan = ModelPlan.of(sgdModel(
                "- embedding: {output_dim: 3, mask_zero: true}",
                "- bidirectional: {layer: {lstm: {units: 2}}, merge_mode: " + mergeMode + "}",
                "- dense: {units: 3, activation: softmax}"), new ModelInput(6, null, 3));
        float[][] full = {{1, 1, 1, 2, 3}, {4, 5, 1, 2, 3}, {2, 2, 1, 5, 4}};
        float[][] allReal = {{1, 1, 1, 1, 1}, {1, 1, 1, 1, 1}, {1, 1, 1, 1, 1}};
        assertTrue(check(plan, full, allReal, ONE_HOT, null), "bidirectional LSTM last step, merge_mode " + mergeMode);
    }

    @Test
    void perStepDenseOnFlattenedSequences() {
        ModelPlan plan = ModelPlan.of(sgdModel(
                "- embedding: {output_dim: 3, mask_zero: true}",
                "- simple_rnn: {units: 3, return_sequences: true, bidirectional: true}",
                "- dense: {units: 2, activation: tanh}",
                "- lstm: {units: 2, return_sequences: true}",
                "- dense: {units: 2, activation: softmax}"), new ModelInput(6, null, 2));
        double[][][] tags = new double[3][2][5];
        for (int s = 0; s < 3; s++) {
            for (int t = 0; t < 5; t++) tags[s][(s + t) % 2][t] = 1;
        }
        assertTrue(check(plan, IDS, MASK, Nd4j.createFromArray(tags), Nd4j.createFromArray(MASK).castTo(DataType.DOUBLE)),
                "gradients of a tagging model with per-step dense layers");
    }

    private static final float[][] IDS_POST = {{1, 2, 3, 0, 0}, {4, 5, 1, 2, 3}, {5, 4, 0, 0, 0}};
    private static final float[][] MASK_POST = {{1, 1, 1, 0, 0}, {1, 1, 1, 1, 1}, {1, 1, 0, 0, 0}};

    @ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({
            "simple_rnn, true", "simple_rnn, false", "lstm, true", "lstm, false",
            "gru, true", "gru, false", "'gru', 'true, reset_after: false'", "'gru', 'false, reset_after: false'"})
    void engineCellsWithPreAndPostPadding(String cell, String useBias) {
        for (boolean pre : new boolean[] {true, false}) {
            float[][] ids = pre ? IDS : IDS_POST;
            float[][] mask = pre ? MASK : MASK_POST;
            String what = cell + " use_bias " + useBias + (pre ? " pre" : " post") + "-padding";
            ModelPlan last = ModelPlan.of(sgdModel(
                    "- embedding: {output_dim: 3, mask_zero: true}",
                    "- " + cell + ": {units: 3, use_bias: " + useBias + "}",
                    "- dense: {units: 3, activation: softmax}"), new ModelInput(6, null, 3));
            assertTrue(check(last, ids, mask, ONE_HOT, null), what + ", return_sequences false");
            ModelPlan sequences = ModelPlan.of(sgdModel(
                    "- embedding: {output_dim: 3, mask_zero: true}",
                    "- " + cell + ": {units: 3, return_sequences: true, use_bias: " + useBias + "}",
                    "- global_average_pooling1d: {}",
                    "- dense: {units: 3, activation: softmax}"), new ModelInput(6, null, 3));
            assertTrue(check(sequences, ids, mask, ONE_HOT, null), what + ", return_sequences true");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"simple_rnn", "lstm", "gru"})
    void engineCellsBidirectionalWithPadding(String cell) {
        ModelPlan last = ModelPlan.of(sgdModel(
                "- embedding: {output_dim: 3, mask_zero: true}",
                "- bidirectional: {layer: {" + cell + ": {units: 2}}, merge_mode: concat}",
                "- dense: {units: 3, activation: softmax}"), new ModelInput(6, null, 3));
        assertTrue(check(last, IDS, MASK, ONE_HOT, null), "bidirectional " + cell + " last step");
        ModelPlan sequences = ModelPlan.of(sgdModel(
                "- embedding: {output_dim: 3, mask_zero: true}",
                "- bidirectional: {layer: {" + cell + ": {units: 2, return_sequences: true, use_bias: false}}, "
                        + "merge_mode: sum}",
                "- global_max_pooling1d: {}",
                "- dense: {units: 3, activation: softmax}"), new ModelInput(6, null, 3));
        assertTrue(check(sequences, IDS_POST, MASK_POST, ONE_HOT, null), "bidirectional " + cell + " sequences");
    }

    /** The check above can fail: DL4J's own LSTM after leading masked steps (its block-input bias gradient). */
    @Test
    void dl4jLstmFailsWithPrePaddingWhereTheEngineDoesNot() {
        ModelPlan dl4j = ModelPlan.of(sgdModel(
                "- embedding: {output_dim: 3, mask_zero: true}",
                "- lstm: {units: 3, implementation: dl4j}",
                "- dense: {units: 3, activation: softmax}"), new ModelInput(6, null, 3));
        assertFalse(check(dl4j, IDS, MASK, ONE_HOT, null), "DL4J's LSTM bias gradient after leading padding");
    }

    /** GradientCheckUtil needs plain SGD with learning rate 1. */
    private static dev.seqtrain.job.ModelSpec sgdModel(String... layers) {
        StringBuilder yaml = new StringBuilder("  optimizer: {name: sgd, learning_rate: 1.0}\n  layers:\n");
        for (String l : layers) yaml.append("    ").append(l).append('\n');
        return TestSpecs.model(yaml.toString());
    }

    private static boolean check(ModelPlan plan, float[][] ids, float[][] mask, INDArray labels, INDArray labelMask) {
        MultiLayerNetwork net = new MultiLayerNetwork(plan.configuration(12345, DataType.DOUBLE));
        net.init();
        return GradientCheckUtil.checkGradients(new GradientCheckUtil.MLNConfig()
                .net(net)
                .input(Nd4j.createFromArray(ids).castTo(DataType.DOUBLE))
                .inputMask(Nd4j.createFromArray(mask).castTo(DataType.DOUBLE))
                .labels(labels)
                .labelMask(labelMask)
                .epsilon(1e-6)
                .maxRelError(1e-3)
                .minAbsoluteError(1e-8)
                // every parameter array, up to 12 entries of each: the whole check costs seconds, not a minute
                .subset(true)
                .maxPerParam(12));
    }
}
