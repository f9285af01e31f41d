package dev.seqtrain.job;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The task kind is decided once from a spec, and derived once for directories written before it was stored. */
class TaskKindTest {

    private static JobSpec spec(String data, String model) {
        // an encoder-decoder needs its target tokenizer
        String text = model.contains("encoder") ? "text: {target: {maxlen: 5}}\n" : "";
        return JobSpecLoader.parse("kind.yaml", "data: " + data + "\n" + text + "model:\n" + model.indent(2)
                + "output: {dir: /tmp/kind}\n", List.of());
    }

    private static final String TEXT_MODEL = """
              layers: [{embedding: {output_dim: 4}}, {lstm: {units: 4}}, {dense: {units: 1, activation: sigmoid}}]""";
    private static final String TAGGER = """
              layers: [{embedding: {output_dim: 4}}, {lstm: {units: 4, return_sequences: true}},
                       {dense: {units: 3, activation: softmax}}]""";
    private static final String NUMERIC_MODEL = """
              input: {timesteps: 4, features: 2}
              layers: [{lstm: {units: 4}}, {dense: {units: 1}}]""";
    private static final String PAIRS_MODEL = """
              encoder: {layers: [{embedding: {output_dim: 4}}, {gru: {units: 4}}]}
              decoder: {layers: [{embedding: {output_dim: 4}}, {gru: {units: 4}}]}""";

    @Test
    void aSpecHasOneKind() {
        assertEquals(TaskKind.TEXT_CLASSIFICATION, TaskKind.of(spec("{format: demo}", TEXT_MODEL)));
        assertEquals(TaskKind.TEXT_CLASSIFICATION, TaskKind.of(spec("{format: csv, train: [a.csv]}", TEXT_MODEL)));
        assertEquals(TaskKind.TAGGING, TaskKind.of(spec("{format: conll, train: [a.conll]}", TAGGER)));
        assertEquals(TaskKind.NUMERIC, TaskKind.of(spec("{format: csv, train: [a.csv], features_column: f}", NUMERIC_MODEL)));
        assertEquals(TaskKind.SEQ2SEQ, TaskKind.of(spec(
                "{format: tsv, train: [a.tsv], source_column: a, target_column: b}", PAIRS_MODEL)));
    }

    @Test
    void olderPreparedDataGetsItsKindFromItsInputAndLabels() {
        assertEquals(TaskKind.TEXT_CLASSIFICATION, TaskKind.ofOlderPrepared("tokens", "label"));
        assertEquals(TaskKind.TAGGING, TaskKind.ofOlderPrepared("tokens", "tag"));
        assertEquals(TaskKind.NUMERIC, TaskKind.ofOlderPrepared("numeric", "label"));
        assertEquals(TaskKind.NUMERIC, TaskKind.ofOlderPrepared("numeric", "target"));
        assertEquals(TaskKind.SEQ2SEQ, TaskKind.ofOlderPrepared("pairs", "pairs"));
    }

    @Test
    void olderModelDirectoriesGetTheirKindFromJobYamlAndLabels() {
        assertEquals(TaskKind.TEXT_CLASSIFICATION, TaskKind.ofOlderModel(spec("{format: demo}", TEXT_MODEL), "label"));
        // a tagger's job.yaml may name any format at predict time: its tags say what it is
        assertEquals(TaskKind.TAGGING, TaskKind.ofOlderModel(spec("{format: demo}", TAGGER), "tag"));
        assertEquals(TaskKind.NUMERIC, TaskKind.ofOlderModel(spec("{format: demo}", NUMERIC_MODEL), "target"));
        assertEquals(TaskKind.SEQ2SEQ, TaskKind.ofOlderModel(spec("{format: demo}", PAIRS_MODEL), "pairs"));
    }

    @Test
    void aStoredKindIsReadBackAndAnUnknownOneNamed() {
        for (TaskKind k : TaskKind.values()) {
            assertEquals(k, TaskKind.stored(k.toString(), "x/prepared.json", () -> null));
        }
        assertEquals(TaskKind.TAGGING, TaskKind.stored(null, "x/prepared.json", () -> TaskKind.TAGGING));
        String message = assertThrows(IllegalArgumentException.class,
                () -> TaskKind.stored("translation", "x/prepared.json", () -> null)).getMessage();
        assertEquals("x/prepared.json: unknown task_kind 'translation', expected one of [text_classification, tagging, "
                + "numeric, seq2seq]", message);
    }

    @Test
    void onlyNumericSequencesComeWithoutATokenizer() {
        for (TaskKind k : TaskKind.values()) {
            assertEquals(k != TaskKind.NUMERIC, k.tokenInput(), k.toString());
        }
        assertTrue(TaskKind.SEQ2SEQ.tokenInput());
    }
}
