package dev.seqtrain.model.seq2seq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import dev.seqtrain.model.rnn.CellType;
import dev.seqtrain.model.rnn.RnnWeights;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Finite-difference checks (float64) of every weight gradient of the encoder-decoder: the state hand-over from each
 * encoder layer to its decoder layer, bidirectional merges, attention, pre-padded sources and post-padded targets.
 */
class EncoderDecoderGradientCheckTest {

    private static final int MB = 3;
    private static final int TS = 5;
    private static final int TT = 4;

    static Seq2SeqWeights weights(Seq2SeqShape s, long seed) {
        Random r = new Random(seed);
        List<Seq2SeqWeights.EncoderLayer> encoder = new ArrayList<>();
        List<RnnWeights> decoder = new ArrayList<>();
        int in = s.sourceEmbedding();
        int width = s.bidirectional() == null ? s.units() : s.bidirectional().width(s.units());
        for (int l = 0; l < s.layers(); l++) {
            encoder.add(new Seq2SeqWeights.EncoderLayer(cell(s.cell(), in, s.units(), r),
                    s.bidirectional() == null ? null : cell(s.cell(), in, s.units(), r)));
            in = width;
        }
        in = s.targetEmbedding();
        for (int l = 0; l < s.layers(); l++) {
            decoder.add(cell(s.cell(), in, s.decoderUnits(), r));
            in = s.decoderUnits();
        }
        return new Seq2SeqWeights(random(r, s.sourceVocabulary(), s.sourceEmbedding()), encoder,
                random(r, s.targetVocabulary(), s.targetEmbedding()), decoder,
                scoreWeights(s, width, r),
                s.hasAttention() ? random(r, width + s.decoderUnits(), s.decoderUnits()) : null);
    }

    private static List<INDArray> scoreWeights(Seq2SeqShape s, int width, Random r) {
        int ud = s.decoderUnits();
        return switch (s.attention()) {
            case NONE -> List.of();
            case LUONG -> List.of(random(r, ud, width));
            case BAHDANAU -> List.of(random(r, width, ud), random(r, ud, ud), random(r, 1, ud), random(r, ud, 1));
        };
    }

    static Seq2SeqWeights zerosLike(Seq2SeqWeights w) {
        List<Seq2SeqWeights.EncoderLayer> encoder = w.encoder().stream()
                .map(l -> new Seq2SeqWeights.EncoderLayer(zeros(l.forward()), zeros(l.backward()))).toList();
        return new Seq2SeqWeights(w.sourceEmbedding().like(), encoder, w.targetEmbedding().like(),
                w.decoder().stream().map(EncoderDecoderGradientCheckTest::zeros).toList(),
                w.attentionScore().stream().map(INDArray::like).toList(),
                w.attentionOutput() == null ? null : w.attentionOutput().like());
    }

    private static RnnWeights zeros(RnnWeights w) {
        return w == null ? null : new RnnWeights(w.kernel().like(), w.recurrentKernel().like(), w.bias().like());
    }

    private static RnnWeights cell(CellType cell, int in, int units, Random r) {
        int width = cell.gates() * units;
        int biasRows = cell == CellType.GRU ? 2 : 1;
        return new RnnWeights(random(r, in, width), random(r, units, width), random(r, biasRows, width));
    }

    private static INDArray random(Random r, long rows, long cols) {
        INDArray a = Nd4j.create(DataType.DOUBLE, rows, cols);
        for (long i = 0; i < rows; i++) {
            for (long j = 0; j < cols; j++) {
                a.putScalar(i, j, 0.4 * r.nextGaussian());
            }
        }
        return a;
    }

    /** Source pre-padded (lengths 5, 3, 1), target post-padded (lengths 4, 2, 3); ids 0 at padding. */
    record Batch(INDArray source, INDArray sourceMask, INDArray target, INDArray targetMask) {
        static Batch of(Seq2SeqShape s, long seed) {
            Random r = new Random(seed);
            int[] sourceLengths = {5, 3, 1};
            int[] targetLengths = {4, 2, 3};
            INDArray source = Nd4j.zeros(DataType.DOUBLE, MB, TS);
            INDArray sourceMask = Nd4j.zeros(DataType.DOUBLE, MB, TS);
            INDArray target = Nd4j.zeros(DataType.DOUBLE, MB, TT);
            INDArray targetMask = Nd4j.zeros(DataType.DOUBLE, MB, TT);
            for (int b = 0; b < MB; b++) {
                for (int t = TS - sourceLengths[b]; t < TS; t++) {
                    source.putScalar(b, t, 1 + r.nextInt(s.sourceVocabulary() - 1));
                    sourceMask.putScalar(b, t, 1);
                }
                for (int t = 0; t < targetLengths[b]; t++) {
                    target.putScalar(b, t, 1 + r.nextInt(s.targetVocabulary() - 1));
                    targetMask.putScalar(b, t, 1);
                }
            }
            return new Batch(source, sourceMask, target, targetMask);
        }
    }

