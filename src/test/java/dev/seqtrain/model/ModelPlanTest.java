package dev.seqtrain.model;

import dev.seqtrain.errors.SpecException;
import dev.seqtrain.job.ModelSpec;
import org.deeplearning4j.nn.conf.GradientNormalization;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.dropout.Dropout;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.conf.layers.misc.FrozenLayerWithBackprop;
import org.deeplearning4j.nn.conf.layers.recurrent.Bidirectional;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import dev.seqtrain.model.embedding.Embedding;
import dev.seqtrain.model.rnn.CellType;
import dev.seqtrain.model.rnn.Nonlinearity;
import dev.seqtrain.model.rnn.Recurrent;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.preprocessor.FeedForwardToRnnPreProcessor;
import org.deeplearning4j.nn.conf.preprocessor.RnnToFeedForwardPreProcessor;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.RmsProp;
import org.nd4j.linalg.learning.config.Sgd;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static dev.seqtrain.model.TestSpecs.layers;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Shapes, parameter counts (Keras' and DL4J's), the Keras summary text, the DL4J layer each spec entry becomes.
 * The golden summaries under {@code src/test/resources/dev/seqtrain/model/} are the output of Keras 2.12.0's own
 * {@code print_summary} (keras/utils/layer_utils.py) run on stand-in layers with the same names, classes, output
 * shapes and weight shapes.
 */
class ModelPlanTest {

    @Test
    void summaryOfTheEmbeddingLstmModelIsKerasExact() throws IOException {
        ModelPlan plan = ModelPlan.of(layers(null,
                "- embedding: {output_dim: 100}",
                "- lstm: {units: 64}",
                "- dense: {units: 1, activation: sigmoid}"), new ModelInput(10_000, 80, 2));
        assertEquals(golden("brief"), plan.summary());
        assertEquals(1_042_305, plan.totalParams());
        assertEquals(Task.BINARY, plan.task());
        assertEquals(ModelSpec.Loss.BINARY_CROSSENTROPY, plan.loss());
        assertFalse(plan.masked());
        assertDl4jCountsMatchKeras(plan);
    }

    @Test
    void summaryWrapsLongNamesAndCountsFrozenWeightsAsKerasDoes() throws IOException {
        ModelPlan plan = ModelPlan.of(layers(null,
                "- embedding: {input_dim: 5000, output_dim: 32, mask_zero: true, trainable: false}",
                "- bidirectional: {layer: {lstm: {units: 16, return_sequences: true}}}",
                "- dropout: {rate: 0.5}",
                "- global_average_pooling1d: {}",
                "- dense: {units: 8, activation: relu}",
                "- dense: {units: 3, activation: softmax}"), new ModelInput(4000, null, 3));
        assertEquals(golden("mixed"), plan.summary());
        assertEquals(6_563, plan.trainableParams());
        assertEquals(160_000, plan.nonTrainableParams());
        assertEquals(Task.MULTICLASS, plan.task());
        assertEquals(ModelSpec.Loss.CATEGORICAL_CROSSENTROPY, plan.loss());
        assertTrue(plan.masked());
        assertDl4jCountsMatchKeras(plan);
        MultiLayerConfiguration conf = plan.configuration(1);
        assertInstanceOf(FrozenLayerWithBackprop.class, conf.getConf(0).getLayer());
        assertInstanceOf(Bidirectional.class, conf.getConf(1).getLayer());   // returns sequences
    }

