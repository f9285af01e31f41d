package dev.seqtrain.model;

import dev.seqtrain.errors.SpecException;
import dev.seqtrain.job.DenseSpec;
import dev.seqtrain.job.EmbeddingSpec;
import dev.seqtrain.job.LayerSpec;
import dev.seqtrain.job.ModelSpec;
import dev.seqtrain.job.RecurrentSpec;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static dev.seqtrain.model.TestSpecs.layers;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the model check rejects before Spark starts, and the message that says which key to change. */
class ArchitectureCheckTest {

    private static final String EMBEDDING = "- embedding: {output_dim: 64}";
    private static final String SIGMOID = "- dense: {units: 1, activation: sigmoid}";

    @Test
    void denseFedASequenceCannotBeABinaryHead() {
        ModelSpec spec = layers(null, EMBEDDING, "- lstm: {units: 64, return_sequences: true}", SIGMOID);
        assertEquals("model.layers[2]: dense fed a sequence (None, None, 64) cannot be the head of a binary/multi-class "
                + "model; set return_sequences: false on model.layers[1] or add global_average_pooling1d", problem(spec));
        // with the data known, the padded length appears
        SpecException e = assertThrows(SpecException.class, () -> ModelPlan.of(spec, new ModelInput(1000, 80, 2)));
        assertEquals("model.layers[2]: dense fed a sequence (None, 80, 64) cannot be the head of a binary/multi-class "
                + "model; set return_sequences: false on model.layers[1] or add global_average_pooling1d", e.getMessage());
    }

    @Test
    void recurrentLayerAfterAVector() {
        ModelSpec spec = layers(null, EMBEDDING, "- lstm: {units: 64, return_sequences: true}", "- lstm: {units: 64}",
                "- lstm: {units: 32}", SIGMOID);
        assertEquals("model.layers[3]: lstm needs a sequence input but gets (None, 64) from model.layers[2]; "
                + "set return_sequences: true on model.layers[2]", problem(spec));
        ModelSpec afterDense = layers(null, EMBEDDING, "- simple_rnn: {units: 8}", "- dense: {units: 4}",
                "- gru: {units: 4}", SIGMOID);
        assertEquals("model.layers[3]: gru needs a sequence input but gets (None, 4) from model.layers[2]; "
                + "set return_sequences: true on model.layers[1]", problem(afterDense));
        ModelSpec wrapped = layers(null, EMBEDDING, "- bidirectional: {layer: {lstm: {units: 8}}}",
                "- lstm: {units: 4}", SIGMOID);
        assertEquals("model.layers[2]: lstm needs a sequence input but gets (None, 16) from model.layers[1]; "
                + "set return_sequences: true on model.layers[1].layer", problem(wrapped));
    }

    @Test
    void poolingNeedsASequence() {
        assertEquals("model.layers[3]: global_max_pooling1d needs a sequence input but gets (None, 8) from "
                + "model.layers[2]; model.layers[2] (global_average_pooling1d) already reduced the sequence to a "
                + "vector; move it above this layer", problem(layers(null, EMBEDDING,
                "- lstm: {units: 8, return_sequences: true}", "- global_average_pooling1d:", "- global_max_pooling1d:",
                SIGMOID)));
    }

    @Test
    void sequenceLabellingNeedsReturnSequences() {
        ModelSpec spec = layers(null, EMBEDDING, "- lstm: {units: 64}", "- dense: {units: 5, activation: softmax}");
        assertEquals(Optional.empty(), ArchitectureCheck.check(spec));   // fine for per-sequence labels
        assertEquals(Optional.of("model.layers[2]: sequence labelling needs one prediction per token, but dense gets "
                        + "(None, 64) from model.layers[1]; set return_sequences: true on model.layers[1]"),
                ArchitectureCheck.check(spec, LabelLayout.PER_TOKEN));
        ModelSpec tagger = layers(null, EMBEDDING, "- lstm: {units: 64, return_sequences: true}",
                "- dense: {units: 5, activation: softmax}");
        assertEquals(Optional.empty(), ArchitectureCheck.check(tagger, LabelLayout.PER_TOKEN));
        assertEquals(Optional.of("model.layers[2]: dense fed a sequence (None, None, 64) cannot be the head of a "
                        + "binary/multi-class model; set return_sequences: false on model.layers[1] or add "
                        + "global_average_pooling1d"),
                ArchitectureCheck.check(tagger, LabelLayout.PER_SEQUENCE));
        ModelSpec sigmoidTagger = layers(null, EMBEDDING, "- lstm: {units: 8, return_sequences: true}", SIGMOID);
        assertEquals(Optional.of("model.layers[2]: sequence labelling needs activation: softmax with "
                        + "categorical_crossentropy on the last layer, got activation: sigmoid with binary_crossentropy"),
                ArchitectureCheck.check(sigmoidTagger, LabelLayout.PER_TOKEN));
    }

