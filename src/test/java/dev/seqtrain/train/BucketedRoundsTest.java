package dev.seqtrain.train;

import dev.seqtrain.batch.BatchBuilder;
import dev.seqtrain.job.BatchingSpec.Padding;
import dev.seqtrain.prepare.PreparedData;
import dev.seqtrain.testing.LocalSpark;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.dataset.DataSet;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Length bucketing with exact averaging rounds and with exported batches, on real Spark: every prepared row exactly
 * once per epoch, the round layout unchanged, the same epoch for the same seed, another one for the next epoch, and
 * fewer padded steps than dynamic padding alone.
 */
class BucketedRoundsTest {

    @Test
    void bucketedEpochsHoldEveryRowOnceInTheSameRoundLayout(@TempDir java.nio.file.Path tmp) {
        SparkSession spark = LocalSpark.session();
        PreparedData data = TrainCli.prepareDemo(spark, tmp).data();
        PreparedBatches bucketed = PreparedBatches.train(spark, data,
                new BatchBuilder(16, 2, true, true, true, Padding.DYNAMIC, 4), 2);
        PreparedBatches plain = PreparedBatches.train(spark, data,
                new BatchBuilder(16, 2, true, true, true, Padding.DYNAMIC, 1), 2);
        List<String> stored = sorted(rows(plain.inOrder().collect()));
        assertEquals(data.trainRows(), stored.size());

        JavaRDD<DataSet> epoch1 = bucketed.rounds(42, 1, true, 2, 5);
        RoundLayout layout = RoundPartitioner.layoutOf(epoch1).orElseThrow();
        assertEquals(new RoundLayout(stored.size(), 16, 2, 5), layout);
        List<List<DataSet>> slots = epoch1.glom().collect();
        for (int s = 0; s < slots.size(); s++) {
            assertEquals(layout.batchesInSlot(s), slots.get(s).size(), "slot " + s);
            for (int b = 0; b < slots.get(s).size() - 1; b++) assertEquals(16, slots.get(s).get(b).numExamples());
        }
        List<DataSet> batches1 = new ArrayList<>();
        slots.forEach(batches1::addAll);
        List<String> laidOut = rows(batches1);
        assertEquals(stored, sorted(laidOut), "every row exactly once");
        assertEquals(laidOut, rows(bucketed.rounds(42, 1, true, 2, 5).collect()), "the same seed and epoch, the same epoch");
        List<String> epoch2 = rows(bucketed.rounds(42, 2, true, 2, 5).collect());
        assertEquals(stored, sorted(epoch2));
        assertNotEquals(laidOut, epoch2, "each epoch has its own order");

        long bucketedSteps = paddedSteps(batches1);
        long plainSteps = paddedSteps(plain.rounds(42, 1, true, 2, 5).collect());
        assertTrue(bucketedSteps < plainSteps * 0.9, "bucketed " + bucketedSteps + " vs " + plainSteps + " padded steps");

        // DL4J's own splits and the validation side: the same rows, each once
        assertEquals(stored, sorted(rows(bucketed.shuffled(42, 1).collect())));

        // training.approach: export writes epoch 1's bucketed batches, one file each
        try (ExportedBatches exported = ExportedBatches.write(new JavaSparkContext(spark.sparkContext()), epoch1,
                new Path(tmp.resolve("export").toUri()))) {
            assertEquals(layout.batches(), exported.size());
        }
    }

    /** Each row as its real tokens and label: batches of different widths compare. */
    private static List<String> rows(List<DataSet> batches) {
        List<String> out = new ArrayList<>();
        for (DataSet d : batches) {
            float[][] f = d.getFeatures().reshape(d.numExamples(), -1).toFloatMatrix();
            float[][] y = d.getLabels().toFloatMatrix();
            for (int i = 0; i < f.length; i++) {
                StringBuilder sb = new StringBuilder();
                for (float v : f[i]) if (v != 0) sb.append((int) v).append(' ');
                out.add(sb + "|" + y[i][0]);
            }
        }
        return out;
    }

    private static long paddedSteps(List<DataSet> batches) {
        long steps = 0;
        for (DataSet d : batches) steps += d.getFeatures().size(2) * d.numExamples();
        return steps;
    }

    private static List<String> sorted(List<String> l) {
        return l.stream().sorted().toList();
    }
}