    @Test
    void numericInputBidirectionalSimpleRnnAndKerasLayerNumbering() throws IOException {
        ModelPlan plan = ModelPlan.of(TestSpecs.model("""
                  input: {timesteps: 2, features: 10}
                  layers:
                    - simple_rnn: {units: 3, return_sequences: true, bidirectional: true}
                    - simple_rnn: {units: 3, return_sequences: true}
                    - global_max_pooling1d:
                    - dense: {units: 1}
                """), new ModelInput(0, null, 0));
        assertEquals(golden("numeric"), plan.summary());
        assertEquals(84, plan.layers().get(0).params());
        assertEquals("(None, 2, 6)", plan.layers().get(0).output().toString());
        assertEquals("simple_rnn_1", plan.layers().get(1).name());
        assertEquals(Task.REGRESSION, plan.task());
        assertEquals(ModelSpec.Loss.MSE, plan.loss());
        assertFalse(plan.tokenInput());
        assertEquals(10, plan.inputFeatures());
        assertTrue(plan.embeddingLayerIndex().isEmpty());
        assertDl4jCountsMatchKeras(plan);
        MultiLayerNetwork net = plan.newNetwork(3);
        INDArray out = net.output(Nd4j.rand(4, 10, 2));
        assertArrayEquals(new long[]{4, 1}, out.shape());
    }

    @Test
    void kerasParameterCountsOfTheReferenceLayers() {
        ModelPlan simple = ModelPlan.of(layers(null,
                "- embedding: {input_dim: 10000, output_dim: 50}",
                "- simple_rnn: {units: 50}",
                "- dense: {units: 32, activation: relu}",
                "- dense: {units: 1, activation: sigmoid}"), new ModelInput(10_000, 200, 2));
        assertEquals(List.of(500_000L, 5_050L, 1_632L, 33L), counts(simple));
        assertEquals(506_715, simple.totalParams());
        assertDl4jCountsMatchKeras(simple);

        ModelPlan lstm = ModelPlan.of(layers(null,
                "- embedding: {input_dim: 10000, output_dim: 50}",
                "- lstm: {units: 50}",
                "- dense: {units: 1, activation: sigmoid}"), new ModelInput(10_000, 200, 2));
        assertEquals(20_200, lstm.layers().get(1).params());
        assertDl4jCountsMatchKeras(lstm);

        ModelPlan small = ModelPlan.of(TestSpecs.model("""
                  input: {features: 10}
                  layers:
                    - simple_rnn: {units: 3}
                    - dense: {units: 1, activation: sigmoid}
                """), new ModelInput(0, null, 2));
        assertEquals(42, small.layers().get(0).params());
        assertEquals("(None, 3)", small.layers().get(0).output().toString());
        assertDl4jCountsMatchKeras(small);
    }

    @Test
    void gruCountsFollowKerasResetAfterInTheSummaryAndInDl4j() {
        ModelSpec spec = layers(null,
                "- embedding: {input_dim: 10000, output_dim: 50}",
                "- gru: {units: 50, return_sequences: true}",
                "- gru: {units: 50, reset_after: false}",
                "- dense: {units: 1, activation: sigmoid}");
        ModelPlan plan = ModelPlan.of(spec, new ModelInput(10_000, 200, 2));
        assertEquals(15_300, plan.layers().get(1).params());   // 3u(d+u+2)
        assertEquals(15_150, plan.layers().get(2).params());   // 3u(d+u+1)
        assertEquals("gru_1 (GRU)", plan.layers().get(2).name() + " (" + plan.layers().get(2).kerasClass() + ")");
        org.deeplearning4j.nn.multilayer.MultiLayerNetwork net = plan.newNetwork(1);
        assertEquals(15_300, net.getLayer(1).numParams());
        assertEquals(15_150, net.getLayer(2).numParams());
        assertEquals(plan.totalParams(), net.numParams());
    }

