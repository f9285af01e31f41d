package dev.seqtrain.model.seq2seq;

import dev.seqtrain.errors.SpecException;
import dev.seqtrain.job.JobSpecLoader;
import dev.seqtrain.job.ModelSpec;
import dev.seqtrain.model.rnn.CellType;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** model.encoder / model.decoder / model.attention onto a Seq2SeqShape, and the violations named by key. */
class Seq2SeqPlannerTest {

    static final String SPEC = """
            name: s
            data: {format: tsv, train: /data/train.tsv}
            text: {target: {maxlen: 12}}
            model:
              encoder:
                layers:
                  - embedding: {output_dim: 16}
                  - gru: {units: 24, bidirectional: true}
                  - gru: {units: 24, bidirectional: true}
              decoder:
                layers:
                  - embedding: {output_dim: 8}
                  - gru: {units: 48}
                  - gru: {units: 48}
            output: {dir: /tmp/s}
            """;

    private static ModelSpec model(String... overrides) {
        return JobSpecLoader.parse("x.yaml", SPEC, List.of(overrides)).model();
    }

    private static String error(String... overrides) {
        return assertThrows(SpecException.class, () -> Seq2SeqPlanner.shape(model(overrides), 40, 30)).getMessage();
    }

    @Test
    void mapsTheSpecOntoTheShape() {
        Seq2SeqShape shape = Seq2SeqPlanner.shape(model(), 40, 30);
        assertEquals(new Seq2SeqShape(CellType.GRU, 40, 16, 30, 8, 24, 2, StateMerge.CONCAT, false), shape);
        assertEquals(48, shape.decoderUnits());
        Seq2SeqShape summed = Seq2SeqPlanner.shape(model(
                "model.encoder.layers=[{embedding: {output_dim: 16}}, {lstm: {units: 24, bidirectional: true, merge_mode: sum}}]",
                "model.decoder.layers=[{embedding: {output_dim: 8}}, {lstm: {units: 24}}]",
                "model.attention={type: luong}"), 40, 30);
        assertEquals(new Seq2SeqShape(CellType.LSTM, 40, 16, 30, 8, 24, 1, StateMerge.SUM, true), summed);
        Seq2SeqShape additive = Seq2SeqPlanner.shape(model("model.attention={type: bahdanau}"), 40, 30);
        assertEquals(Seq2SeqAttention.BAHDANAU, additive.attention());
    }

    @Test
    void theCheckBeforeSparkStartsPlansTheEncoderDecoder() {
        // what the CLI runs on every spec before Spark starts (it would refuse an empty model.layers)
        assertEquals(java.util.Optional.empty(), dev.seqtrain.model.ArchitectureCheck.check(model()));
        assertTrue(dev.seqtrain.model.ArchitectureCheck.check(model("model.decoder.layers[2].units=24")).orElseThrow()
                .startsWith("model.decoder.layers[2].units: the decoder starts from the encoder's final state"));
    }

    @Test
    void refusesWhatTheEncoderDecoderCannotBuild() {
        assertTrue(error("model.decoder.layers=[{embedding: {output_dim: 8}}, {gru: {units: 48}}]")
                .startsWith("model.decoder.layers: 1 recurrent layer(s), but the encoder has 2"));
        assertTrue(error("model.decoder.layers=[{embedding: {output_dim: 8}}, {gru: {units: 24}}, {gru: {units: 48}}]")
                .startsWith("model.decoder.layers[1].units: the decoder starts from the encoder's final state, 48 wide"));
        assertTrue(error("model.decoder.layers=[{embedding: {output_dim: 8}}, {lstm: {units: 48}}, {gru: {units: 48}}]")
                .startsWith("model.decoder.layers[1]: every layer of encoder and decoder is the same cell (gru"));
        assertTrue(error("model.encoder.layers=[{gru: {units: 24}}, {gru: {units: 24}}, {gru: {units: 24}}]")
                .startsWith("model.encoder.layers[0]: must be an embedding"));
        assertTrue(error("model.encoder.layers[0]={embedding: {output_dim: 16, input_dim: 41}}")
                .startsWith("model.encoder.layers[0].input_dim: the source tokenizer has 40 ids, got 41"));
        assertTrue(error("model.encoder.layers[2]={gru: {units: 24}}")
                .startsWith("model.encoder.layers[2]: every encoder layer is bidirectional"));
        assertTrue(error("model.encoder.layers[2]={gru: {units: 24, bidirectional: true, merge_mode: ave}}")
                .startsWith("model.encoder.layers[2].merge_mode: the decoder starts from the joined"));
        assertTrue(error("model.decoder.layers[2]={gru: {units: 48, dropout: 0.2}}")
                .startsWith("model.decoder.layers[2]: the encoder-decoder builds Keras' default cells only"));
        assertTrue(error("model.decoder.layers[2]={gru: {units: 24, bidirectional: true}}")
                .startsWith("model.decoder.layers[2]: the decoder writes left to right"));
    }
}