    private static double loss(EncoderDecoder net, Batch b, Seq2SeqWeights w, INDArray r) {
        return net.forward(b.source(), b.sourceMask(), b.target(), b.targetMask(), w).mul(r).sumNumber()
                .doubleValue();
    }

    private static void check(Seq2SeqShape shape) {
        Seq2SeqWeights w = weights(shape, 7);
        Batch batch = Batch.of(shape, 11);
        EncoderDecoder net = new EncoderDecoder(shape);
        INDArray out = net.forward(batch.source(), batch.sourceMask(), batch.target(), batch.targetMask(), w);
        INDArray r = Nd4j.rand(DataType.DOUBLE, out.shape()).subi(0.5);
        Seq2SeqWeights grads = zerosLike(w);
        net.backward(r, w, grads);

        List<INDArray> params = flatten(w);
        List<INDArray> analytic = flatten(grads);
        Random pick = new Random(3);
        int checked = 0;
        for (int p = 0; p < params.size(); p++) {
            INDArray param = params.get(p);
            for (int k = 0; k < 12; k++) {
                long i = pick.nextInt((int) param.length());
                double original = param.getDouble(i);
                double eps = 1e-6;
                param.putScalar(i, original + eps);
                double plus = loss(net, batch, w, r);
                param.putScalar(i, original - eps);
                double minus = loss(net, batch, w, r);
                param.putScalar(i, original);
                double numeric = (plus - minus) / (2 * eps);
                double got = analytic.get(p).getDouble(i);
                double scale = Math.max(1e-4, Math.abs(numeric) + Math.abs(got));
                assertTrue(Math.abs(numeric - got) / scale < 1e-5 || Math.abs(numeric - got) < 1e-8,
                        shape + ": parameter array " + p + " entry " + i + ": numeric " + numeric + ", analytic "
                                + got);
                checked++;
            }
        }
        assertTrue(checked > 50);
    }

    private static List<INDArray> flatten(Seq2SeqWeights w) {
        List<INDArray> all = new ArrayList<>();
        all.add(w.sourceEmbedding());
        for (Seq2SeqWeights.EncoderLayer l : w.encoder()) {
            add(all, l.forward());
            add(all, l.backward());
        }
        all.add(w.targetEmbedding());
        w.decoder().forEach(d -> add(all, d));
        all.addAll(w.attentionScore());
        if (w.attentionOutput() != null) {
            all.add(w.attentionOutput());
        }
        return all;
    }

    private static void add(List<INDArray> all, RnnWeights w) {
        if (w != null) {
            all.add(w.kernel());
            all.add(w.recurrentKernel());
            all.add(w.bias());
        }
    }

    @Test
    void lstmEncoderHandsItsStateToTheDecoder() {
        check(new Seq2SeqShape(CellType.LSTM, 9, 4, 8, 3, 5, 1, null, false));
    }

    @Test
    void stackedGruWithBidirectionalConcatEncoderAndAttention() {
        check(new Seq2SeqShape(CellType.GRU, 9, 4, 8, 3, 3, 2, StateMerge.CONCAT, true));
    }

    @Test
    void simpleRnnBidirectionalSum() {
        check(new Seq2SeqShape(CellType.SIMPLE_RNN, 9, 4, 8, 3, 4, 1, StateMerge.SUM, false));
    }

    @Test
    void stackedLstmWithAttention() {
        check(new Seq2SeqShape(CellType.LSTM, 9, 4, 8, 3, 4, 2, null, true));
    }

    @Test
    void bidirectionalLstmWithBahdanauAttention() {
        check(new Seq2SeqShape(CellType.LSTM, 9, 4, 8, 3, 3, 1, StateMerge.CONCAT, Seq2SeqAttention.BAHDANAU));
    }

    @Test
    void stackedGruWithBahdanauAttention() {
        check(new Seq2SeqShape(CellType.GRU, 9, 4, 8, 3, 4, 2, null, Seq2SeqAttention.BAHDANAU));
    }

