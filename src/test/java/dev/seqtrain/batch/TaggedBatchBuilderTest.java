package dev.seqtrain.batch;

import dev.seqtrain.job.BatchingSpec;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.dataset.DataSet;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The TAGGING batch layout: features [mb, 1, T], one-hot labels [mb, C, T], label mask 0 on padding and -1 tags. */
class TaggedBatchBuilderTest {

    private static Row row(int[] ids, int[] tags) {
        return RowFactory.create(seq(ids), seq(tags));
    }

    private static scala.collection.Seq<Integer> seq(int[] a) {
        return scala.collection.JavaConverters.asScalaBuffer(Arrays.stream(a).boxed().toList()).toSeq();
    }

    @Test
    void oneHotTagsWithALabelMaskOnRealTaggedTokens() {
        TaggedBatchBuilder b = new TaggedBatchBuilder(2, 3, true);
        // post padding to 4: the batch is cut to 3 columns; tag -1 on a real token (unknown tag) is not scored
        DataSet d = b.batch(List.of(row(new int[]{4, 5, 6, 0}, new int[]{0, 2, -1, -1}),
                row(new int[]{7, 0, 0, 0}, new int[]{1, -1, -1, -1})));
        assertArrayEquals(new long[]{2, 1, 3}, d.getFeatures().shape());
        assertArrayEquals(new float[]{4, 5, 6, 7, 0, 0}, d.getFeatures().data().asFloat());
        assertArrayEquals(new float[]{1, 1, 1, 1, 0, 0}, d.getFeaturesMaskArray().data().asFloat());
        assertArrayEquals(new long[]{2, 3, 3}, d.getLabels().shape());
        assertArrayEquals(new float[]{
                1, 0, 0, 0, 0, 0, 0, 1, 0,     // row 0: tag 0 at t0, tag 2 at t1
                0, 0, 0, 1, 0, 0, 0, 0, 0},    // row 1: tag 1 at t0
                d.getLabels().data().asFloat());
        assertArrayEquals(new float[]{1, 1, 0, 1, 0, 0}, d.getLabelsMaskArray().data().asFloat());
    }

    @Test
    void fixedPaddingKeepsMaxlenColumnsAndAnEmptySentenceSeesOnePaddingStep() {
        TaggedBatchBuilder b = new TaggedBatchBuilder(2, 2, true, null, true, BatchingSpec.Padding.FIXED, 1);
        DataSet d = b.batch(List.of(row(new int[]{0, 0, 3}, new int[]{-1, -1, 1}),
                row(new int[]{0, 0, 0}, new int[]{-1, -1, -1})));
        assertArrayEquals(new long[]{2, 1, 3}, d.getFeatures().shape());
        assertArrayEquals(new float[]{0, 0, 1, 0, 0, 1}, d.getFeaturesMaskArray().data().asFloat(),
                "pre-padded: the empty sentence sees the last padding step, as a classifier's empty document does");
        assertArrayEquals(new float[]{0, 0, 1, 0, 0, 0}, d.getLabelsMaskArray().data().asFloat(), "and scores nothing");
        DataSet dynamic = new TaggedBatchBuilder(2, 2, true, null, true, BatchingSpec.Padding.DYNAMIC, 1)
                .batch(List.of(row(new int[]{0, 0, 0}, new int[]{-1, -1, -1})));
        assertArrayEquals(new float[]{1}, dynamic.getFeaturesMaskArray().data().asFloat(), "one step, at least");
    }

    @Test
    void withoutMaskZeroThePaddingIsInputButNotScored() {
        TaggedBatchBuilder b = new TaggedBatchBuilder(2, 2, false);
        DataSet d = b.batch(List.of(row(new int[]{0, 0, 3}, new int[]{-1, -1, 1})));
        assertArrayEquals(new long[]{1, 1, 3}, d.getFeatures().shape());
        assertNull(d.getFeaturesMaskArray());
        assertArrayEquals(new float[]{0, 0, 1}, d.getLabelsMaskArray().data().asFloat());
    }

    @Test
    void bucketedRowsOfSimilarLengthCostLittlePaddingAndEveryRowIsKept() {
        TaggedBatchBuilder b = new TaggedBatchBuilder(4, 2, true, null, false, BatchingSpec.Padding.DYNAMIC, 20);
        List<Row> rows = new ArrayList<>();
        int total = 0;
        for (int i = 0; i < 50; i++) {
            int len = 1 + (i * 7) % 20;
            int[] ids = new int[20];
            int[] tags = new int[20];
            Arrays.fill(tags, -1);
            for (int t = 0; t < len; t++) {
                ids[t] = 2;
                tags[t] = t % 2;
            }
            total += len;
            rows.add(RowFactory.create(seq(ids), seq(tags), len));
        }
        Iterator<DataSet> it = b.batches(b.buckets().reorder(rows.iterator(), 0, 42));
        int scored = 0;
        int padded = 0;
        int batches = 0;
        while (it.hasNext()) {
            DataSet d = it.next();
            scored += d.getLabelsMaskArray().sumNumber().intValue();
            padded += (int) d.getLabelsMaskArray().length();
            batches++;
        }
        assertEquals(13, batches);
        assertEquals(total, scored);
        // sorted by length, a batch of 4 wastes little; shuffled rows would pad most rows to near 20
        assertFalse(padded > total * 1.2, "padded " + padded + " for " + total + " real tokens");
    }
}
