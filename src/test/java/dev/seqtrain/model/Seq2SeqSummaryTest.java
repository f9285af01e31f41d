package dev.seqtrain.model;

import dev.seqtrain.job.JobSpecLoader;
import dev.seqtrain.job.ModelSpec;
import dev.seqtrain.text.TargetSequences;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@code summary} of an encoder-decoder: the table tf.keras 2.9-2.12 print for the equivalent functional model,
 * written here by hand from Keras' rules, and Keras' parameter total equal to the network's own.
 */
class Seq2SeqSummaryTest {

    private static ModelSpec model(String encoder, String decoder, String attention) {
        String yaml = """
                name: s
                data: {format: tsv, train: /data/train.tsv}
                text: {target: {maxlen: 5}}
                model:
                  encoder: {layers: %s}
                  decoder: {layers: %s}
                %s
                output: {dir: /tmp/s}
                """.formatted(encoder, decoder, attention);
        return JobSpecLoader.parse("s.yaml", yaml, List.of()).model();
    }

    /**
     * The demo's network with attention: source ids 0..30 x 5 steps, 11 target words (13 decoder input ids with the
     * start and end tokens, 12 output classes), 5 target steps. The equivalent Keras model:
     * <pre>
     * s = Input((5,), name="encoder_input"); t = Input((5,), name="decoder_input")
     * e = Embedding(31, 16, mask_zero=True, name="encoder_embedding")(s)
     * out, fh, bh = Bidirectional(GRU(32, return_sequences=True, return_state=True), name="encoder_1")(e)
     * h = Concatenate(name="encoder_1_state")([fh, bh])
     * d = Embedding(13, 16, mask_zero=True, name="decoder_embedding")(t)
     * d = GRU(64, return_sequences=True, name="decoder_1")(d, initial_state=h)
     * a = LuongAttention(name="attention")([d, out])      # a custom layer: Wa (64, 64), Wc (128, 64)
     * Model([s, t], Dense(12, activation="softmax", name="output")(a)).summary()
     * </pre>
     * Counts: Embedding input_dim x output_dim: 31 x 16 = 496 and 13 x 16 = 208. GRU (reset_after=True, Keras 2's
     * default) 3 x (in x units + units x units + 2 x units): each direction of encoder_1 3 x (16x32 + 32x32 + 64) =
     * 4,800, both 9,600; decoder_1 3 x (16x64 + 64x64 + 128) = 15,744. Attention 64x64 + 128x64 = 12,288. Dense
     * 64 x 12 + 12 = 780. Concatenate and Input: 0. Total 39,116.
     * Row order (Functional._map_graph_network): by depth, the longest path to the output (encoder_input 6,
     * encoder_embedding 5, decoder_input and encoder_1 4, decoder_embedding and encoder_1_state 3, decoder_1 2,
     * attention 1, output 0), ties by first visit walking from the output through each call's inputs in order
     * (decoder_1 calls [decoder_embedding, encoder_1_state], so decoder_input is visited before encoder_1).
     * Columns at 32, 53, 65 of 98; a field is cut after "),", "'," to continue on the next row.
     */
    @Test
    void printsKerasFunctionalTableForTheDemoWithAttention() {
        ModelSpec spec = model("[{embedding: {output_dim: 16}}, {gru: {units: 32, bidirectional: true}}]",
                "[{embedding: {output_dim: 16}}, {gru: {units: 64}}]", "  attention: {type: luong}");
        ModelPlan plan = ModelPlan.ofPairs(spec, 31, 5, new TargetSequences(11, 5));
        String expected = """
                Model: "model"
                __________________________________________________________________________________________________
                 Layer (type)                   Output Shape         Param #     Connected to
                ==================================================================================================
                 encoder_input (InputLayer)     [(None, 5)]          0           []

                 encoder_embedding (Embedding)  (None, 5, 16)        496         ['encoder_input[0][0]']

                 decoder_input (InputLayer)     [(None, 5)]          0           []

                 encoder_1 (Bidirectional)      [(None, 5, 64),      9600        ['encoder_embedding[0][0]']
                                                 (None, 32),
                                                 (None, 32)]

                 decoder_embedding (Embedding)  (None, 5, 16)        208         ['decoder_input[0][0]']

                 encoder_1_state (Concatenate)  (None, 64)           0           ['encoder_1[0][1]',
                                                                                  'encoder_1[0][2]']

                 decoder_1 (GRU)                (None, 5, 64)        15744       ['decoder_embedding[0][0]',
                                                                                  'encoder_1_state[0][0]']

                 attention (LuongAttention)     (None, 5, 64)        12288       ['decoder_1[0][0]',
                                                                                  'encoder_1[0][0]']

                 output (Dense)                 (None, 5, 12)        780         ['attention[0][0]']

                ==================================================================================================
                Total params: 39,116
                Trainable params: 39,116
                Non-trainable params: 0
                __________________________________________________________________________________________________
                """;
        String actual = plan.summary();
        assertEquals(expected, Arrays.stream(actual.split("\n")).map(String::stripTrailing)
                .reduce("", (a, b) -> a + b + "\n"));
        // Keras pads every row of the table to the line length
        for (String line : actual.split("\n")) {
            if (line.startsWith(" ")) assertEquals(98, line.length(), "'" + line + "'");
        }
        assertEquals(39_116, plan.totalParams());
    }

