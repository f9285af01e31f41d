package dev.seqtrain;

import dev.seqtrain.job.SequenceEnd;
import dev.seqtrain.job.IfExists;
import dev.seqtrain.errors.SpecException;
import dev.seqtrain.job.DenseSpec;
import dev.seqtrain.job.EmbeddingSpec;
import dev.seqtrain.job.JobSpec;
import dev.seqtrain.job.JobSpecLoader;
import dev.seqtrain.job.PoolingSpec;
import dev.seqtrain.job.RecurrentSpec;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JobSpecLoaderTest {

    static final String SPEC = """
            name: t
            data: {format: tsv, train: /data/train.tsv}
            text: {num_words: 1000, oov_token: "<OOV>", maxlen: 20}
            model:
              layers:
                - embedding: {output_dim: 16, mask_zero: true}
                - lstm: {units: 8, return_sequences: true}
                - gru: {units: 4}
                - dense: {units: 1, activation: sigmoid}
              loss: binary_crossentropy
            training: {epochs: 2}
            output: {dir: /tmp/x}
            """;

    private static String error(String yaml, String... overrides) {
        return assertThrows(SpecException.class, () -> JobSpecLoader.parse("x.yaml", yaml, List.of(overrides))).getMessage();
    }

    @Test
    void readsLayersWithKerasNamesAndDefaults() {
        JobSpec s = JobSpecLoader.parse("x.yaml", SPEC, List.of());
        assertEquals(4, s.model().layers().size());
        EmbeddingSpec e = assertInstanceOf(EmbeddingSpec.class, s.model().layers().get(0));
        assertTrue(e.maskZero());
        RecurrentSpec lstm = assertInstanceOf(RecurrentSpec.class, s.model().layers().get(1));
        assertEquals(RecurrentSpec.Cell.LSTM, lstm.cell());
        assertTrue(lstm.returnSequences());
        RecurrentSpec gru = assertInstanceOf(RecurrentSpec.class, s.model().layers().get(2));
        assertEquals(RecurrentSpec.Cell.GRU, gru.cell());
        assertTrue(gru.resetAfter(), "Keras' default GRU is reset_after=True");
        assertEquals("sigmoid", assertInstanceOf(DenseSpec.class, s.model().layers().get(3)).activation());
        assertEquals(List.of("/data/train.tsv"), s.data().train());
        assertEquals(0.2, s.data().validationSplit());
        assertEquals(SequenceEnd.PRE, s.text().padding());
        assertEquals(32, s.training().batchSizePerWorker());
        assertEquals(IfExists.FAIL, s.output().ifExists());
        assertEquals("/tmp/x.prepared", s.output().resolvedPreparedDir());
    }

    @Test
    void setOverridesAnyKeyIncludingInsideLayers() {
        JobSpec s = JobSpecLoader.parse("x.yaml", SPEC, List.of("training.epochs=7", "model.layers[1].units=32",
                "output.dir=hdfs://nn:8020/models/a", "data.train=[a.tsv, b.tsv]", "text.oov_token="));
        assertEquals(7, s.training().epochs());
        assertEquals(32, ((RecurrentSpec) s.model().layers().get(1)).units());
        assertEquals("hdfs://nn:8020/models/a", s.output().dir());
        assertEquals(List.of("a.tsv", "b.tsv"), s.data().train());
        assertEquals(null, s.text().oovToken());
    }

    @Test
    void badValueNamesFileAndKeyPath() {
        assertEquals("x.yaml: model.layers[1].units: must be > 0, got -3", error(SPEC, "model.layers[1].units=-3"));
        assertEquals("x.yaml: text.padding: must be one of pre, post, got 'middle'", error(SPEC, "text.padding=middle"));
        assertEquals("x.yaml: training.epochs: must be > 0, got 0", error(SPEC, "training.epochs=0"));
    }

    static final String TAGGER = """
            name: tagger
            data: {format: conll, train: /data/train.conll}
            text: {oov_token: "<OOV>", maxlen: 60}
            model:
              layers:
                - embedding: {output_dim: 16, mask_zero: true}
                - lstm: {units: 8, return_sequences: true}
                - gru: {units: 8, return_sequences: true}
                - dense: {units: 5, activation: softmax}
            training: {tbptt_length: 20}
            output: {dir: /tmp/x}
            """;

    @Test
    void tbpttLengthIsForTaggersOnUnidirectionalLayers() {
        assertEquals(20, JobSpecLoader.parse("x.yaml", TAGGER, List.of()).training().tbpttLength());
        assertEquals("x.yaml: training.tbptt_length: must be > 0, got 0", error(TAGGER, "training.tbptt_length=0"));
        String perSequence = error(SPEC, "training.tbptt_length=20");
        assertTrue(perSequence.startsWith("x.yaml: training.tbptt_length: truncated BPTT needs a label per time step "
                + "(a tagger: data.format conll, return_sequences: true up to the dense head), but model.layers[2] "
                + "(gru) turns each sequence into one vector, so there is one label per sequence"), perSequence);
        assertTrue(perSequence.endsWith("remove training.tbptt_length"), perSequence);
        String pooled = error(SPEC, "training.tbptt_length=20", "model.layers[2]={global_average_pooling1d: {}}");
        assertTrue(pooled.contains("model.layers[2] (global_average_pooling1d) turns each sequence"), pooled);
        // predict may read a tagger's raw text as tsv: the model, not data.format, decides
        assertEquals(20, JobSpecLoader.parse("x.yaml", TAGGER, List.of("data.format=tsv")).training().tbpttLength());
        String wrapper = error(TAGGER, "model.layers[1]={bidirectional: {layer: {lstm: {units: 8, return_sequences: true}}}}");
        assertTrue(wrapper.startsWith("x.yaml: training.tbptt_length: model.layers[1] is bidirectional"), wrapper);
        assertTrue(wrapper.contains("use a unidirectional layer or remove training.tbptt_length"), wrapper);
        String shorthand = error(TAGGER, "model.layers[2].bidirectional=true");
        assertTrue(shorthand.startsWith("x.yaml: training.tbptt_length: model.layers[2] is bidirectional"), shorthand);
    }

    @Test
    void unknownKeyIsNamedWithItsPath() {
        String msg = error(SPEC.replace("units: 8,", "unitz: 8,"));
        assertTrue(msg.startsWith("x.yaml: model.layers[1].unitz: unknown key; allowed: "), msg);
        assertTrue(msg.contains("units"), msg);
        assertTrue(!msg.contains("cell"), "internal record components are not offered as keys: " + msg);
        assertTrue(error(SPEC, "training.epoch=3").startsWith("x.yaml: training.epoch: unknown key"));
    }

    @Test
    void wrongTypeIsNamed() {
        assertEquals("x.yaml: training.epochs: expected an integer, got 'many'", error(SPEC, "training.epochs=many"));
    }

    @Test
    void unknownLayerTypeListsTheKnownOnes() {
        String msg = error(SPEC.replace("- gru:", "- grux:"));
        assertTrue(msg.startsWith("x.yaml: model.layers[2]: unknown layer type 'grux'"), msg);
        assertTrue(msg.contains("simple_rnn"), msg);
    }

    @Test
    void missingRequiredKeys() {
        assertEquals("x.yaml: output.dir: required: where the model directory goes (e.g. --set output.dir=/tmp/model)",
                error(SPEC, "output.dir="));
        assertEquals(java.util.Optional.of("data.train: required for format tsv: one path or a list of paths"),
                dev.seqtrain.job.JobSpecValidator.requireTrainingData(JobSpecLoader.parse("x.yaml", SPEC, List.of("data.train="))));
        assertTrue(error(SPEC, "data.format=xml").startsWith("x.yaml: data.format: must be one of demo, text-tree"));
    }

    @Test
    void badYamlAndBadSetSyntax() {
        assertTrue(error("name: [unclosed").startsWith("x.yaml (line"));
        assertEquals("x.yaml: --set training.epochs: expected key.path=value", error(SPEC, "training.epochs"));
        assertEquals("x.yaml: --set model.layers[9].units: index [9] is out of range", error(SPEC, "model.layers[9].units=3"));
    }

    @Test
    void poolingAndBidirectionalShorthand() {
        JobSpec s = JobSpecLoader.parse("x.yaml", """
                model:
                  layers:
                    - embedding: {output_dim: 8}
                    - lstm: {units: 4, bidirectional: true, merge_mode: sum, return_sequences: true}
                    - global_max_pooling1d: {}
                    - dense: {units: 3, activation: softmax}
                output: {dir: /tmp/y}
                """, List.of());
        assertEquals(PoolingSpec.Kind.MAX, assertInstanceOf(PoolingSpec.class, s.model().layers().get(2)).kind());
        assertEquals("sum", ((RecurrentSpec) s.model().layers().get(1)).mergeMode());
    }

    @Test
    void resolvedSpecRoundTripsThroughJobYaml() {
        JobSpec s = JobSpecLoader.parse("x.yaml", SPEC, List.of());
        JobSpec again = JobSpecLoader.parse("job.yaml", JobSpecLoader.toYaml(s), List.of());
        assertEquals(s, again);
    }

    @Test
    void missingFileIsOneLine(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path f = dir.resolve("nope.yaml");
        assertEquals(f + ": no such job spec file",
                assertThrows(SpecException.class, () -> JobSpecLoader.load(f, List.of())).getMessage());
        Files.writeString(f, SPEC);
        assertEquals("t", JobSpecLoader.load(f, List.of()).name());
    }
}