    @Test
    void mergeModesSetOutputWidthNotParameters() {
        for (String mode : List.of("sum", "ave", "mul", "concat")) {
            ModelPlan plan = ModelPlan.of(layers(null,
                    "- embedding: {output_dim: 8}",
                    "- bidirectional: {layer: {lstm: {units: 5}}, merge_mode: " + mode + "}",
                    "- dense: {units: 1, activation: sigmoid}"), new ModelInput(30, 7, 2));
            int width = mode.equals("concat") ? 10 : 5;
            assertEquals("(None, " + width + ")", plan.layers().get(1).output().toString(), mode);
            assertEquals(2 * 4 * 5 * (8 + 5 + 1), plan.layers().get(1).params(), mode);
            assertDl4jCountsMatchKeras(plan);
            INDArray out = plan.newNetwork(1).output(Nd4j.zeros(3, 7));
            assertArrayEquals(new long[]{3, 1}, out.shape(), mode);
        }
    }

    @Test
    void taggingHeadIsAppliedAtEveryStep() {
        ModelPlan plan = ModelPlan.of(layers(null,
                "- embedding: {output_dim: 8, mask_zero: true}",
                "- lstm: {units: 6, return_sequences: true}",
                "- dropout: {rate: 0.25}",
                "- dense: {units: 4, activation: relu}",
                "- dense: {units: 5, activation: softmax}"), new ModelInput(50, 9, 5));
        assertEquals(Task.TAGGING, plan.task());
        assertEquals(5, plan.outputUnits());
        assertEquals("(None, 9, 4)", plan.layers().get(3).output().toString());
        assertEquals("(None, 9, 5)", plan.layers().get(4).output().toString());
        assertEquals(6 * 4 + 4, plan.layers().get(3).params());
        assertDl4jCountsMatchKeras(plan);
        MultiLayerConfiguration conf = plan.configuration(1);
        assertInstanceOf(DenseLayer.class, conf.getConf(3).getLayer());
        assertInstanceOf(RnnToFeedForwardPreProcessor.class, conf.getInputPreProcess(2));
        assertInstanceOf(FeedForwardToRnnPreProcessor.class, conf.getInputPreProcess(4));
        assertInstanceOf(RnnOutputLayer.class, conf.getConf(4).getLayer());
        INDArray out = plan.newNetwork(1).output(Nd4j.ones(2, 9), false, Nd4j.ones(2, 9), null);
        assertArrayEquals(new long[]{2, 5, 9}, out.shape());
    }

    @Test
    void layersMapToTheDocumentedDl4jLayers() {
        ModelPlan plan = ModelPlan.of(layers("binary_crossentropy",
                "- embedding: {output_dim: 8}",
                "- simple_rnn: {units: 4, return_sequences: true, dropout: 0.2}",
                "- lstm: {units: 4, activation: relu, recurrent_activation: hard_sigmoid}",
                "- dropout: {rate: 0.3}",
                "- dense: {units: 3, activation: tanh, use_bias: false}",
                "- dense: {units: 1, activation: sigmoid}"), new ModelInput(20, null, 2));
        MultiLayerConfiguration conf = plan.configuration(7);
        // seqtrain's embedding: one parameter, the table
        Embedding emb = (Embedding) conf.getConf(0).getLayer();
        assertEquals(20, emb.getNIn());
        assertEquals(java.util.List.of("W"), emb.initializer().paramKeys(emb));
        // the engine: Keras' dropout (one input mask per sequence), not DL4J's per-element dropout
        Recurrent rnn = (Recurrent) conf.getConf(1).getLayer();
        assertEquals(CellType.SIMPLE_RNN, rnn.getCell());
        assertEquals(0.2, rnn.getInputDropout(), 1e-12);
        assertNull(rnn.getIDropout());
        assertTrue(rnn.isReturnSequences());
        Recurrent lstm = (Recurrent) conf.getConf(2).getLayer();
        assertEquals(CellType.LSTM, lstm.getCell());
        assertFalse(lstm.isReturnSequences(), "the engine returns the last state itself, no LastTimeStep");
        assertEquals(Nonlinearity.RELU, lstm.getCellActivation());
        assertEquals(Nonlinearity.HARD_SIGMOID, lstm.getGateActivation());
        // Keras' rate drops, DL4J's p retains
        assertEquals(0.7, ((Dropout) ((DropoutLayer) conf.getConf(3).getLayer()).getIDropout()).getP(), 1e-12);
        assertEquals(12, plan.layers().get(4).params());
        assertInstanceOf(OutputLayer.class, conf.getConf(5).getLayer());
        assertDl4jCountsMatchKeras(plan);
        assertEquals(0, plan.embeddingLayerIndex().getAsInt());
        assertTrue(plan.embeddingsFile().isEmpty());
    }