    /**
     * The same network with Bahdanau's additive score, a custom layer in Keras too: W1 (64, 64) on the encoder's
     * outputs, W2 (64, 64) on the decoder's, one bias (64) and v (64), then the same Wc (128, 64): 4,096 + 4,096 +
     * 64 + 64 + 8,192 = 16,512 where Luong's had 12,288; total 39,116 - 12,288 + 16,512 = 43,340.
     */
    @Test
    void countsBahdanauAttentionAsItsWeights() {
        ModelSpec spec = model("[{embedding: {output_dim: 16}}, {gru: {units: 32, bidirectional: true}}]",
                "[{embedding: {output_dim: 16}}, {gru: {units: 64}}]", "  attention: {type: bahdanau}");
        ModelPlan plan = ModelPlan.ofPairs(spec, 31, 5, new TargetSequences(11, 5));
        String summary = plan.summary();
        assertEquals(" attention (BahdanauAttention)  (None, 5, 64)        16512       ['decoder_1[0][0]',",
                line(summary, " attention "));
        assertEquals("Total params: 43,340", line(summary, "Total"));
        assertEquals(43_340, plan.totalParams());
    }

    /**
     * Two bidirectional LSTM layers merged by sum, no attention: source ids 0..19, 6 target words (8 decoder input
     * ids, 7 classes). Equivalent Keras: encoder_1 = Bidirectional(LSTM(4, return_sequences=True,
     * return_state=True), merge_mode="sum") and encoder_2 the same without return_sequences (nothing reads its
     * outputs), their (h, c) halves joined by Add layers encoder_l_h and encoder_l_c, decoder_l = LSTM(4,
     * return_sequences=True)(x, initial_state=[encoder_l_h, encoder_l_c]), output Dense(7, softmax).
     * Counts: LSTM 4 x (in x units + units x units + units): encoder_1 2 x 4 x (8x4 + 16 + 4) = 416, encoder_2
     * 2 x 4 x (4x4 + 16 + 4) = 288, decoder_1 208, decoder_2 144; embeddings 20 x 8 = 160, 8 x 8 = 64; Dense
     * 4 x 7 + 7 = 35: 1,315. Depths: encoder_input 6, encoder_embedding 5, decoder_input and encoder_1 4,
     * decoder_embedding, encoder_1_h, encoder_1_c and encoder_2 3, decoder_1, encoder_2_h, encoder_2_c 2, decoder_2
     * 1, output 0; visits from the output: decoder_2, decoder_1, decoder_embedding, decoder_input, encoder_1_h,
     * encoder_1, encoder_embedding, encoder_input, encoder_1_c, encoder_2_h, encoder_2, encoder_2_c.
     */
    @Test
    void ordersStackedLstmStatesAsKerasDoes() {
        ModelSpec spec = model("[{embedding: {output_dim: 8}}, {lstm: {units: 4, bidirectional: true, merge_mode: sum}},"
                        + " {lstm: {units: 4, bidirectional: true, merge_mode: sum}}]",
                "[{embedding: {output_dim: 8}}, {lstm: {units: 4}}, {lstm: {units: 4}}]", "");
        ModelPlan plan = ModelPlan.ofPairs(spec, 20, 6, new TargetSequences(6, 4));
        String summary = plan.summary();
        List<String> names = Arrays.stream(summary.split("\n")).filter(l -> l.matches(" [a-z_0-9]+ \\(.*"))
                .map(l -> l.substring(1, l.indexOf(' ', 1))).toList();
        assertEquals(List.of("encoder_input", "encoder_embedding", "decoder_input", "encoder_1", "decoder_embedding",
                "encoder_1_h", "encoder_1_c", "encoder_2", "decoder_1", "encoder_2_h", "encoder_2_c", "decoder_2",
                "output"), names);
        assertEquals(1_315, plan.totalParams());
        assertEquals(" encoder_2 (Bidirectional)      [(None, 4),          288         ['encoder_1[0][0]']",
                line(summary, " encoder_2 "));
        assertEquals(" encoder_1_c (Add)              (None, 4)            0           ['encoder_1[0][2]',",
                line(summary, " encoder_1_c "));
        assertEquals(" decoder_2 (LSTM)               (None, 4, 4)         144         ['decoder_1[0][0]',",
                line(summary, " decoder_2 "));
        assertEquals("Total params: 1,315", line(summary, "Total"));
    }

    private static String line(String summary, String start) {
        return Arrays.stream(summary.split("\n")).filter(l -> l.startsWith(start)).findFirst().orElseThrow()
                .stripTrailing();
    }
}
