package dev.seqtrain.batch;

import dev.seqtrain.job.BatchingSpec.Padding;
import dev.seqtrain.job.JobSpecLoader;
import dev.seqtrain.job.ModelSpec;
import dev.seqtrain.model.LabelLayout;
import dev.seqtrain.model.ModelInput;
import dev.seqtrain.model.ModelPlan;
import dev.seqtrain.prepare.TaggedSequenceIndexer;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Dynamic padding changes no result: the same rows batched {@code maxlen} wide (fixed) and cut to their longest member
 * (dynamic) give the network the same outputs and the same loss, pre- and post-padded, for a classifier and a tagger,
 * whatever the cell: the mask makes the padding inert. One row of the batch is all padding (an empty document).
 */
class DynamicPaddingExactnessTest {
    private static final int VOCABULARY = 30;
    private static final int MAXLEN = 24;
    private static final double TOLERANCE = 1e-6;

    private static ModelSpec model(String... layers) {
        StringBuilder yaml = new StringBuilder("name: t\noutput: {dir: /tmp/seqtrain-test}\nmodel:\n  layers:\n");
        for (String l : layers) yaml.append("    ").append(l).append('\n');
        return JobSpecLoader.parse("test.yaml", yaml.toString(), List.of()).model();
    }

    private static scala.collection.Seq<Integer> seq(int[] a) {
        return scala.collection.JavaConverters.asScalaBuffer(Arrays.stream(a).boxed().toList()).toSeq();
    }

    /** Lengths 0 (all padding) and 3..11: the longest member leaves more than half of maxlen as padding. */
    private static int[] lengths() {
        return new int[]{5, 0, 11, 3, 8, 7};
    }

    private static int[] padded(int[] real, boolean pre) {
        int[] row = new int[MAXLEN];
        System.arraycopy(real, 0, row, pre ? MAXLEN - real.length : 0, real.length);
        return row;
    }

    @ParameterizedTest
    @CsvSource({"lstm, pre", "lstm, post", "gru, pre", "gru, post", "simple_rnn, pre", "simple_rnn, post"})
    void aClassifierGivesTheSameOutputsAndLoss(String cell, String padding) {
        boolean pre = "pre".equals(padding);
        ModelPlan plan = ModelPlan.of(model("- embedding: {output_dim: 6, mask_zero: true}",
                "- " + cell + ": {units: 5}", "- dense: {units: 3, activation: softmax}"),
                new ModelInput(VOCABULARY, MAXLEN, 3));
        Random r = new Random(11);
        List<Row> rows = new ArrayList<>();
        for (int len : lengths()) {
            int[] real = r.ints(len, 1, VOCABULARY).toArray();
            rows.add(RowFactory.create(seq(padded(real, pre)), r.nextInt(3)));
        }
        DataSet fixed = new BatchBuilder(8, 3, false, true, pre, Padding.FIXED, 1).batch(rows);
        DataSet dynamic = new BatchBuilder(8, 3, false, true, pre, Padding.DYNAMIC, 1).batch(rows);
        assertEquals(MAXLEN, fixed.getFeatures().size(2));
        assertEquals(11, dynamic.getFeatures().size(2), "the longest member");

        MultiLayerNetwork net = plan.newNetwork(5);
        INDArray a = net.output(fixed.getFeatures(), false, fixed.getFeaturesMaskArray(), null);
        INDArray b = net.output(dynamic.getFeatures(), false, dynamic.getFeaturesMaskArray(), null);
        assertArrayEquals(a.toDoubleMatrix()[0], b.toDoubleMatrix()[0], TOLERANCE);
        assertTrue(a.equalsWithEps(b, TOLERANCE), a + " vs " + b);
        assertEquals(net.score(fixed), net.score(dynamic), TOLERANCE);
    }

    @ParameterizedTest
    @CsvSource({"'lstm: {units: 5, return_sequences: true}', pre", "'lstm: {units: 5, return_sequences: true}', post",
            "'bidirectional: {layer: {gru: {units: 4, return_sequences: true}}}', pre",
            "'bidirectional: {layer: {gru: {units: 4, return_sequences: true}}}', post"})
    void aTaggerGivesTheSameOutputsAndLossOnEveryToken(String recurrent, String padding) {
        boolean pre = "pre".equals(padding);
        ModelPlan plan = ModelPlan.of(model("- embedding: {output_dim: 6, mask_zero: true}", "- " + recurrent,
                "- dense: {units: 3, activation: softmax}"), new ModelInput(VOCABULARY, null, 3), LabelLayout.PER_TOKEN);
        Random r = new Random(12);
        List<Row> rows = new ArrayList<>();
        for (int len : lengths()) {
            int[] ids = r.ints(len, 1, VOCABULARY).toArray();
            int[] tags = r.ints(len, 0, 3).toArray();
            int[] paddedTags = padded(tags, pre);
            for (int t = 0; t < MAXLEN; t++) {
                boolean real = pre ? t >= MAXLEN - len : t < len;
                if (!real) paddedTags[t] = TaggedSequenceIndexer.NO_TAG;
            }
            rows.add(RowFactory.create(seq(padded(ids, pre)), seq(paddedTags)));
        }
        TaggedBatchBuilder.Cut fixed = new TaggedBatchBuilder(8, 3, true, null, pre, Padding.FIXED, 1)
                .cut(ids(rows, 0), ids(rows, 1));
        TaggedBatchBuilder.Cut dynamic = new TaggedBatchBuilder(8, 3, true, null, pre, Padding.DYNAMIC, 1)
                .cut(ids(rows, 0), ids(rows, 1));
        assertEquals(MAXLEN, fixed.data().getFeatures().size(2));
        assertEquals(11, dynamic.data().getFeatures().size(2), "the longest member");
        assertEquals(pre ? MAXLEN - 11 : 0, dynamic.start());

        MultiLayerNetwork net = plan.newNetwork(5);
        DataSet f = fixed.data();
        DataSet d = dynamic.data();
        INDArray a = net.output(f.getFeatures(), false, f.getFeaturesMaskArray(), null);  // [mb, C, T]
        INDArray b = net.output(d.getFeatures(), false, d.getFeaturesMaskArray(), null);
        int scored = 0;
        INDArray labelMask = d.getLabelsMaskArray();
        for (int i = 0; i < rows.size(); i++) {
            for (int t = 0; t < b.size(2); t++) {
                if (labelMask.getDouble(i, t) == 0) continue;
                scored++;
                for (int c = 0; c < 3; c++) {
                    assertEquals(a.getDouble(i, c, dynamic.start() + t), b.getDouble(i, c, t), TOLERANCE,
                            "row " + i + ", step " + t);
                }
            }
        }
        assertEquals(5 + 11 + 3 + 8 + 7, scored);
        assertEquals(net.score(f), net.score(d), TOLERANCE);
    }

    private static int[][] ids(List<Row> rows, int column) {
        int[][] out = new int[rows.size()][];
        for (int i = 0; i < rows.size(); i++) {
            out[i] = rows.get(i).<Integer>getList(column).stream().mapToInt(Integer::intValue).toArray();
        }
        return out;
    }
}