    @Test
    void implementationDl4jKeepsDl4jsCells() {
        ModelPlan plan = ModelPlan.of(layers("binary_crossentropy",
                "- embedding: {output_dim: 8}",
                "- simple_rnn: {units: 4, return_sequences: true, dropout: 0.2, implementation: dl4j}",
                "- lstm: {units: 4, activation: relu, recurrent_activation: hard_sigmoid, implementation: dl4j, "
                        + "unit_forget_bias: false}",
                "- dense: {units: 1, activation: sigmoid}"), new ModelInput(20, null, 2));
        MultiLayerConfiguration conf = plan.configuration(7);
        assertInstanceOf(org.deeplearning4j.nn.conf.layers.recurrent.SimpleRnn.class, conf.getConf(1).getLayer());
        assertEquals(0.8, ((Dropout) conf.getConf(1).getLayer().getIDropout()).getP(), 1e-12);
        LastTimeStep last = (LastTimeStep) conf.getConf(2).getLayer();
        org.deeplearning4j.nn.conf.layers.LSTM lstm = (org.deeplearning4j.nn.conf.layers.LSTM) last.getUnderlying();
        assertEquals("relu", lstm.getActivationFn().toString());
        assertEquals("hardsigmoid", lstm.getGateActivationFn().toString());
        assertEquals(0.0, lstm.getForgetGateBiasInit(), 1e-12);
        assertDl4jCountsMatchKeras(plan);
    }

    /** Keras: SimpleRNN u(nIn+u), LSTM 4u(nIn+u), GRU 3u(nIn+u) without bias, reset_after or not. */
    @Test
    void useBiasFalseCountsAsKerasForEveryCell() {
        ModelPlan plan = ModelPlan.of(layers("binary_crossentropy",
                "- embedding: {output_dim: 10}",
                "- simple_rnn: {units: 4, return_sequences: true, use_bias: false}",
                "- lstm: {units: 5, return_sequences: true, use_bias: false}",
                "- gru: {units: 6, return_sequences: true, use_bias: false}",
                "- gru: {units: 3, use_bias: false, reset_after: false}",
                "- dense: {units: 1, activation: sigmoid}"), new ModelInput(20, null, 2));
        assertEquals(4 * (10 + 4), plan.layers().get(1).params());
        assertEquals(4 * 5 * (4 + 5), plan.layers().get(2).params());
        assertEquals(3 * 6 * (5 + 6), plan.layers().get(3).params());
        assertEquals(3 * 3 * (6 + 3), plan.layers().get(4).params());
        assertTrue(plan.summary().lines().anyMatch(l -> l.contains("(SimpleRNN)") && l.strip().endsWith(" 56")),
                plan.summary());
        assertTrue(plan.summary().lines().anyMatch(l -> l.contains("(LSTM)") && l.strip().endsWith(" 180")),
                plan.summary());
        assertDl4jCountsMatchKeras(plan);
    }

    @Test
    void dl4jImplementationRefusesWhatOnlyTheEngineComputes() {
        assertSpecError("model.layers[1].implementation", "- gru: {units: 3, implementation: dl4j}");
        assertSpecError("model.layers[1].use_bias", "- lstm: {units: 3, implementation: dl4j, use_bias: false}");
        assertSpecError("model.layers[1].layer.recurrent_dropout",
                "- bidirectional: {layer: {simple_rnn: {units: 3, implementation: dl4j, recurrent_dropout: 0.2}}}");
        ModelPlan engine = ModelPlan.of(layers(null, "- embedding: {output_dim: 4}",
                "- lstm: {units: 3, use_bias: false, recurrent_dropout: 0.2, dropout: 0.1}",
                "- dense: {units: 1, activation: sigmoid}"), new ModelInput(20, null, 2));
        Recurrent lstm = (Recurrent) engine.configuration(1).getConf(1).getLayer();
        assertEquals(0.2, lstm.getRecurrentDropout(), 1e-12);
        assertFalse(lstm.isUseBias());
    }

