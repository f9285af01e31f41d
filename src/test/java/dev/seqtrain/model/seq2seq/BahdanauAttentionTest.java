package dev.seqtrain.model.seq2seq;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Bahdanau (additive) attention against values computed by hand (Python's math module on the formulas below, not
 * seqtrain's code) on a tiny case: two examples with the same memory h_0 = [1, 0], h_1 = [0, 1], h_2 = [5, 5] and the
 * same decoder state s = [1, -1]; example 0 has h_2 masked as padding, example 1 has none. W1 = I, W2 = 0.5 I,
 * b = [0, 0.1], v = [1, 2], Wc = [[1, 0], [0, 1], [0.5, 0], [0, -0.5]].
 * <pre>
 * score_j = v · tanh(h_j W1 + s W2 + b):  tanh(1.5) + 2 tanh(-0.4),  tanh(0.5) + 2 tanh(0.6),  tanh(5.5) + 2 tanh(4.6)
 * a = softmax over the real steps; c = Σ a_j h_j; output = tanh([c; s] Wc)
 * </pre>
 */
class BahdanauAttentionTest {

    private static INDArray matrix(double[][] rows) {
        return Nd4j.createFromArray(rows);
    }

    @Test
    void matchesTheHandComputedAdditiveAttentionWithPaddingMasked() {
        // time-major: decoder [Tt = 1, mb = 2, ud = 2], encoder [Ts = 3, mb = 2, e = 2]
        INDArray decoder = Nd4j.createFromArray(new double[][][] {{{1, -1}, {1, -1}}});
        INDArray encoder = Nd4j.createFromArray(new double[][][] {{{1, 0}, {1, 0}}, {{0, 1}, {0, 1}},
                {{5, 5}, {5, 5}}});
        INDArray mask = Nd4j.createFromArray(new double[][] {{1, 1, 0}, {1, 1, 1}});
        List<INDArray> score = List.of(matrix(new double[][] {{1, 0}, {0, 1}}),
                matrix(new double[][] {{0.5, 0}, {0, 0.5}}), matrix(new double[][] {{0, 0.1}}),
                matrix(new double[][] {{1}, {2}}));
        INDArray wc = matrix(new double[][] {{1, 0}, {0, 1}, {0.5, 0}, {0, -0.5}});

        Attention attention = new Attention(Seq2SeqAttention.BAHDANAU.score());
        INDArray out = attention.forward(decoder, encoder, mask, score, wc);

        assertArrayEquals(new double[] {0.19925359127430073, 0.8007464087256992, 0},
                attention.weights().get(org.nd4j.linalg.indexing.NDArrayIndex.point(0)).reshape(3).toDoubleVector(),
                1e-12);
        assertArrayEquals(new double[] {0.044680315899504996, 0.17955813126602804, 0.7757615528344669},
                attention.weights().get(org.nd4j.linalg.indexing.NDArrayIndex.point(1)).reshape(3).toDoubleVector(),
                1e-12);
        assertArrayEquals(new double[] {0.6038937882177339, 0.8619151861507318, 0.9997124094483911,
                0.9997803981485319}, out.reshape(4).toDoubleVector(), 1e-12);
    }

    @Test
    void aPaddedSourceStepDoesNotChangeTheOutput() {
        INDArray decoder = Nd4j.rand(DataType.DOUBLE, 2, 1, 3);
        INDArray encoder = Nd4j.rand(DataType.DOUBLE, 4, 1, 3);
        INDArray mask = Nd4j.createFromArray(new double[][] {{1, 1, 1, 0}});
        List<INDArray> score = List.of(Nd4j.rand(DataType.DOUBLE, 3, 3), Nd4j.rand(DataType.DOUBLE, 3, 3),
                Nd4j.rand(DataType.DOUBLE, 1, 3), Nd4j.rand(DataType.DOUBLE, 3, 1));
        INDArray wc = Nd4j.rand(DataType.DOUBLE, 6, 3);
        Attention attention = new Attention(Seq2SeqAttention.BAHDANAU.score());
        INDArray before = attention.forward(decoder, encoder, mask, score, wc).dup();
        INDArray changed = encoder.dup();
        changed.get(org.nd4j.linalg.indexing.NDArrayIndex.point(3)).assign(7.0);
        INDArray after = attention.forward(decoder, changed, mask, score, wc);
        assertArrayEquals(before.reshape(6).toDoubleVector(), after.reshape(6).toDoubleVector(), 1e-12);
    }
}
