package dev.seqtrain.batch;

import dev.seqtrain.job.BatchingSpec;
import dev.seqtrain.job.JobSpec;
import dev.seqtrain.job.JobSpecLoader;
import dev.seqtrain.model.ModelInput;
import dev.seqtrain.model.ModelPlan;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BatchBuilderTest {

    private static Row row(int label, int... ids) {
        return RowFactory.create(scala.collection.JavaConverters.asScalaBuffer(Arrays.stream(ids).boxed().toList()).toSeq(), label);
    }

    @Test
    void masksAndCutsPrePaddedBatchesToTheirLongestSequence() {
        BatchBuilder b = new BatchBuilder(2, 2, true, true, true);
        List<Row> rows = List.of(row(1, 0, 0, 0, 5, 6), row(0, 0, 0, 7, 8, 9), row(1, 0, 0, 0, 0, 4));
        Iterator<DataSet> it = b.batches(rows.iterator());
        DataSet first = it.next();
        assertArrayEquals(new long[]{2, 1, 3}, first.getFeatures().shape());
        assertArrayEquals(new float[]{0, 5, 6, 7, 8, 9}, first.getFeatures().data().asFloat());
        assertArrayEquals(new float[]{0, 1, 1, 1, 1, 1}, first.getFeaturesMaskArray().data().asFloat());
        assertArrayEquals(new float[]{1, 0}, first.getLabels().data().asFloat());
        DataSet second = it.next();
        assertArrayEquals(new long[]{1, 1, 1}, second.getFeatures().shape());
        assertTrue(!it.hasNext());
    }

    @Test
    void fixedPaddingKeepsMaxlenColumnsWithTheSameRuleForAnEmptyDocument() {
        BatchBuilder fixed = new BatchBuilder(3, 2, true, true, false, BatchingSpec.Padding.FIXED, 1);
        DataSet d = fixed.batch(List.of(row(1, 5, 6, 0, 0, 0), row(0, 0, 0, 0, 0, 0)));
        assertArrayEquals(new long[]{2, 1, 5}, d.getFeatures().shape());
        assertArrayEquals(new float[]{1, 1, 0, 0, 0, 1, 0, 0, 0, 0}, d.getFeaturesMaskArray().data().asFloat(),
                "post-padded: the empty document sees the first padding step");
        DataSet dynamic = new BatchBuilder(3, 2, true, true, false, BatchingSpec.Padding.DYNAMIC, 1)
                .batch(List.of(row(1, 5, 6, 0, 0, 0), row(0, 0, 0, 0, 0, 0)));
        assertArrayEquals(new float[]{1, 1, 1, 0}, dynamic.getFeaturesMaskArray().data().asFloat(), "the same rule");
    }

    @Test
    void bucketingOnlyWithDynamicPaddingAndAMask() {
        assertEquals(true, new BatchBuilder(3, 2, true, true, true, BatchingSpec.Padding.DYNAMIC, 8).buckets().active());
        assertEquals(false, new BatchBuilder(3, 2, true, true, true, BatchingSpec.Padding.FIXED, 8).buckets().active());
        assertEquals(false, new BatchBuilder(3, 2, true, false, true, BatchingSpec.Padding.DYNAMIC, 8).buckets().active(),
                "without a mask the padding is input: no batch may be cut, so bucketing would buy nothing");
    }

    @Test
    void unmaskedBatchesKeepThePaddingAndOneHotLabelsForMulticlass() {
        BatchBuilder b = new BatchBuilder(4, 3, false, false, false);
        DataSet d = b.batches(List.of(row(2, 5, 6, 0, 0), row(0, 7, 0, 0, 0)).iterator()).next();
        assertArrayEquals(new long[]{2, 1, 4}, d.getFeatures().shape());
        assertEquals(null, d.getFeaturesMaskArray());
        assertArrayEquals(new float[]{0, 0, 1, 1, 0, 0}, d.getLabels().data().asFloat());
    }

    /** The parameter-averaging worker merges batches of different lengths: the demo network must train on that. */
    @Test
    void batchesOfDifferentLengthsMergeAndTrain() {
        JobSpec spec = JobSpecLoader.load(Path.of("spark-jobs/demo-sentiment.yaml"), List.of());
        ModelPlan plan = ModelPlan.of(spec.model(), new ModelInput(2000, 40, 2));
        BatchBuilder b = new BatchBuilder(2, 2, true, plan.masked(), true);
        List<DataSet> batches = new ArrayList<>();
        b.batches(List.of(row(1, 0, 0, 3, 4), row(0, 0, 0, 0, 5), row(1, 0, 6, 7, 8)).iterator()).forEachRemaining(batches::add);
        DataSet merged = DataSet.merge(batches);
        assertEquals(3, merged.numExamples());
        INDArray mask = merged.getFeaturesMaskArray();
        assertEquals(6, mask.sumNumber().intValue(), "six real tokens, whatever the merge padding");
        MultiLayerNetwork net = plan.newNetwork(1);
        double before = net.score(merged);
        for (int i = 0; i < 20; i++) net.fit(merged);
        assertTrue(net.score(merged) < before, "loss must fall on merged batches");
    }
}
