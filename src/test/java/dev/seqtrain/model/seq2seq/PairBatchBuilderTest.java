package dev.seqtrain.model.seq2seq;

import dev.seqtrain.batch.PairBatchBuilder;
import dev.seqtrain.job.JobSpecLoader;
import dev.seqtrain.job.ModelSpec;
import dev.seqtrain.model.Seq2SeqNetworks;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Prepared pair rows → the encoder-decoder's batches: exactly the layout the layer was built and checked against
 * (ReversalTask: source ids then decoder input, both sides masked at padding, one-hot shifted outputs), and a network
 * built from the spec learning from them.
 */
class PairBatchBuilderTest {

    /** What prepare writes for a source: pre-padded ids, and the decoder output ids. */
    private static Row preparedRow(int[] source) {
        int[] padded = new int[ReversalTask.SOURCE_STEPS];
        System.arraycopy(source, 0, padded, padded.length - source.length, source.length);
        int[] output = ReversalTask.TARGET.output(ReversalTask.reversed(source));
        return RowFactory.create(boxed(padded), boxed(output));
    }

    private static scala.collection.Seq<Integer> boxed(int[] a) {
        return scala.collection.JavaConverters.asScalaBuffer(Arrays.stream(a).boxed().toList()).toSeq();
    }

    private static List<DataSet> batches(int[][] sources, int batchSize) {
        List<Row> rows = new ArrayList<>();
        for (int[] s : sources) rows.add(preparedRow(s));
        List<DataSet> out = new ArrayList<>();
        new PairBatchBuilder(batchSize, ReversalTask.SOURCE_STEPS, ReversalTask.TARGET).batches(rows.iterator())
                .forEachRemaining(out::add);
        return out;
    }

    @Test
    void buildsTheLayersBatchLayoutFromPreparedRows() {
        int[][] sources = ReversalTask.sources(10, 5);
        List<DataSet> got = batches(sources, 4);
        assertEquals(3, got.size()); // lazily cut: 4, 4, 2
        int from = 0;
        for (DataSet d : got) {
            int n = (int) d.getFeatures().size(0);
            DataSet expected = ReversalTask.batch(Arrays.copyOfRange(sources, from, from + n), DataType.FLOAT);
            assertEquals(expected.getFeatures(), d.getFeatures());
            assertEquals(expected.getFeaturesMaskArray(), d.getFeaturesMaskArray());
            assertEquals(expected.getLabels(), d.getLabels());
            assertEquals(expected.getLabelsMaskArray(), d.getLabelsMaskArray());
            from += n;
        }
        // a 2-token source: pre-padding masked on the source side, the decoder's 3 steps (2 tokens + end) unmasked
        DataSet one = batches(new int[][] {{3, 5}}, 1).get(0);
        assertEquals(List.of(0f, 0f, 0f, 0f, 1f, 1f, 1f, 1f, 1f, 0f, 0f, 0f, 0f),
                floats(one.getFeaturesMaskArray().toFloatVector()));
        // features: source ids, then start token, the reversed ids (the output shifted right), padding
        int start = ReversalTask.TARGET.startToken();
        assertEquals(List.of(0f, 0f, 0f, 0f, 3f, 5f, (float) start, 5f, 3f, 0f, 0f, 0f, 0f),
                floats(one.getFeatures().toFloatVector()));
        assertEquals(List.of(1f, 1f, 1f, 0f, 0f, 0f, 0f), floats(one.getLabelsMaskArray().toFloatVector()));
    }

    private static List<Float> floats(float[] a) {
        List<Float> out = new ArrayList<>();
        for (float f : a) out.add(f);
        return out;
    }

    @Test
    void aNetworkBuiltFromTheSpecLearnsFromTheseBatches() {
        ModelSpec model = JobSpecLoader.parse("x.yaml", """
                name: s
                data: {format: tsv, train: /t.tsv}
                text: {target: {maxlen: 7}}
                model:
                  encoder: {layers: [{embedding: {output_dim: 8}}, {lstm: {units: 16}}]}
                  decoder: {layers: [{embedding: {output_dim: 8}}, {lstm: {units: 16}}]}
                  optimizer: {name: adam, learning_rate: 0.01}
                output: {dir: /tmp/s}
                """, List.of()).model();
        Seq2SeqShape shape = Seq2SeqPlanner.shape(model, ReversalTask.SOURCE_VOCABULARY,
                ReversalTask.TARGET.inputVocabularySize());
        MultiLayerNetwork net = Seq2SeqNetworks.network(shape, ReversalTask.SOURCE_STEPS, ReversalTask.TARGET,
                model.optimizer(), 3);
        List<DataSet> train = batches(ReversalTask.sources(256, 1), 32);
        double before = net.score(train.get(0));
        for (int epoch = 0; epoch < 5; epoch++) train.forEach(net::fit);
        double after = net.score(train.get(0));
        assertTrue(after < 0.8 * before, "loss " + before + " -> " + after);
        assertFalse(Double.isNaN(after));
    }
}