    @Test
    void unitsZeroIsCaughtByTheSpecValidatorAndByTheCheck() {
        SpecException e = assertThrows(SpecException.class,
                () -> layers(null, EMBEDDING, "- lstm: {units: 0}", SIGMOID));
        assertEquals("test.yaml: model.layers[1].units: must be > 0, got 0", e.getMessage());
        ModelSpec built = model(new EmbeddingSpec(null, 8, null, null, null),
                recurrent(RecurrentSpec.Cell.LSTM, 0, "tanh"), new DenseSpec(1, "sigmoid", null));
        assertEquals("model.layers[1].units: must be > 0, got 0", problem(built));
    }

    @Test
    void unknownActivation() {
        ModelSpec dense = model(new EmbeddingSpec(null, 8, null, null, null),
                recurrent(RecurrentSpec.Cell.SIMPLE_RNN, 4, "tanh"), new DenseSpec(1, "leaky", null));
        assertTrue(problem(dense).startsWith("model.layers[2].activation: unknown activation 'leaky'; expected one of "
                + "linear, relu, sigmoid, tanh, softmax"), problem(dense));
        ModelSpec cell = model(new EmbeddingSpec(null, 8, null, null, null),
                recurrent(RecurrentSpec.Cell.LSTM, 4, "cube"), new DenseSpec(1, "sigmoid", null));
        assertTrue(problem(cell).startsWith("model.layers[1].activation: unknown activation 'cube'"), problem(cell));
        // through YAML the spec validator already names the allowed values
        SpecException e = assertThrows(SpecException.class,
                () -> layers(null, EMBEDDING, "- dense: {units: 1, activation: leaky}"));
        assertTrue(e.getMessage().startsWith("test.yaml: model.layers[1].activation: must be one of"), e.getMessage());
    }

    @Test
    void headAndLossMustAgree() {
        assertEquals("model.layers[2]: softmax over 1 unit always outputs 1.0; use units: 1 with activation: sigmoid "
                        + "for two classes, or units: <number of classes> with softmax",
                problem(layers(null, EMBEDDING, "- lstm: {units: 8}", "- dense: {units: 1, activation: softmax}")));
        assertEquals("model.loss: binary_crossentropy needs a last layer of 1 unit with activation: sigmoid, but "
                        + "model.layers[2] has units: 3, activation: softmax",
                problem(layers("binary_crossentropy", EMBEDDING, "- lstm: {units: 8}",
                        "- dense: {units: 3, activation: softmax}")));
        assertEquals("model.loss: categorical_crossentropy needs activation: softmax on the last layer, but "
                        + "model.layers[2] has activation: sigmoid (for two classes use binary_crossentropy)",
                problem(layers("categorical_crossentropy", EMBEDDING, "- lstm: {units: 8}", SIGMOID)));
        assertEquals("model.layers[2]: a sigmoid head with 3 units is multi-label classification, which seqtrain does "
                        + "not train; use units: 1 (binary) or activation: softmax (multi-class)",
                problem(layers(null, EMBEDDING, "- lstm: {units: 8}", "- dense: {units: 3, activation: sigmoid}")));
        assertEquals("model.loss: cannot infer the loss from a relu head (model.layers[2]); set model.loss: "
                        + "binary_crossentropy (1 sigmoid unit), categorical_crossentropy (softmax) or mse/mae "
                        + "(regression)",
                problem(layers(null, EMBEDDING, "- lstm: {units: 8}", "- dense: {units: 1, activation: relu}")));
        assertEquals("model.layers[2].units: regression predicts one value per sequence: set units: 1, got 2",
                problem(layers("mse", EMBEDDING, "- lstm: {units: 8}", "- dense: {units: 2}")));
        assertEquals("model.loss: mae is a regression loss, but model.layers[2] has activation: softmax; use "
                        + "categorical_crossentropy for classes",
                problem(layers("mae", EMBEDDING, "- lstm: {units: 8}", "- dense: {units: 4, activation: softmax}")));
    }

