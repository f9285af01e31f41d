package dev.seqtrain.infer;

import dev.seqtrain.job.JobSpecLoader;
import dev.seqtrain.metrics.BroadcastModel;
import dev.seqtrain.model.ModelInput;
import dev.seqtrain.model.ModelPlan;
import dev.seqtrain.testing.LocalSpark;
import dev.seqtrain.batch.BatchBuilder;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.dataset.DataSet;
import scala.collection.JavaConverters;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * predict's partition scoring on Spark ({@code local[2]}): length-sorted chunks give the predictions of the previous
 * in-order scoring, with far fewer padded steps, and a model's networks are restored once per JVM task slot whatever
 * the number of jobs.
 */
class PartitionScorerTest {
    private static final int VOCABULARY = 40;
    private static final int T = 30;
    private static final int ROWS = 300;
    private static final int BATCH = 16;

    private final SparkSession spark = LocalSpark.session();
    private final JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());

    private static MultiLayerNetwork network() {
        String yaml = """
                name: t
                output: {dir: /tmp/seqtrain-test}
                model:
                  layers:
                    - embedding: {output_dim: 8, mask_zero: true}
                    - lstm: {units: 6}
                    - dense: {units: 1, activation: sigmoid}
                """;
        return ModelPlan.of(JobSpecLoader.parse("t.yaml", yaml, List.of()).model(), new ModelInput(VOCABULARY, T, 2))
                .newNetwork(11);
    }

    /** Prepared rows {@code (ids, 0, id)}: lengths alternate short and long, padded to T on side {@code pre}. */
    private static List<Row> rows(boolean pre) {
        Random r = new Random(5);
        List<Row> out = new ArrayList<>();
        for (int i = 0; i < ROWS; i++) {
            int len = i % 2 == 0 ? 1 + r.nextInt(4) : T - r.nextInt(4);
            List<Integer> ids = new ArrayList<>();
            for (int t = 0; t < T; t++) ids.add(0);
            for (int t = 0; t < len; t++) ids.set(pre ? T - len + t : t, 1 + r.nextInt(VOCABULARY - 1));
            out.add(RowFactory.create(JavaConverters.asScalaBuffer(ids).toList(), 0, "r" + i));
        }
        return out;
    }

    private JavaRDD<Row> prepared(List<Row> rows) {
        StructType schema = new StructType()
                .add("ids", DataTypes.createArrayType(DataTypes.IntegerType))
                .add("label", DataTypes.IntegerType)
                .add("id", DataTypes.StringType);
        return spark.createDataFrame(rows, schema).repartition(2).javaRDD();
    }

    /** p(positive) by id through PartitionScorer. */
    private Map<String, Double> scored(BroadcastModel model, List<Row> rows, boolean pre, boolean sort) {
        PartitionScorer scorer = new PartitionScorer(model, new BatchBuilder(BATCH, 2, true, true, pre),
                PredictionRows.classes(List.of("neg", "pos"), true), BATCH, sort);
        Map<String, Double> p = new HashMap<>();
        for (Row row : prepared(rows).mapPartitions(scorer::score).collect()) {
            p.put(row.getString(0), ((Double[]) row.get(2))[1]);
        }
        return p;
    }

    /** What predict computed before: batches in input order, each cut to its own longest row. */
    private static Map<String, Double> inOrder(MultiLayerNetwork net, List<Row> rows, boolean pre) {
        Map<String, Double> p = new HashMap<>();
        Iterator<DataSet> batches = new BatchBuilder(BATCH, 2, true, true, pre).batches(rows.iterator());
        int at = 0;
        while (batches.hasNext()) {
            DataSet ds = batches.next();
            double[][] out = net.output(ds.getFeatures(), false, ds.getFeaturesMaskArray(), null).toDoubleMatrix();
            for (double[] o : out) p.put(rows.get(at++).getString(2), o[0]);
        }
        return p;
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void lengthSortedChunksGiveThePreviousPredictionsWithLessPadding(boolean pre) {
        MultiLayerNetwork net = network();
        List<Row> rows = rows(pre);
        BroadcastModel model = BroadcastModel.of(jsc, net);
        try {
            long before = PartitionScorer.steps();
            long fedBefore = PartitionScorer.rowsFed();
            Map<String, Double> unsorted = scored(model, rows, pre, false);
            // every batch is full (a partial one would make the engine reallocate its buffers): whole batches only
            assertEquals(0, (PartitionScorer.rowsFed() - fedBefore) % BATCH, "rows fed");
            long unsortedSteps = PartitionScorer.steps() - before;
            before = PartitionScorer.steps();
            Map<String, Double> sorted = scored(model, rows, pre, true);
            long sortedSteps = PartitionScorer.steps() - before;

            Map<String, Double> old = inOrder(net, rows, pre);
            assertEquals(ROWS, sorted.size());
            for (Map.Entry<String, Double> e : old.entrySet()) {
                assertEquals(e.getValue(), sorted.get(e.getKey()), 1e-6, e.getKey());
                assertEquals(e.getValue(), unsorted.get(e.getKey()), 1e-6, e.getKey());
            }
            // half the rows are 1-4 tokens long: sorted, their batches are cut to a few steps instead of ~T
            assertTrue(sortedSteps < 0.65 * unsortedSteps, sortedSteps + " steps sorted vs " + unsortedSteps);
        } finally {
            model.destroy();
        }
    }

    @Test
    void aModelIsRestoredOncePerTaskSlotAcrossJobs() {
        MultiLayerNetwork net = network();
        List<Row> rows = rows(true);
        int before = BroadcastModel.restores();
        for (int job = 0; job < 3; job++) {
            // every predict or evaluate job broadcasts the model anew: the weights, not the broadcast, key the pool
            BroadcastModel model = BroadcastModel.of(jsc, net.clone());
            try {
                assertEquals(ROWS, scored(model, rows, true, true).size());
            } finally {
                model.destroy();
            }
        }
        int restores = BroadcastModel.restores() - before;
        assertTrue(restores >= 1 && restores <= 2, "restored " + restores + " times in 3 jobs on local[2]");
    }
}
