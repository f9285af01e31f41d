package dev.seqtrain.train;

import dev.seqtrain.batch.BatchBuilder;
import dev.seqtrain.batch.RowBatcher;
import dev.seqtrain.batch.RowBatchers;
import dev.seqtrain.job.JobSpec;
import dev.seqtrain.model.ModelPlan;
import dev.seqtrain.prepare.PreparedData;
import dev.seqtrain.testing.LocalSpark;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.spark.api.RDDTrainingApproach;
import org.deeplearning4j.spark.impl.multilayer.SparkDl4jMultiLayer;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingMaster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import scala.Tuple2;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Exact averaging rounds, on real Spark: the laid-out epoch holds every prepared row once, in slots of at most
 * averaging_frequency batches; DL4J's own splits skip batches (pinned, so the day DL4J fits them all this test says
 * so), where {@link RoundTrainingMaster} fed the same batches round by round fits every one.
 */
class AveragingRoundsTest {

    @Test
    void anEpochLaidOutInRoundsHoldsEveryRowOnceInSlotsOfAtMostAveragingFrequencyBatches(@TempDir Path tmp) {
        SparkSession spark = LocalSpark.session();
        PreparedData data = TrainCli.prepareDemo(spark, tmp).data();
        // unmasked, so every batch keeps the full padded width and rows compare as they were stored
        BatchBuilder batcher = new BatchBuilder(30, 2, true, false, true);
        PreparedBatches train = PreparedBatches.train(spark, data, batcher, 2);
        List<String> stored = rows(train.inOrder().collect());
        assertEquals(data.trainRows(), stored.size());
        assertTrue(stored.size() > 750 && stored.size() < 810, "about 80% of 1,000: " + stored.size());

        JavaRDD<DataSet> epoch1 = train.rounds(42, 1, true, 2, 5);
        RoundLayout layout = RoundPartitioner.layoutOf(epoch1).orElseThrow();
        assertEquals(new RoundLayout(stored.size(), 30, 2, 5), layout);
        assertEquals(3, layout.rounds(), "26-27 batches: rounds of 10, 10 and the rest");
        assertEquals(layout.slots(), epoch1.getNumPartitions());
        assertEquals(6, layout.slots());
        List<List<DataSet>> slots = epoch1.glom().collect();
        for (int s = 0; s < slots.size(); s++) {
            assertEquals(layout.batchesInSlot(s), slots.get(s).size(), "slot " + s);
            int last = slots.get(s).size() - 1;
            for (int b = 0; b < last; b++) assertEquals(30, slots.get(s).get(b).numExamples(), "slot " + s);
        }
        List<String> laidOut = rows(epoch1.collect());
        assertEquals(sorted(stored), sorted(laidOut), "the same rows, each once");
        assertNotEquals(stored, laidOut, "shuffled");

        List<String> epoch2 = rows(train.rounds(42, 2, true, 2, 5).collect());
        assertEquals(sorted(stored), sorted(epoch2));
        assertNotEquals(laidOut, epoch2, "each epoch has its own order");
        assertEquals(laidOut, rows(train.rounds(42, 1, true, 2, 5).collect()), "the same seed and epoch, the same order");

        // training.shuffle: false keeps the stored order, dealt batch by batch: slot 0 holds batches 0, 2, 4, ...
        List<List<DataSet>> unshuffled = train.rounds(42, 1, false, 2, 5).glom().collect();
        assertEquals(stored.subList(0, 30), rows(unshuffled.get(0).subList(0, 1)));
        assertEquals(stored.subList(30, 60), rows(unshuffled.get(1).subList(0, 1)));
        assertEquals(stored.subList(60, 90), rows(unshuffled.get(0).subList(1, 2)));
    }

    @Test
    void dl4jSkipsBatchesBeyondAveragingFrequencyWhereRoundsFitEveryOne() {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(LocalSpark.session().sparkContext());
        // 10 batches, 2 workers, averaging every 4: DL4J makes floor(10 / 8) = 1 split, 5 batches per worker, fits 4
        List<DataSet> batches = new ArrayList<>();
        for (int i = 0; i < 10; i++) batches.add(new DataSet(Nd4j.rand(5, 3), Nd4j.zeros(5, 2).putScalar(0, 1, 1.0)));

        FittedBatches dl4jFitted = FittedBatches.register(jsc.sc());
        ParameterAveragingTrainingMaster dl4j = master(false);
        dl4j.addHook(dl4jFitted);
        new SparkDl4jMultiLayer(jsc, network(), dl4j).fit(jsc.parallelize(batches, 2));
        assertEquals(8, dl4jFitted.total(), "DL4J's parameter averaging fits at most averaging_frequency batches per "
                + "worker and split and skips the rest; if this fails, DL4J changed and the layout may be revisited");

        FittedBatches roundFitted = FittedBatches.register(jsc.sc());
        ParameterAveragingTrainingMaster rounds = master(true);
        rounds.addHook(roundFitted);
        // one pre-built batch per "row": 10 rows in batches of 1 are 2 rounds, 4 + 4 then 1 + 1
        RoundLayout layout = new RoundLayout(10, 1, 2, 4);
        List<Tuple2<Long, DataSet>> positioned = new ArrayList<>();
        for (int i = 0; i < batches.size(); i++) positioned.add(new Tuple2<>((long) i, batches.get(i)));
        JavaRDD<DataSet> laidOut = jsc.parallelizePairs(positioned, 2).partitionBy(new RoundPartitioner(layout))
                .mapPartitions(it -> { List<DataSet> l = new ArrayList<>(); it.forEachRemaining(t -> l.add(t._2())); return l.iterator(); }, true);
        MultiLayerNetwork net = network();
        INDArray before = net.params().dup();
        SparkDl4jMultiLayer sparkNet = new SparkDl4jMultiLayer(jsc, net, rounds);
        sparkNet.fit(laidOut);
        assertEquals(10, roundFitted.total(), "every batch, once");
        assertNotEquals(before, sparkNet.getNetwork().params());
        assertTrue(Double.isFinite(sparkNet.getScore()) && sparkNet.getScore() > 0, "the epoch's loss: " + sparkNet.getScore());
    }