    @Test
    void lossIsInferredFromTheHead() {
        assertEquals(ModelSpec.Loss.BINARY_CROSSENTROPY, plan(null, SIGMOID).loss());
        assertEquals(ModelSpec.Loss.CATEGORICAL_CROSSENTROPY, plan(null, "- dense: {units: 4, activation: softmax}").loss());
        assertEquals(ModelSpec.Loss.MSE, plan(null, "- dense: {units: 1}").loss());
        assertEquals(Task.REGRESSION, plan("mae", "- dense: {units: 1, activation: relu}").task());
        assertEquals(Task.MULTICLASS, plan("sparse_categorical_crossentropy",
                "- dense: {units: 4, activation: softmax}").task());
    }

    @Test
    void regressionHeadOnASequence() {
        assertEquals("model.layers[2]: dense fed a sequence (None, None, 8) cannot be the head of a regression model; "
                        + "set return_sequences: false on model.layers[1] or add global_average_pooling1d",
                problem(layers("mse", EMBEDDING, "- simple_rnn: {units: 8, return_sequences: true}", "- dense: {units: 1}")));
        assertEquals("model.layers[1]: dense fed a sequence (None, None, 64) cannot be the head of a binary/multi-class "
                        + "model; add global_average_pooling1d (or a recurrent layer with return_sequences: false) before it",
                problem(layers(null, EMBEDDING, SIGMOID)));
    }

    @Test
    void layerOrderAndInput() {
        assertEquals("model.layers[2]: the last layer must be dense (the output layer), got lstm; add e.g. "
                + "'- dense: {units: 1, activation: sigmoid}'", problem(layers(null, EMBEDDING,
                "- lstm: {units: 8, return_sequences: true}", "- lstm: {units: 8}")));
        assertEquals("model.layers[1]: embedding must be the first layer (it reads the token ids)",
                problem(TestSpecs.model("""
                          input: {features: 3}
                          layers:
                            - lstm: {units: 4, return_sequences: true}
                            - embedding: {output_dim: 4}
                            - dense: {units: 1, activation: sigmoid}
                        """)));
        assertTrue(problem(layers(null, "- lstm: {units: 4}", SIGMOID)).startsWith(
                "model.input: required when model.layers[0] is not an embedding"));
        assertTrue(problem(TestSpecs.model("""
                  input: {timesteps: 5, features: 3}
                  layers:
                    - embedding: {output_dim: 4}
                    - lstm: {units: 4}
                    - dense: {units: 1, activation: sigmoid}
                """)).startsWith("model.input: numeric input and an embedding exclude each other"));
    }

