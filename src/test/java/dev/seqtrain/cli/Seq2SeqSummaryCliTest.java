package dev.seqtrain.cli;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code seqtrain summary} of an encoder-decoder job: Keras' functional table, without data or Spark. */
class Seq2SeqSummaryCliTest {
    private static final String[] MODEL = {
        "--set", "model.encoder.layers=[{embedding: {output_dim: 16}}, {gru: {units: 32, bidirectional: true}}]",
        "--set", "model.decoder.layers=[{embedding: {output_dim: 16}}, {gru: {units: 64}}]",
        "--set", "model.attention={type: luong}", "--set", "text.source.maxlen=5", "--set", "text.target.maxlen=5"};

    private static CliRunner.Result summary(String... sets) {
        String[] args = new String[2 + MODEL.length + sets.length];
        args[0] = "summary";
        args[1] = "spark-jobs/demo-seq2seq.yaml";
        System.arraycopy(MODEL, 0, args, 2, MODEL.length);
        System.arraycopy(sets, 0, args, 2 + MODEL.length, sets.length);
        return CliRunner.run(args);
    }

    @Test
    void printsTheFunctionalTableWithVocabulariesFromTheSpec() {
        // 31 source ids, 11 target words (13 decoder ids with start and end): Seq2SeqSummaryTest's 39,116 parameters
        CliRunner.Result r = summary("--set", "text.source.num_words=31", "--set", "text.target.num_words=11");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("Connected to"), r.out());
        assertTrue(r.out().contains(" decoder_1 (GRU)                (None, 5, 64)        15744       "
                + "['decoder_embedding[0][0]',"), r.out());
        assertTrue(r.out().contains("Total params: 39,116"), r.out());
        // the decoder embedding's input_dim counts the start and end tokens
        CliRunner.Result d = summary("--set", "text.source.num_words=31",
                "--set", "model.decoder.layers[0].input_dim=13");
        assertEquals(0, d.exitCode(), d.err());
        assertTrue(d.out().contains("Total params: 39,116"), d.out());
    }

    @Test
    void namesTheMissingVocabularySize() {
        CliRunner.Result r = summary("--set", "text.source.num_words=31");
        assertEquals(2, r.exitCode(), r.out());
        assertTrue(r.err().contains("summary needs the target vocabulary size: set text.target.num_words or "
                + "model.decoder.layers[0].input_dim"), r.err());
    }
}