    @Test
    void exportWritesTheBatchesOnceAndEveryEpochFitsAllOfThem(@TempDir Path tmp) throws Exception {
        SparkSession spark = LocalSpark.session();
        TrainCli.PreparedDemo demo = TrainCli.prepareDemo(spark, tmp, "--set", "training.epochs=2",
                "--set", "training.approach=export", "--set", "training.progress_seconds=0");
        JobSpec spec = demo.spec();
        PreparedData data = demo.data();
        ModelPlan plan = demo.plan();
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Path exportDir = tmp.resolve("batches");
        SparkTrainer trainer = new SparkTrainer(jsc, spec.training(), line -> { }).exportTo(exportDir.toUri().toString());
        RowBatcher batcher = RowBatchers.of(plan, data.labels().size(), spec);
        PreparedBatches train = PreparedBatches.train(spark, data, batcher, trainer.workers());
        PreparedBatches validation = PreparedBatches.validation(spark, data, batcher, trainer.workers());
        long batches = (data.trainRows() + 31) / 32;

        List<List<String>> filesDuringEpoch = new ArrayList<>();
        SparkTrainer.Result result = trainer.fit(plan, train, validation, TrainingStart.fresh(plan.newNetwork(42)),
                (network, history, stopping) -> filesDuringEpoch.add(listing(exportDir)));

        assertEquals(2, filesDuringEpoch.size());
        assertEquals(batches, filesDuringEpoch.get(0).size(), "one file per batch: " + filesDuringEpoch.get(0));
        assertEquals(filesDuringEpoch.get(0), filesDuringEpoch.get(1), "written once, read by both epochs");
        for (EpochRecord e : result.history()) assertEquals(batches, e.batches(), "every exported batch, every epoch");
        assertTrue(Double.isFinite(result.history().get(1).loss()));
        assertTrue(!java.nio.file.Files.exists(exportDir), "the exported batches are removed when training ends");
    }

    @Test
    void exportedBatchesTrainExactlyAsTheSameBatchesFedDirectly(@TempDir Path tmp) {
        SparkSession spark = LocalSpark.session();
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        TrainCli.PreparedDemo demo = TrainCli.prepareDemo(spark, tmp);
        RowBatcher batcher = RowBatchers.of(demo.plan(), demo.data().labels().size(), demo.spec());
        PreparedBatches train = PreparedBatches.train(spark, demo.data(), batcher, 1);
        // one worker and the stored order: the direct epoch and the exported files are the same batches in the same order
        JavaRDD<DataSet> direct = train.rounds(42, 1, false, 1, 5);
        try (ExportedBatches exported = ExportedBatches.write(jsc, direct,
                new org.apache.hadoop.fs.Path(tmp.resolve("batches").toUri()))) {
            MultiLayerNetwork initial = demo.plan().newNetwork(42);
            SparkDl4jMultiLayer a = new SparkDl4jMultiLayer(jsc, initial.clone(), master(true, 1, 32, 5));
            a.fit(train.rounds(42, 1, false, 1, 5));
            SparkDl4jMultiLayer b = new SparkDl4jMultiLayer(jsc, initial.clone(), master(true, 1, 32, 5));
            b.fitPaths(exported.epoch(42, 1, false, 1, 5));
            assertNotEquals(initial.params(), a.getNetwork().params(), "trained");
            assertEquals(a.getNetwork().params(), b.getNetwork().params());
            assertEquals(a.getScore(), b.getScore());
        }
    }

    private static List<String> listing(Path dir) {
        try (java.util.stream.Stream<Path> s = java.nio.file.Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".bin")).sorted().toList();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static ParameterAveragingTrainingMaster master(boolean rounds) {
        return master(rounds, 2, 5, 4);
    }

    private static ParameterAveragingTrainingMaster master(boolean rounds, int workers, int batch, int averagingFrequency) {
        ParameterAveragingTrainingMaster.Builder b = new ParameterAveragingTrainingMaster.Builder(workers, batch)
                .batchSizePerWorker(batch).averagingFrequency(averagingFrequency).workerPrefetchNumBatches(0).saveUpdater(true)
                .rddTrainingApproach(RDDTrainingApproach.Direct);
        return rounds ? new RoundTrainingMaster(b) : b.build();
    }

    private static MultiLayerNetwork network() {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(1).updater(new Sgd(0.1)).list()
                .layer(new DenseLayer.Builder().nIn(3).nOut(4).activation(Activation.TANH).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(4).nOut(2).activation(Activation.SOFTMAX).build())
                .build());
        net.init();
        return net;
    }

    /** Each example of each batch as "features|label". */
    private static List<String> rows(List<DataSet> batches) {
        List<String> out = new ArrayList<>();
        for (DataSet d : batches) {
            float[][] f = d.getFeatures().reshape(d.numExamples(), -1).toFloatMatrix();
            float[][] y = d.getLabels().reshape(d.numExamples(), -1).toFloatMatrix();
            for (int i = 0; i < f.length; i++) out.add(Arrays.toString(f[i]) + "|" + Arrays.toString(y[i]));
        }
        return out;
    }

    private static List<String> sorted(List<String> l) {
        List<String> s = new ArrayList<>(l);
        s.sort(null);
        return s;
    }
}
