package dev.seqtrain.model.seq2seq;

import dev.seqtrain.batch.PairBatchBuilder;
import dev.seqtrain.job.BatchingSpec;
import dev.seqtrain.job.JobSpecLoader;
import dev.seqtrain.job.ModelSpec;
import dev.seqtrain.model.Seq2SeqNetworks;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Dynamic padding of pairs cuts the decoder side to the batch's longest target and changes no result: the same pairs
 * batched at text.target.maxlen (fixed) and cut (dynamic) give the network the same outputs on the real steps, the
 * same loss and the same update.
 */
class PairDynamicPaddingTest {
    private static final double TOLERANCE = 1e-6;

    /** Sources of 1 to 3 tokens: the longest decoder output (3 tokens and the end token) is 4 of maxlen 7 steps. */
    private static final int[][] SOURCES = {{3, 5}, {1, 2, 4}, {6}, {8, 7, 2}, {4, 4}};

    private static DataSet batch(BatchingSpec.Padding padding) {
        int[][] padded = new int[SOURCES.length][ReversalTask.SOURCE_STEPS];
        int[][] outputs = new int[SOURCES.length][];
        for (int b = 0; b < SOURCES.length; b++) {
            int[] s = SOURCES[b];
            System.arraycopy(s, 0, padded[b], ReversalTask.SOURCE_STEPS - s.length, s.length);
            outputs[b] = ReversalTask.TARGET.output(ReversalTask.reversed(s));
        }
        return new PairBatchBuilder(SOURCES.length, ReversalTask.SOURCE_STEPS, ReversalTask.TARGET, padding)
                .batch(padded, outputs);
    }

    private static MultiLayerNetwork network() {
        ModelSpec model = JobSpecLoader.parse("x.yaml", """
                name: s
                data: {format: tsv, train: /t.tsv}
                text: {target: {maxlen: 7}}
                model:
                  encoder: {layers: [{embedding: {output_dim: 8}}, {gru: {units: 16}}]}
                  decoder: {layers: [{embedding: {output_dim: 8}}, {gru: {units: 16}}]}
                  optimizer: {name: adam, learning_rate: 0.01}
                output: {dir: /tmp/s}
                """, List.of()).model();
        Seq2SeqShape shape = Seq2SeqPlanner.shape(model, ReversalTask.SOURCE_VOCABULARY,
                ReversalTask.TARGET.inputVocabularySize());
        return Seq2SeqNetworks.network(shape, ReversalTask.SOURCE_STEPS, ReversalTask.TARGET, model.optimizer(), 7);
    }

    @Test
    void theDecoderSideIsCutToTheLongestTargetWithTheSameResults() {
        DataSet fixed = batch(BatchingSpec.Padding.FIXED);
        DataSet dynamic = batch(BatchingSpec.Padding.DYNAMIC);
        assertEquals(7, fixed.getLabels().size(2));
        assertEquals(4, dynamic.getLabels().size(2));
        assertEquals(ReversalTask.SOURCE_STEPS + 4, dynamic.getFeatures().size(1));
        // the kept steps are the fixed batch's first steps, masks included
        assertEquals(fixed.getLabelsMaskArray().get(NDArrayIndex.all(), NDArrayIndex.interval(0, 4)),
                dynamic.getLabelsMaskArray());
        assertEquals(fixed.getLabelsMaskArray().sumNumber().doubleValue(),
                dynamic.getLabelsMaskArray().sumNumber().doubleValue());

        MultiLayerNetwork net = network();
        assertEquals(net.score(fixed), net.score(dynamic), TOLERANCE);
        INDArray all = net.output(fixed.getFeatures(), false, fixed.getFeaturesMaskArray(), null);
        INDArray cut = net.output(dynamic.getFeatures(), false, dynamic.getFeaturesMaskArray(), null);
        INDArray real = all.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(0, 4));
        assertTrue(real.equalsWithEps(cut, TOLERANCE), "outputs differ on the real steps");

        MultiLayerNetwork a = net.clone();
        MultiLayerNetwork b = net.clone();
        a.fit(fixed);
        b.fit(dynamic);
        assertTrue(a.params().equalsWithEps(b.params(), TOLERANCE), "one update from each differs");
        assertTrue(!a.params().equalsWithEps(net.params(), TOLERANCE), "the update changed nothing");
    }
}
