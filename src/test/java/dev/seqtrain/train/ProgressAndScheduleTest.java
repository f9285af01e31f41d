package dev.seqtrain.train;

import dev.seqtrain.batch.RowBatcher;
import dev.seqtrain.batch.RowBatchers;
import dev.seqtrain.job.JobSpec;
import dev.seqtrain.model.ModelPlan;
import dev.seqtrain.model.NetworkLearningRate;
import dev.seqtrain.prepare.PreparedData;
import dev.seqtrain.testing.LocalSpark;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One two-epoch Spark fit of the demo model, watched from three sides:
 * <ul>
 *   <li>the learning rate the workers used: epoch 1 at rate 0 must leave every parameter as it was, epoch 2 at
 *       0.01 must move them;</li>
 *   <li>the progress lines: both epochs report, the counts only grow within an epoch, and both expect exactly the
 *       epoch's batches, all of which are fitted (exact averaging rounds);</li>
 *   <li>DL4J's statistics cover both fits: one entry per epoch, and one worker fit per batch that history.json
 *       says was fitted.</li>
 * </ul>
 */
class ProgressAndScheduleTest {
    private static final Pattern PROGRESS = Pattern.compile("epoch (\\d)/2  (\\d+)% \\((\\d+)/(\\d+) batches\\)  \\d+ s elapsed.*");

    @Test
    void workersTrainAtTheScheduledRateAndProgressAndStatsCoverEveryEpoch(@TempDir Path tmp) {
        SparkSession spark = LocalSpark.session();
        TrainCli.PreparedDemo demo = TrainCli.prepareDemo(spark, tmp, "--set", "training.epochs=2",
                "--set", "training.lr_schedule={type: piecewise_constant, boundaries: [1], values: [0.0, 0.01]}",
                "--set", "training.progress_seconds=0.001", "--set", "training.collect_stats=true");
        JobSpec spec = demo.spec();
        PreparedData data = demo.data();
        ModelPlan plan = demo.plan();
        List<String> lines = Collections.synchronizedList(new ArrayList<>());
        SparkTrainer trainer = new SparkTrainer(JavaSparkContext.fromSparkContext(spark.sparkContext()), spec.training(), lines::add);
        RowBatcher batcher = RowBatchers.of(plan, data.labels().size(), spec);
        PreparedBatches train = PreparedBatches.train(spark, data, batcher, trainer.workers());
        PreparedBatches validation = PreparedBatches.validation(spark, data, batcher, trainer.workers());

        MultiLayerNetwork net = plan.newNetwork(spec.training().seed());
        INDArray initial = net.params().dup();
        List<INDArray> afterEpoch = new ArrayList<>();
        SparkTrainer.Result result = trainer.fit(plan, train, validation, TrainingStart.fresh(net),
                (network, history, stopping) -> afterEpoch.add(network.params().dup()));

        // the rate
        assertEquals(List.of(0.0, 0.01), result.history().stream().map(EpochRecord::lr).toList());
        assertEquals(initial, afterEpoch.get(0), "at rate 0 the workers changed no parameter");
        assertNotEquals(afterEpoch.get(0), afterEpoch.get(1), "at rate 0.01 they did");
        NetworkLearningRate.rates(result.network()).forEach(r -> assertEquals(0.01, r));
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("epoch 1/2: loss") && l.contains(", lr 0.0,")), lines.toString());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("epoch 2/2: loss") && l.contains(", lr 0.01,")), lines.toString());

        // the progress lines, against the batches DL4J's own statistics saw the workers fit
        long fitted1 = result.history().get(0).batches();
        long fitted2 = result.history().get(1).batches();
        List<long[]> progress = new ArrayList<>();
        for (String l : lines) {
            Matcher m = PROGRESS.matcher(l);
            if (m.matches()) {
                progress.add(new long[]{Long.parseLong(m.group(1)), Long.parseLong(m.group(2)), Long.parseLong(m.group(3)),
                        Long.parseLong(m.group(4))});
            }
        }
        for (int epoch = 1; epoch <= 2; epoch++) {
            int e = epoch;
            List<long[]> of = progress.stream().filter(p -> p[0] == e).toList();
            assertTrue(of.size() >= 2, "progress lines of epoch " + epoch + ": " + lines);
            for (int i = 1; i < of.size(); i++) assertTrue(of.get(i)[2] >= of.get(i - 1)[2], lines.toString());
            of.forEach(p -> assertTrue(p[1] <= 99 && p[2] <= p[3], lines.toString()));
            assertTrue(of.get(of.size() - 1)[2] > 0, "batches were counted in epoch " + epoch + ": " + lines);
            assertTrue(of.get(of.size() - 1)[2] <= (epoch == 1 ? fitted1 : fitted2), lines.toString());
        }
        // exact averaging rounds: every batch of every epoch is fitted, and the progress total is exact from epoch 1 on
        long batches = (data.trainRows() + spec.training().batchSizePerWorker() - 1) / spec.training().batchSizePerWorker();
        assertEquals(batches, fitted1, "every batch of epoch 1 was fitted");
        assertEquals(batches, fitted2, "every batch of epoch 2 was fitted");
        progress.forEach(p -> assertEquals(batches, p[3], lines.toString()));

        // DL4J's statistics: accumulated over both fit() calls
        assertNotNull(result.sparkStats());
        assertEquals(2, result.sparkStats().getValue("ParameterAveragingMasterFitTimesMs").size());
        assertEquals(fitted1 + fitted2, result.sparkStats().getValue("ParameterAveragingWorkerFitTimesMs").size());
        String html = new String(SparkStatsReport.html(result.sparkStats()), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(html.startsWith("<html>"), html.substring(0, 200));
    }
}
