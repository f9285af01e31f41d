package dev.seqtrain.model;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.seqtrain.model.rnn.CellType;
import dev.seqtrain.model.seq2seq.Seq2SeqAttention;
import dev.seqtrain.model.seq2seq.Seq2SeqShape;
import dev.seqtrain.text.TargetSequences;
import org.junit.jupiter.api.Test;

/** The encoder-decoder's summary counts the attention's parameters. */
class Seq2SeqPlanTest {

    @Test
    void summaryCountsBahdanauParameters() {
        Seq2SeqShape shape = new Seq2SeqShape(CellType.LSTM, 10, 4, 8, 3, 5, 1, null, Seq2SeqAttention.BAHDANAU);
        String summary = new Seq2SeqPlan(shape, 6, new TargetSequences(6, 5)).summary();
        // by hand: source embedding 10·4 = 40; encoder LSTM 4·5·(4 + 5) + 4·5 = 200; target embedding 8·3 = 24;
        // decoder LSTM 4·5·(3 + 5) + 4·5 = 180; W1 5·5, W2 5·5, b 5, v 5 = 60; Wc (5 + 5)·5 = 50; softmax 5·7 + 7 = 42
        assertTrue(summary.contains("(BahdanauAttention)"), summary);
        assertTrue(summary.contains("Total params: 596"), summary);
    }
}