    /** {@code a} with {@code before} and {@code after} all-zero columns around it. */
    private static INDArray padColumns(INDArray a, int before, int after) {
        INDArray out = Nd4j.zeros(a.dataType(), a.size(0), before + a.size(1) + after);
        out.get(org.nd4j.linalg.indexing.NDArrayIndex.all(),
                org.nd4j.linalg.indexing.NDArrayIndex.interval(before, before + a.size(1))).assign(a);
        return out;
    }

    @Test
    void stepsWhereEveryExampleIsPaddingChangeNothingAndOutputZero() {
        for (Seq2SeqAttention type : Seq2SeqAttention.values()) {
            Seq2SeqShape shape = new Seq2SeqShape(CellType.LSTM, 9, 4, 8, 3, 3, 1, StateMerge.CONCAT, type);
            Seq2SeqWeights w = weights(shape, 7);
            Batch batch = Batch.of(shape, 11);
            EncoderDecoder net = new EncoderDecoder(shape);
            INDArray out = net.forward(batch.source(), batch.sourceMask(), batch.target(), batch.targetMask(), w)
                    .dup();
            INDArray dOut = Nd4j.rand(DataType.DOUBLE, out.shape()).subi(0.5);
            Seq2SeqWeights grads = zerosLike(w);
            net.backward(dOut, w, grads);

            // the same batch with all-padding steps: 2 before and 3 after the source, 3 after the target
            INDArray padded = net.forward(padColumns(batch.source(), 2, 3), padColumns(batch.sourceMask(), 2, 3),
                    padColumns(batch.target(), 0, 3), padColumns(batch.targetMask(), 0, 3), w);
            INDArray real = padded.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, TT));
            assertEquals(0.0, real.sub(out).amaxNumber().doubleValue(), 1e-12, type.name());
            INDArray tail = padded.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(TT, TT + 3));
            assertEquals(0.0, tail.amaxNumber().doubleValue(), 0.0, type + ": the all-padding steps output zero");
            INDArray dPadded = Nd4j.concat(0, dOut, Nd4j.rand(DataType.DOUBLE, 3, MB, out.size(2)));
            Seq2SeqWeights paddedGrads = zerosLike(w);
            net.backward(dPadded, w, paddedGrads);
            List<INDArray> expected = flatten(grads);
            List<INDArray> got = flatten(paddedGrads);
            for (int p = 0; p < expected.size(); p++) {
                assertEquals(0.0, got.get(p).sub(expected.get(p)).amaxNumber().doubleValue(), 1e-12,
                        type + ": gradient array " + p);
            }
        }
    }

    @Test
    void withoutAttentionTheSourceReachesTheDecoderOnlyThroughTheState() {
        Seq2SeqShape shape = new Seq2SeqShape(CellType.LSTM, 9, 4, 8, 3, 5, 1, null, false);
        Seq2SeqWeights w = weights(shape, 7);
        Batch batch = Batch.of(shape, 11);
        EncoderDecoder net = new EncoderDecoder(shape);
        INDArray before = net.forward(batch.source(), batch.sourceMask(), batch.target(), batch.targetMask(), w)
                .dup();
        INDArray changed = batch.source().dup();
        changed.putScalar(0, TS - 1, 1 + (changed.getInt(0, TS - 1) % 8));
        INDArray after = net.forward(changed, batch.sourceMask(), batch.target(), batch.targetMask(), w);
        double moved = after.get(org.nd4j.linalg.indexing.NDArrayIndex.all(),
                org.nd4j.linalg.indexing.NDArrayIndex.point(0)).sub(before.get(
                org.nd4j.linalg.indexing.NDArrayIndex.all(), org.nd4j.linalg.indexing.NDArrayIndex.point(0)))
                .norm2Number().doubleValue();
        assertTrue(moved > 1e-3, "the decoder's outputs did not change with the source: " + moved);
        // the other examples' sources did not change, so neither do their outputs
        for (int b = 1; b < MB; b++) {
            assertEquals(0.0, after.get(org.nd4j.linalg.indexing.NDArrayIndex.all(),
                    org.nd4j.linalg.indexing.NDArrayIndex.point(b)).sub(before.get(
                    org.nd4j.linalg.indexing.NDArrayIndex.all(), org.nd4j.linalg.indexing.NDArrayIndex.point(b)))
                    .norm2Number().doubleValue(), 1e-12);
        }
    }
}