    private static void assertSpecError(String key, String recurrent) {
        dev.seqtrain.errors.SpecException e = org.junit.jupiter.api.Assertions.assertThrows(
                dev.seqtrain.errors.SpecException.class, () -> ModelPlan.of(layers(null,
                        "- embedding: {output_dim: 4}", recurrent, "- dense: {units: 1, activation: sigmoid}"),
                        new ModelInput(20, null, 2)));
        assertTrue(e.getMessage().startsWith(key + ":"), e.getMessage());
    }

    @Test
    void dropoutOfZeroIsAPassThrough() {
        ModelPlan plan = ModelPlan.of(layers(null,
                "- embedding: {output_dim: 4}",
                "- dropout: {rate: 0.0}",
                "- simple_rnn: {units: 3}",
                "- dropout: {rate: 0.0}",
                "- dense: {units: 1, activation: sigmoid}"), new ModelInput(10, 5, 2));
        MultiLayerNetwork net = plan.newNetwork(1);
        INDArray x = Nd4j.createFromArray(new float[][]{{1, 2, 3, 4, 5}});
        DataSet ds = new DataSet(x, Nd4j.createFromArray(new float[][]{{1}}));
        net.fit(ds);
        assertEquals(net.output(x, false), net.output(x, true));
    }

    @Test
    void optimizersAndClipping() {
        assertUpdater("{name: adam, learning_rate: 0.01, beta_1: 0.8}", Adam.class);
        assertUpdater("{name: rmsprop, rho: 0.95}", RmsProp.class);
        assertUpdater("{name: sgd}", Sgd.class);
        assertUpdater("{name: sgd, momentum: 0.9}", Nesterovs.class);
        Adam adam = (Adam) layer1(optimized("{name: adam, learning_rate: 0.01, beta_1: 0.8, epsilon: 0.001}"))
                .getIUpdater();
        assertEquals(0.01, adam.getLearningRate(), 1e-12);
        assertEquals(0.8, adam.getBeta1(), 1e-12);
        assertEquals(0.001, adam.getEpsilon(), 1e-12);
        BaseLayer clipped = layer1(optimized("{name: adam, clipnorm: 1.5}"));
        assertEquals(GradientNormalization.ClipL2PerParamType, clipped.getGradientNormalization());
        assertEquals(1.5, clipped.getGradientNormalizationThreshold(), 1e-12);
        BaseLayer byValue = layer1(optimized("{name: adam, clipvalue: 0.5}"));
        assertEquals(GradientNormalization.ClipElementWiseAbsoluteValue, byValue.getGradientNormalization());
    }

    @Test
    void frozenEmbeddingDoesNotMoveWhileTheRestTrains() {
        ModelPlan plan = ModelPlan.of(layers(null,
                "- embedding: {output_dim: 4, trainable: false}",
                "- lstm: {units: 3}",
                "- dense: {units: 1, activation: sigmoid}"), new ModelInput(10, 5, 2));
        MultiLayerNetwork net = plan.newNetwork(11);
        INDArray embedding = net.getLayer(0).params().dup();
        INDArray lstm = net.getLayer(1).params().dup();
        DataSet ds = new DataSet(Nd4j.createFromArray(new float[][]{{1, 2, 3, 4, 5}, {5, 4, 3, 2, 1}}),
                Nd4j.createFromArray(new float[][]{{1}, {0}}));
        for (int i = 0; i < 3; i++) net.fit(ds);
        assertEquals(embedding, net.getLayer(0).params());
        assertFalse(lstm.equalsWithEps(net.getLayer(1).params(), 1e-7));
    }