    @Test
    void whatDl4jCannotDo() {
        assertEquals("model.layers[1].use_bias: false needs implementation: engine (DL4J's LSTM always has a bias)",
                problem(layers(null, EMBEDDING, "- lstm: {units: 8, use_bias: false, implementation: dl4j}", SIGMOID)));
        assertEquals("model.layers[1].layer.recurrent_dropout: needs implementation: engine (DL4J's LSTM has no "
                        + "recurrent dropout)",
                problem(layers(null, EMBEDDING, "- bidirectional: {layer: {lstm: {units: 8, recurrent_dropout: 0.2, "
                        + "implementation: dl4j}}}", SIGMOID)));
        assertEquals("model.layers[1].implementation: dl4j has no GRU with Keras' semantics; leave implementation out "
                        + "(engine) for a gru",
                problem(layers(null, EMBEDDING, "- gru: {units: 8, implementation: dl4j}", SIGMOID)));
        // the engine computes both
        assertEquals(Optional.empty(), ArchitectureCheck.check(layers(null, EMBEDDING,
                "- bidirectional: {layer: {lstm: {units: 8, recurrent_dropout: 0.2, use_bias: false}}}", SIGMOID)));
        assertEquals("model.optimizer: set clipnorm or clipvalue, not both (DL4J applies one gradient clipping rule)",
                problem(TestSpecs.model("""
                          layers:
                            - embedding: {output_dim: 4}
                            - lstm: {units: 4}
                            - dense: {units: 1, activation: sigmoid}
                          optimizer: {name: adam, clipnorm: 1.0, clipvalue: 0.5}
                        """)));
    }

    @Test
    void gruIsCheckedAndBuilt() {
        assertEquals(Optional.empty(), ArchitectureCheck.check(layers(null, EMBEDDING, "- gru: {units: 8}", SIGMOID)));
        assertEquals(Optional.empty(), ArchitectureCheck.check(
                layers(null, EMBEDDING, "- bidirectional: {layer: {gru: {units: 8}}}", SIGMOID)));
        // its shapes are checked like any recurrent layer's
        assertTrue(problem(layers(null, EMBEDDING, "- gru: {units: 8}", "- gru: {units: 8}", SIGMOID))
                .startsWith("model.layers[2]: gru needs a sequence input"));
    }

    @Test
    void dataDependentChecks() {
        ModelSpec softmax3 = layers(null, EMBEDDING, "- lstm: {units: 8}", "- dense: {units: 3, activation: softmax}");
        assertEquals("model.layers[2].units: the data has 4 classes but the softmax has 3 units; set units: 4",
                assertThrows(SpecException.class, () -> ModelPlan.of(softmax3, new ModelInput(100, 20, 4))).getMessage());
        ModelSpec binary = layers(null, EMBEDDING, "- lstm: {units: 8}", SIGMOID);
        assertEquals("model.layers[2]: the data has 5 classes but the last layer is binary (1 sigmoid unit); use "
                        + "units: 5, activation: softmax",
                assertThrows(SpecException.class, () -> ModelPlan.of(binary, new ModelInput(100, 20, 5))).getMessage());
        ModelSpec small = layers(null, "- embedding: {input_dim: 50, output_dim: 4}", "- lstm: {units: 8}", SIGMOID);
        assertEquals("model.layers[0].input_dim: 50 is smaller than the vocabulary (80 ids): token ids would fall "
                        + "outside the embedding; raise input_dim, lower text.num_words or leave input_dim out",
                assertThrows(SpecException.class, () -> ModelPlan.of(small, new ModelInput(80, 20, 2))).getMessage());
    }

    @Test
    void theSeedAndDemoSpecsPass() {
        assertEquals(Optional.empty(), ArchitectureCheck.check(layers(null, EMBEDDING,
                "- bidirectional: {layer: {lstm: {units: 8, return_sequences: true}}, merge_mode: mul}",
                "- dropout: {rate: 0.2}", "- dense: {units: 8, activation: relu}", "- global_max_pooling1d:",
                "- dense: {units: 3, activation: softmax}")));
    }

    // -----------------------------------------------------------------------------------------------------------

    private static String problem(ModelSpec spec) {
        return ArchitectureCheck.check(spec).orElseThrow(() -> new AssertionError("expected a problem"));
    }

    private static ModelPlan plan(String loss, String head) {
        return ModelPlan.of(layers(loss, EMBEDDING, "- lstm: {units: 8}", head), new ModelInput(100, 20, 0));
    }

    private static ModelSpec model(LayerSpec... layers) {
        return new ModelSpec(null, List.of(layers), null, null, null);
    }

    private static RecurrentSpec recurrent(RecurrentSpec.Cell cell, int units, String activation) {
        return new RecurrentSpec(cell, units, activation, null, null, null, null, null, null, null, null, null, null);
    }
}
