package dev.seqtrain.job;

import dev.seqtrain.errors.SpecException;
import dev.seqtrain.model.ModelPlan;
import dev.seqtrain.model.Task;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The sequence to sequence keys: data.source_column/target_column, text.source/target, model.encoder/decoder/attention. */
class Seq2SeqSpecTest {

    static final String S2S = """
            name: g2p
            data: {format: tsv, train: /data/train.tsv, source_column: word, target_column: phonemes}
            text:
              source: {char_level: true}
              target: {split: ' ', filters: '', lower: false, maxlen: 20}
            model:
              encoder:
                layers:
                  - embedding: {output_dim: 16}
                  - lstm: {units: 32, bidirectional: true}
              decoder:
                layers:
                  - embedding: {output_dim: 16}
                  - lstm: {units: 64}
              attention: {type: luong}
            output: {dir: /tmp/g2p}
            """;

    private static JobSpec parse(String yaml, String... overrides) {
        return JobSpecLoader.parse("x.yaml", yaml, List.of(overrides));
    }

    private static String error(String yaml, String... overrides) {
        return assertThrows(SpecException.class, () -> parse(yaml, overrides)).getMessage();
    }

    @Test
    void readsThePairKeysAndRecognisesTheTaskOnce() {
        JobSpec s = parse(S2S);
        assertEquals("word", s.data().pairColumns().textColumn());
        assertEquals("phonemes", s.data().pairColumns().labelColumn());
        assertTrue(s.text().resolvedSource().charLevel());
        assertEquals(20, s.text().target().maxlen());
        assertEquals(AttentionSpec.Type.LUONG, s.model().attention().type());
        assertEquals(AttentionSpec.Type.BAHDANAU,
                parse(S2S, "model.attention.type=bahdanau").model().attention().type());
        assertEquals(Task.SEQ2SEQ, ModelPlan.taskOf(s.model()));
        // job.yaml reads back the same
        assertEquals(s, JobSpecLoader.parse("job.yaml", JobSpecLoader.toYaml(s), List.of()));
        // default pair columns
        assertEquals("source", parse(S2S, "data.source_column=", "data.target_column=").data().pairColumns().textColumn());
    }

    @Test
    void eachMistakeNamesItsKey() {
        assertTrue(error(S2S, "text.target.maxlen=").contains("text.target.maxlen: required"));
        assertTrue(error(S2S, "text.target.maxlen=1").contains("text.target.maxlen: must be >= 2"));
        assertTrue(error(S2S, "model.attention.type=dot").contains("model.attention.type"));
        assertTrue(error(S2S, "model.decoder=").contains("model.decoder: required"));
        assertTrue(error(S2S, "data.format=conll").contains("data.format: sequence to sequence reads pairs"));
        assertTrue(error(S2S, "data.target_column=word").contains("data.target_column: 'word' is also"));
        assertTrue(error(S2S, "model.layers=[{dense: {units: 3}}]").contains("model.layers: not used with"));
        assertTrue(error(S2S, "model.loss=mse").contains("model.loss: sequence to sequence is trained with"));
        assertTrue(error(S2S, "text.target.source={lower: false}").contains("text.target: holds tokenizer keys only"));
    }

    @Test
    void pairKeysWithoutAnEncoderAreRefused() {
        String text = NumericInputSpecTest.TEXT;
        assertTrue(error(text, "text.target={maxlen: 5}").contains("text.target: only for sequence to sequence"));
        assertTrue(error(text, "data.source_column=w").contains("data.source_column: only for sequence to sequence"));
    }
}