    @Test
    void nestedWrappersSurviveSerialization(@TempDir Path dir) throws IOException {
        ModelPlan plan = ModelPlan.of(layers(null,
                "- embedding: {output_dim: 6, mask_zero: true, trainable: false}",
                "- bidirectional: {layer: {simple_rnn: {units: 4}}, merge_mode: ave}",
                "- dense: {units: 3, activation: softmax}"), new ModelInput(12, null, 3));
        MultiLayerConfiguration conf = plan.configuration(5);
        assertEquals(conf, MultiLayerConfiguration.fromJson(conf.toJson()));
        MultiLayerNetwork net = plan.newNetwork(5);
        INDArray x = Nd4j.createFromArray(new float[][]{{0, 0, 3, 4, 5}, {1, 2, 3, 0, 0}});
        INDArray mask = Nd4j.createFromArray(new float[][]{{0, 0, 1, 1, 1}, {1, 1, 1, 0, 0}});
        INDArray before = net.output(x, false, mask, null);
        Path file = dir.resolve("model.zip");
        ModelSerializer.writeModel(net, file.toFile(), true);
        MultiLayerNetwork restored = ModelSerializer.restoreMultiLayerNetwork(file.toFile(), true);
        assertTrue(before.equalsWithEps(restored.output(x, false, mask, null), 1e-6));
    }

    @Test
    void sameSeedSameWeights() {
        ModelPlan plan = ModelPlan.of(layers(null,
                "- embedding: {output_dim: 4}",
                "- lstm: {units: 3}",
                "- dense: {units: 1, activation: sigmoid}"), new ModelInput(10, 5, 2));
        assertEquals(plan.newNetwork(9).params(), plan.newNetwork(9).params());
        assertFalse(plan.newNetwork(9).params().equals(plan.newNetwork(10).params()));
    }

    // -----------------------------------------------------------------------------------------------------------

    /** DL4J's own per-layer parameter count equals the Keras count the summary prints. */
    static void assertDl4jCountsMatchKeras(ModelPlan plan) {
        MultiLayerNetwork net = plan.newNetwork(1);
        assertEquals(plan.layers().size(), net.getnLayers());
        for (LayerPlan l : plan.layers()) {
            assertEquals(l.params(), net.getLayer(l.index()).numParams(), l.path() + " " + l.name());
        }
        assertEquals(plan.totalParams(), net.numParams());
    }

    private static List<Long> counts(ModelPlan plan) {
        return plan.layers().stream().map(LayerPlan::params).toList();
    }

    private static ModelPlan optimized(String optimizer) {
        return ModelPlan.of(TestSpecs.model("""
                  layers:
                    - embedding: {output_dim: 4}
                    - lstm: {units: 3}
                    - dense: {units: 1, activation: sigmoid}
                  optimizer: %s
                """.formatted(optimizer)), new ModelInput(10, 5, 2));
    }

    private static BaseLayer layer1(ModelPlan plan) {
        org.deeplearning4j.nn.conf.layers.Layer layer = plan.configuration(1).getConf(1).getLayer();
        return (BaseLayer) (layer instanceof LastTimeStep last ? last.getUnderlying() : layer);
    }

    private static void assertUpdater(String optimizer, Class<?> type) {
        assertInstanceOf(type, layer1(optimized(optimizer)).getIUpdater(), optimizer);
        assertInstanceOf(type, ((BaseLayer) optimized(optimizer).configuration(1).getConf(2).getLayer())
                .getIUpdater(), optimizer);
    }

    static String golden(String name) throws IOException {
        try (InputStream in = ModelPlanTest.class.getResourceAsStream("keras212-summary-" + name + ".txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
